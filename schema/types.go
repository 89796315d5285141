// Package schema is the auroracfg spec language: Go types, strict YAML loading
// with file:line:column diagnostics, defaults and validation. It never touches
// the network.
package schema

// Spec is one version-1 spec file after loading, defaulting and validation.
type Spec struct {
	Version int      `yaml:"version,required"`
	Schemas []Scope  `yaml:"schemas"`
	Sources []Source `yaml:"sources"`
}

// Scope is a reusable replication scope: a set of PostgreSQL schemas and the
// roles whose future tables must stay readable by the replication user.
type Scope struct {
	Name                string   `yaml:"name,required"`
	Include             []string `yaml:"include,required"`
	FutureTablesOwnedBy []string `yaml:"futureTablesOwnedBy"`
	// WithoutPrimaryKey says what to do with tables that have no replica
	// identity: "fail" (default) blocks publishing them, "full" sets
	// REPLICA IDENTITY FULL first.
	WithoutPrimaryKey string `yaml:"withoutPrimaryKey"`
}

// Source types.
const (
	TypePostgreSQL = "postgresql"
)

// Publication table modes.
const (
	TablesAll     = "all"
	TablesSchemas = "schemas"
)

// WithoutPrimaryKey policies.
const (
	NoKeyFail = "fail"
	NoKeyFull = "full"
)

// Source is one database to prepare as a ClickPipes CDC source.
type Source struct {
	Name        string      `yaml:"name,required"`
	Type        string      `yaml:"type,required"`
	Database    string      `yaml:"database,required"`
	Connect     Connect     `yaml:"connect"`
	Admin       Admin       `yaml:"admin"`
	User        User        `yaml:"user,required"`
	Publication Publication `yaml:"publication"`
	Schemas     []string    `yaml:"schemas,required"`
}

// Connect says how to reach the server; libpq environment variables
// (PGHOST, PGPORT, PGSSLMODE, …) fill whatever is left empty.
type Connect struct {
	Host    string `yaml:"host"`
	Port    int    `yaml:"port"`
	SSLMode string `yaml:"sslmode"`
}

// Admin is the role auroracfg connects as to observe and change the database.
type Admin struct {
	User     string     `yaml:"user"`
	Password *SecretRef `yaml:"password"`
}

// User is the replication user ClickPipes will connect as.
type User struct {
	Name     string     `yaml:"name"`
	Password *SecretRef `yaml:"password,required"`
}

// Publication is the publication ClickPipes will read.
type Publication struct {
	Name   string `yaml:"name"`
	Tables string `yaml:"tables"`
}

// SecretRef points at a secret; the spec never holds a secret value.
type SecretRef struct {
	FromEnv  string `yaml:"fromEnv"`
	FromFile string `yaml:"fromFile"`
}

// String describes where the secret lives, never its value.
func (r *SecretRef) String() string {
	switch {
	case r == nil:
		return "(none)"
	case r.FromEnv != "":
		return "env:" + r.FromEnv
	case r.FromFile != "":
		return "file:" + r.FromFile
	}
	return "(empty)"
}

// ScopeByName returns the named scope, or nil.
func (s *Spec) ScopeByName(name string) *Scope {
	for i := range s.Schemas {
		if s.Schemas[i].Name == name {
			return &s.Schemas[i]
		}
	}
	return nil
}
