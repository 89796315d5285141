package plan

import "testing"

func TestDigestIgnoresRowOrderButSeesChanges(t *testing.T) {
	a, b := converged(), converged()
	b.Tables[0], b.Tables[1] = b.Tables[1], b.Tables[0]
	b.Schemas[0], b.Schemas[1] = b.Schemas[1], b.Schemas[0]
	if Digest(a) != Digest(b) {
		t.Errorf("digest depends on row order")
	}
	b.Tables[0].UserSelect = !b.Tables[0].UserSelect
	if Digest(a) == Digest(b) {
		t.Errorf("digest did not change when a grant changed")
	}
}

// TestDigestIgnoresWhatMovesByItself: slots, WAL, pipes connecting, table
// sizes change while nothing is configured; a saved plan must not go stale
// for them (nor the observed state be changed by digesting it).
func TestDigestIgnoresWhatMovesByItself(t *testing.T) {
	a, b := converged(), converged()
	b.Replication = ReplicationProbe{Tried: true, Error: "too many connections"}
	b.ThroughPooler = true
	b.Slots = []Slot{{Name: "pipe", Type: "logical", Active: true, RetainedBytes: 1 << 30}}
	b.Settings.SlotsUsed = 1
	b.Tables[0].Columns, b.Tables[0].RowBytes = 40, 1<<20
	if Digest(a) != Digest(b) {
		t.Errorf("digest changed with slots, probes or table sizes")
	}
	if b.Tables[0].Columns != 40 || b.Settings.SlotsUsed != 1 {
		t.Errorf("digesting changed the observed state")
	}
}
