package plan

// Changes that let the user read the tables in scope.

// Grant kinds.
const (
	KindGrantUsage        Kind = "grant-usage"
	KindGrantSelect       Kind = "grant-select"
	KindDefaultPrivileges Kind = "default-privileges"
)

// GrantUsage grants USAGE on schemas.
type GrantUsage struct {
	Role    string
	Schemas []string
}

// GrantSelect grants SELECT on tables of one schema.
type GrantSelect struct {
	Role   string
	Schema string
	Tables []TableName
}

// DefaultPrivileges makes the tables Owner creates in Schema readable by Role.
type DefaultPrivileges struct {
	Owner, Schema, Role string
}

func init() {
	registerKind(KindGrantUsage, func(f Fields) Change { return GrantUsage{Role: f.Role, Schemas: f.Schemas} })
	registerKind(KindGrantSelect, func(f Fields) Change { return GrantSelect{Role: f.Role, Schema: first(f.Schemas), Tables: f.Tables} })
	registerKind(KindDefaultPrivileges, func(f Fields) Change {
		return DefaultPrivileges{Owner: f.Owner, Schema: first(f.Schemas), Role: f.Role}
	})
}

func (GrantUsage) Kind() Kind       { return KindGrantUsage }
func (GrantUsage) sealed()          {}
func (GrantUsage) Edge() Edge       { return EdgePostgres }
func (GrantUsage) Serves() []string { return []string{CheckTablesSelectable} }
func (c GrantUsage) Fields() Fields { return Fields{Role: c.Role, Schemas: c.Schemas} }

func (GrantSelect) Kind() Kind       { return KindGrantSelect }
func (GrantSelect) sealed()          {}
func (GrantSelect) Edge() Edge       { return EdgePostgres }
func (GrantSelect) Serves() []string { return []string{CheckTablesSelectable} }
func (c GrantSelect) Fields() Fields {
	return Fields{Role: c.Role, Schemas: []string{c.Schema}, Tables: c.Tables}
}

func (DefaultPrivileges) Kind() Kind       { return KindDefaultPrivileges }
func (DefaultPrivileges) sealed()          {}
func (DefaultPrivileges) Edge() Edge       { return EdgePostgres }
func (DefaultPrivileges) Serves() []string { return []string{CheckFutureTables} }
func (c DefaultPrivileges) Fields() Fields {
	return Fields{Role: c.Role, Owner: c.Owner, Schemas: []string{c.Schema}}
}

// first is the first element, or "".
func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
