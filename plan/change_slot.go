package plan

// KindDropSlot drops a replication slot the user named with a flag.
const KindDropSlot Kind = "drop-replication-slot"

// DropSlot drops an inactive replication slot (--drop-slot).
type DropSlot struct {
	Slot string `json:"slot,omitempty"`
}

func init() {
	registerKind[DropSlot](KindDropSlot)
}

func (DropSlot) Kind() Kind        { return KindDropSlot }
func (DropSlot) sealed()           {}
func (DropSlot) Edge() Edge        { return EdgePostgres }
func (DropSlot) Serves() []CheckID { return []CheckID{CheckReplicationSlots} }
