package plan

import "encoding/json"

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
	registerKind[ReplicaIdentityFull](KindReplicaIdentity)
	registerKind[ReplicaIdentityIndex](KindReplicaIdentityIndex)
}

// identityPayload is both kinds in format 1, whose table is a list of one.
type identityPayload struct {
	Tables []TableName `json:"tables,omitempty"`
	Index  string      `json:"index,omitempty"`
}

func (c ReplicaIdentityFull) MarshalJSON() ([]byte, error) {
	return json.Marshal(identityPayload{Tables: []TableName{c.Table}})
}

func (c *ReplicaIdentityFull) UnmarshalJSON(data []byte) error {
	var p identityPayload
	err := json.Unmarshal(data, &p)
	*c = ReplicaIdentityFull{Table: firstTable(p.Tables)}
	return err
}

func (c ReplicaIdentityIndex) MarshalJSON() ([]byte, error) {
	return json.Marshal(identityPayload{Tables: []TableName{c.Table}, Index: c.Index})
}

func (c *ReplicaIdentityIndex) UnmarshalJSON(data []byte) error {
	var p identityPayload
	err := json.Unmarshal(data, &p)
	*c = ReplicaIdentityIndex{Table: firstTable(p.Tables), Index: p.Index}
	return err
}

func (ReplicaIdentityFull) Kind() Kind        { return KindReplicaIdentity }
func (ReplicaIdentityFull) sealed()           {}
func (ReplicaIdentityFull) Edge() Edge        { return EdgePostgres }
func (ReplicaIdentityFull) Serves() []CheckID { return []CheckID{CheckReplicaIdentity} }

func (ReplicaIdentityIndex) Kind() Kind        { return KindReplicaIdentityIndex }
func (ReplicaIdentityIndex) sealed()           {}
func (ReplicaIdentityIndex) Edge() Edge        { return EdgePostgres }
func (ReplicaIdentityIndex) Serves() []CheckID { return []CheckID{CheckReplicaIdentity} }

func firstTable(ts []TableName) TableName {
	if len(ts) == 0 {
		return TableName{}
	}
	return ts[0]
}
