package plan

import "slices"

// Changes to the replication user's role.

// Role kinds.
const (
	KindCreateRole  Kind = "create-role"
	KindAlterRole   Kind = "alter-role"
	KindSetPassword Kind = "set-password"
	KindGrantRole   Kind = "grant-role"
)

// CreateRole creates the user with its attributes and the spec's password
// (resolved by the executor, never carried in the plan).
type CreateRole struct {
	Role       string   `json:"role,omitempty"`
	Attributes []string `json:"attributes,omitempty"` // LOGIN, REPLICATION
}

// AlterRole gives the user the attributes it lacks.
type AlterRole struct {
	Role       string   `json:"role,omitempty"`
	Attributes []string `json:"attributes,omitempty"`
}

// SetPassword sets the user's password to the spec's.
type SetPassword struct {
	Role string `json:"role,omitempty"`
}

// GrantRole makes the user a member of a role (rds_replication on Aurora).
type GrantRole struct {
	Role    string `json:"role,omitempty"`
	Granted string `json:"granted_role,omitempty"`
}

func init() {
	registerKind[CreateRole](KindCreateRole)
	registerKind[AlterRole](KindAlterRole)
	registerKind[SetPassword](KindSetPassword)
	registerKind[GrantRole](KindGrantRole)
}

func (CreateRole) Kind() Kind        { return KindCreateRole }
func (CreateRole) sealed()           {}
func (CreateRole) Edge() Edge        { return EdgePostgres }
func (CreateRole) Serves() []CheckID { return []CheckID{CheckLogin, CheckReplicationPrivilege} }

func (AlterRole) Kind() Kind { return KindAlterRole }
func (AlterRole) sealed()    {}
func (AlterRole) Edge() Edge { return EdgePostgres }

// Serves: LOGIN serves the login check, REPLICATION the replication
// privilege (a user that logs in fine is not failing login for lack of
// REPLICATION).
func (c AlterRole) Serves() []CheckID {
	var checks []CheckID
	if slices.Contains(c.Attributes, "LOGIN") {
		checks = append(checks, CheckLogin)
	}
	if slices.Contains(c.Attributes, "REPLICATION") {
		checks = append(checks, CheckReplicationPrivilege)
	}
	return checks
}

func (SetPassword) Kind() Kind        { return KindSetPassword }
func (SetPassword) sealed()           {}
func (SetPassword) Edge() Edge        { return EdgePostgres }
func (SetPassword) Serves() []CheckID { return []CheckID{CheckLogin} }

func (GrantRole) Kind() Kind        { return KindGrantRole }
func (GrantRole) sealed()           {}
func (GrantRole) Edge() Edge        { return EdgePostgres }
func (GrantRole) Serves() []CheckID { return []CheckID{CheckReplicationPrivilege} }
