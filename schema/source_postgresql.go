package schema

import "fmt"

// postgresqlType is any PostgreSQL server reached at connect.host and
// connect.port: the database side only, nothing of a provider's.
var postgresqlType = sourceType{
	name: TypePostgreSQL,
	database: func(src *Source) (string, bool) {
		if src.Connect.Host == "" || src.Connect.Port == 0 {
			return "", false
		}
		return fmt.Sprintf("%s:%d/%s", src.Connect.Host, src.Connect.Port, src.Database), true
	},
}
