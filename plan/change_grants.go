package plan

import "encoding/json"

// Changes that let the user read the tables in scope.

// Grant kinds.
const (
	KindGrantUsage        Kind = "grant-usage"
	KindGrantSelect       Kind = "grant-select"
	KindDefaultPrivileges Kind = "default-privileges"
)

// GrantUsage grants USAGE on schemas.
type GrantUsage struct {
	Role    string   `json:"role,omitempty"`
	Schemas []string `json:"schemas,omitempty"`
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
	registerKind[GrantUsage](KindGrantUsage)
	registerKind[GrantSelect](KindGrantSelect)
	registerKind[DefaultPrivileges](KindDefaultPrivileges)
}

// grantPayload is GrantSelect and DefaultPrivileges in format 1, whose
// schema is a list of one.
type grantPayload struct {
	Role    string      `json:"role,omitempty"`
	Owner   string      `json:"owner,omitempty"`
	Schemas []string    `json:"schemas,omitempty"`
	Tables  []TableName `json:"tables,omitempty"`
}

func (c GrantSelect) MarshalJSON() ([]byte, error) {
	return json.Marshal(grantPayload{Role: c.Role, Schemas: []string{c.Schema}, Tables: c.Tables})
}

func (c *GrantSelect) UnmarshalJSON(data []byte) error {
	var p grantPayload
	err := json.Unmarshal(data, &p)
	*c = GrantSelect{Role: p.Role, Schema: first(p.Schemas), Tables: p.Tables}
	return err
}

func (c DefaultPrivileges) MarshalJSON() ([]byte, error) {
	return json.Marshal(grantPayload{Role: c.Role, Owner: c.Owner, Schemas: []string{c.Schema}})
}

func (c *DefaultPrivileges) UnmarshalJSON(data []byte) error {
	var p grantPayload
	err := json.Unmarshal(data, &p)
	*c = DefaultPrivileges{Owner: p.Owner, Schema: first(p.Schemas), Role: p.Role}
	return err
}

func (GrantUsage) Kind() Kind        { return KindGrantUsage }
func (GrantUsage) sealed()           {}
func (GrantUsage) Edge() Edge        { return EdgePostgres }
func (GrantUsage) Serves() []CheckID { return []CheckID{CheckTablesSelectable} }

func (GrantSelect) Kind() Kind        { return KindGrantSelect }
func (GrantSelect) sealed()           {}
func (GrantSelect) Edge() Edge        { return EdgePostgres }
func (GrantSelect) Serves() []CheckID { return []CheckID{CheckTablesSelectable} }

func (DefaultPrivileges) Kind() Kind        { return KindDefaultPrivileges }
func (DefaultPrivileges) sealed()           {}
func (DefaultPrivileges) Edge() Edge        { return EdgePostgres }
func (DefaultPrivileges) Serves() []CheckID { return []CheckID{CheckFutureTables} }

// first is the first element, or "".
func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
