package plan

// Observed is what a source looks like right now. It is plain data so that
// tests can build one by hand.
type Observed struct {
	ServerVersionNum int // e.g. 150004
	InRecovery       bool
	Settings         Settings
	Database         string
	// User is the replication user, nil when the role does not exist.
	User *Role
	// Login is how logging in as the user with the spec's password went.
	Login LoginResult
	// Schemas are the spec's schemas that exist in the database.
	Schemas []SchemaState
	// NoTablesInScope: none of the existing scoped schemas holds a table a
	// publication could publish.
	NoTablesInScope bool `json:",omitempty"`
	// SchemasOtherCase are existing schemas whose names differ from a
	// scoped one only in case (the "did you mean" of a missing schema).
	SchemasOtherCase []string `json:",omitempty"`
	// Tables are tables in the scoped schemas (every user schema for FOR ALL
	// TABLES), partitioned ones included. A source may leave out tables that
	// need nothing (readable, with a replica identity, not partitioned) when
	// the publication lists schemas rather than tables: they cannot change
	// the plan, and at 10,000 tables reading them dominates a no-change plan.
	Tables []Table
	// PartitionsOutOfScope are partitions in schemas out of scope whose root
	// is in scope, observed on PostgreSQL 12 only: it publishes partitions,
	// not their root, so their rows would never be published.
	PartitionsOutOfScope []Table `json:",omitempty"`
	// Roles are the futureTablesOwnedBy roles that exist.
	Roles []string
	// Admin is the role auroracfg connects as (nil when not observed, as in
	// hand-built states): plan predicts apply's refusals from it.
	Admin *Admin `json:",omitempty"`
	// DefaultGrants are the (owner, schema) pairs whose default privileges
	// already give the user SELECT on new tables; Schema "" means every schema.
	DefaultGrants []DefaultGrant
	// Publication is the spec's publication, nil when it does not exist.
	Publication *Publication
	// AWS is the AWS side of an Aurora source (nil for other sources).
	AWS *AWSObserved
	// Creators are the roles that can create tables in the scoped schemas
	// (owners of default privileges under futureTablesOwnedByAllCreators).
	Creators []Creator
	// PublicCreateSchemas are scoped schemas where PUBLIC holds CREATE (the
	// default on schema public before PostgreSQL 15): any role that can
	// connect may create tables there. Its roles are not in Creators.
	PublicCreateSchemas []string `json:",omitempty"`

	// The fields below change while nothing is being configured (WAL grows,
	// pipes connect and disconnect): the observed digest leaves them out
	// (digest.go's withoutVolatile) so that a saved plan does not go stale
	// because of them. They feed checks and warnings, and the only action they lead to,
	// dropping a slot, is asked for by name (--drop-slot) and checked again
	// when apply plans afresh.

	// Replication is how a replication connection as the user went.
	Replication ReplicationProbe `json:",omitzero"`
	// ThroughPooler says the connection reached PostgreSQL through a pooler
	// or proxy: the backend the session runs on is not the one the server
	// announced at startup.
	ThroughPooler bool `json:",omitzero"`
	// Slots are the server's replication slots.
	Slots []Slot `json:",omitzero"`
	// BeingApplied is the session of another apply holding this source's
	// apply lock: what is observed may be its half-done work.
	BeingApplied *ApplyHolder `json:",omitzero"`
}

// ApplyHolder is the session holding a source's apply lock.
type ApplyHolder struct {
	PID         int
	Application string
	Since       string
}

// Admin is the role auroracfg connects as and what apply's statements need
// of it. PostgreSQL's rules for them changed in 16 (privileges.go).
type Admin struct {
	Name        string
	Superuser   bool
	CreateRole  bool
	Replication bool
	// RDSSuperuser: a member of rds_superuser (Aurora, RDS), whose rights
	// differ from community PostgreSQL's: plan predicts nothing for it.
	RDSSuperuser     bool
	CreateOnDatabase bool
	// AdminOptionOnUser: ADMIN OPTION on the replication user, which 16+
	// needs to alter it or set its password.
	AdminOptionOnUser bool
	// MemberOf and Inherits list the futureTablesOwnedBy and creator roles
	// the admin is a member of, and those whose privileges it has (a member
	// with INHERIT).
	MemberOf []string `json:",omitempty"`
	Inherits []string `json:",omitempty"`
}

// ReplicationProbe is the outcome of opening a replication connection
// (replication=database) as the user and running IDENTIFY_SYSTEM, the way
// the ClickPipes engine validates a source.
type ReplicationProbe struct {
	// Tried is false when the probe could not be attempted (no user yet, or
	// no replication privilege yet).
	Tried bool
	OK    bool
	// Error is the server's refusal, without secrets.
	Error string
}

// Slot is a replication slot.
type Slot struct {
	Name     string
	Plugin   string
	Type     string // logical or physical
	Database string
	Active   bool
	// WalStatus is reserved, extended, unreserved or lost (PostgreSQL 13+).
	WalStatus string
	// RetainedBytes is how much WAL the slot keeps from being removed.
	RetainedBytes int64
}

// Creator is a role that can create tables in scoped schemas: a schema's
// owner or a login role with CREATE on it (superusers are left out).
type Creator struct {
	Role    string
	Schemas []string
}

// Settings are the server settings logical replication depends on.
type Settings struct {
	WalLevel string
	// RDSLogicalReplication is rds.logical_replication ("" when the server has no such setting).
	RDSLogicalReplication string
	MaxWalSenders         int
	MaxReplicationSlots   int
	// MaxSlotWalKeepSizeMB is max_slot_wal_keep_size in MB: -1 is unbounded;
	// nil on PostgreSQL 12, which has no such setting.
	MaxSlotWalKeepSizeMB *int64
	// IdleSlotTimeoutSeconds is idle_replication_slot_timeout: 0 is off;
	// nil before PostgreSQL 18, which has no such setting.
	IdleSlotTimeoutSeconds *int64 `json:",omitempty"`
	// SlotsUsed counts the existing replication slots.
	SlotsUsed int `json:",omitzero"` // volatile: see Observed
}

// Role is an observed PostgreSQL role.
type Role struct {
	Name        string
	CanLogin    bool
	Replication bool
	MemberOf    []string
	// Powers are attributes beyond what a pipe needs (SUPERUSER,
	// CREATEROLE, CREATEDB, BYPASSRLS), which auroracfg never gives.
	Powers []string `json:",omitempty"`
	// PasswordExpired: VALID UNTIL is in the past; ValidUntil is its text.
	PasswordExpired bool   `json:",omitempty"`
	ValidUntil      string `json:",omitempty"`
}

// LoginResult is the outcome of the user's login probe.
type LoginResult string

// Login probe outcomes.
const (
	LoginNotTried    LoginResult = ""             // no user, or no password to try
	LoginOK          LoginResult = "ok"           // the spec's password works
	LoginBadPassword LoginResult = "bad-password" // the server rejected the password
	LoginRefused     LoginResult = "refused"      // refused for another reason (pg_hba, NOLOGIN…)
)

// SchemaState is an existing schema in scope.
type SchemaState struct {
	Name      string
	UserUsage bool
	// AdminCanGrant: the admin has the owner's privileges, or USAGE WITH
	// GRANT OPTION.
	AdminCanGrant bool `json:",omitempty"`
}

// TableName is a schema-qualified table name.
type TableName struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
}

// String renders the name as PostgreSQL would print it (quoted where needed).
func (t TableName) String() string { return QuoteIdent(t.Schema) + "." + QuoteIdent(t.Name) }

func (t TableName) less(o TableName) bool {
	if t.Schema != o.Schema {
		return t.Schema < o.Schema
	}
	return t.Name < o.Name
}

// Table is an observed ordinary or partitioned table.
type Table struct {
	TableName
	Partitioned bool // relkind 'p'
	// Root is the top-most partitioned ancestor of a partition (zero otherwise).
	Root             TableName
	ReplicaIdentity  byte // relreplident: 'd' default, 'f' full, 'i' index, 'n' nothing
	HasPrimaryKey    bool
	HasIdentityIndex bool
	UserSelect       bool
	// Columns and RowBytes (an estimate from the table's size, 0 when
	// unknown) size what REPLICA IDENTITY FULL writes to WAL per change.
	Columns  int   `json:",omitzero"` // volatile: see Observed
	RowBytes int64 `json:",omitzero"`
	// Generated are the table's generated columns, observed on PostgreSQL
	// 18+ only, where a replica identity holding one the publication does
	// not publish makes UPDATE and DELETE fail.
	Generated []GeneratedColumn `json:",omitempty"`
	// AdminOwns: the admin has the owner's privileges (ALTER TABLE, adding
	// it to a publication's list); AdminCanGrant: it may also grant SELECT
	// (owner, or SELECT WITH GRANT OPTION). Observed for the tables read.
	AdminOwns     bool `json:",omitempty"`
	AdminCanGrant bool `json:",omitempty"`
	// IdentityCandidate is a unique index PostgreSQL accepts as replica
	// identity (immediate, not partial, on NOT NULL columns) with no
	// generated column, "" when there is none; observed with Generated.
	IdentityCandidate string `json:",omitempty"`
	// Unlogged tables write no WAL, so logical replication cannot carry
	// them: PostgreSQL refuses them in a publication's list and leaves
	// them out of schema and all-tables publications.
	Unlogged bool `json:",omitempty"`
	// RowSecurity: row-level security is enabled; a user that neither owns
	// the table nor has BYPASSRLS reads only the rows its policies allow.
	RowSecurity bool `json:",omitempty"`
	// GeneratedKey: a generated column is in the primary key.
	GeneratedKey bool `json:",omitempty"`
}

// GeneratedColumn is a generated column of a table.
type GeneratedColumn struct {
	Name    string
	Virtual bool // VIRTUAL (PostgreSQL 18+): computed on read, never publishable
	// InIdentity: the column is in the table's current replica identity.
	InIdentity bool
}

// IsPartition reports whether the table is a partition of another table.
func (t Table) IsPartition() bool { return t.Root != (TableName{}) }

// HasReplicaIdentity reports whether UPDATE and DELETE can be published:
// a primary key under the default identity, FULL, or a usable identity index.
func (t Table) HasReplicaIdentity() bool {
	switch t.ReplicaIdentity {
	case 'f':
		return true
	case 'i':
		return t.HasIdentityIndex
	case 'd':
		return t.HasPrimaryKey
	}
	return false
}

// DefaultGrant is an owner's default privilege that already covers the user.
type DefaultGrant struct {
	Owner  string
	Schema string
}

// Publication is an observed publication.
type Publication struct {
	Name      string
	AllTables bool
	ViaRoot   bool
	// GeneratedStored is publish_generated_columns = stored (PostgreSQL 18+).
	GeneratedStored bool `json:",omitempty"`
	// AdminOwns: the admin has the owner's privileges (ALTER PUBLICATION).
	AdminOwns bool `json:",omitempty"`
	// Comment is the publication's comment (COMMENT ON PUBLICATION), where
	// a Global Database source's writer is recorded (WriterComment).
	Comment string `json:",omitempty"`
	Schemas []string
	Tables  []TableName
	// Unpublished are the operations (insert, update, delete) it does not
	// publish; RowFiltered and ColumnListed are tables it publishes only
	// in part (a WHERE, a column list: 15+). The pipe silently loses the
	// rest.
	Unpublished  []string    `json:",omitempty"`
	RowFiltered  []TableName `json:",omitempty"`
	ColumnListed []TableName `json:",omitempty"`
}
