package plan

// The fact of the admin-privilege findings (a finding's Fact): an action
// of the plan the server would refuse from the admin auroracfg connects
// as, and why; plan/render words it.

// AdminRefusal names why the server would refuse an action.
type AdminRefusal string

// The refusals plan predicts (community PostgreSQL's rules, by major).
const (
	RefusedNeedsCreateRole         AdminRefusal = "needs-createrole"
	RefusedReplicationOnCreate     AdminRefusal = "replication-on-create-needs-superuser" // before 16
	RefusedReplicationOnAlter      AdminRefusal = "replication-on-alter-needs-superuser"  // before 16
	RefusedReplicationNeedsOwn     AdminRefusal = "replication-needs-replication"         // 16+
	RefusedAlterNeedsAdminOption   AdminRefusal = "alter-needs-admin-option"              // 16+
	RefusedSchemaGrant             AdminRefusal = "schema-grant"
	RefusedTableGrant              AdminRefusal = "table-grant"
	RefusedDefaultsNeedInherit     AdminRefusal = "default-privileges-need-inherit" // 16+
	RefusedDefaultsNeedMembership  AdminRefusal = "default-privileges-need-membership"
	RefusedTableOwner              AdminRefusal = "table-owner"
	RefusedAllTablesPublication    AdminRefusal = "all-tables-publication"
	RefusedSchemaPublication       AdminRefusal = "schema-publication"
	RefusedCreateOnDatabase        AdminRefusal = "create-on-database"
	RefusedListedTablesOwner       AdminRefusal = "listed-tables-owner"
	RefusedPublicationOwner        AdminRefusal = "publication-owner"
	RefusedDropSlotNeedReplication AdminRefusal = "drop-slot-needs-replication"
)

// AdminCannot: the admin cannot run an action (Action, its id). The operands
// name what the refusal is about: the role, the owner, the schemas or
// tables denied, the database, the server's major version.
type AdminCannot struct {
	Admin    string       `json:"admin"`
	Action   string       `json:"action"`
	Refusal  AdminRefusal `json:"refusal"`
	Major    int          `json:"major,omitempty"`
	Role     string       `json:"role,omitempty"`
	Owner    string       `json:"owner,omitempty"`
	Database string       `json:"database,omitempty"`
	Schemas  []string     `json:"schemas,omitempty"`
	Tables   []TableName  `json:"tables,omitempty"`
}

func (AdminCannot) reasonCode() ReasonCode { return "admin-cannot" }

func init() { registerReasons(AdminCannot{}) }
