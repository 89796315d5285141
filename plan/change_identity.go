package plan

// Changes to tables' replica identity.

// Replica identity kinds.
const (
	KindReplicaIdentity Kind = "replica-identity-full"
	// KindReplicaIdentityIndex is REPLICA IDENTITY USING INDEX, for a
	// key-less table whose FULL identity would hold a generated column (18+).
	KindReplicaIdentityIndex Kind = "replica-identity-index"
)

// ReplicaIdentityFull sets REPLICA IDENTITY FULL on a key-less table.
type ReplicaIdentityFull struct{ Table TableName }

// ReplicaIdentityIndex makes a unique index on NOT NULL columns the table's
// replica identity.
type ReplicaIdentityIndex struct {
	Table TableName
	Index string
}

func init() {
	registerKind(KindReplicaIdentity, func(f Fields) Change { return ReplicaIdentityFull{Table: firstTable(f.Tables)} })
	registerKind(KindReplicaIdentityIndex, func(f Fields) Change {
		return ReplicaIdentityIndex{Table: firstTable(f.Tables), Index: f.Index}
	})
}

func (ReplicaIdentityFull) Kind() Kind       { return KindReplicaIdentity }
func (ReplicaIdentityFull) sealed()          {}
func (ReplicaIdentityFull) Edge() Edge       { return EdgePostgres }
func (ReplicaIdentityFull) Serves() []string { return []string{CheckReplicaIdentity} }
func (c ReplicaIdentityFull) Fields() Fields { return Fields{Tables: []TableName{c.Table}} }

func (ReplicaIdentityIndex) Kind() Kind       { return KindReplicaIdentityIndex }
func (ReplicaIdentityIndex) sealed()          {}
func (ReplicaIdentityIndex) Edge() Edge       { return EdgePostgres }
func (ReplicaIdentityIndex) Serves() []string { return []string{CheckReplicaIdentity} }
func (c ReplicaIdentityIndex) Fields() Fields {
	return Fields{Tables: []TableName{c.Table}, Index: c.Index}
}

func firstTable(ts []TableName) TableName {
	if len(ts) == 0 {
		return TableName{}
	}
	return ts[0]
}
