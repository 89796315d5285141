package postgres

import (
	"strings"
	"testing"

	"github.com/auroracfg/auroracfg/plan"
)

// One published_tables.sql serves every major: its line reading
// pg_publication_namespace (15+) is left out before 15.
func TestQueryForMajor(t *testing.T) {
	for major, want := range map[int]bool{12: false, 14: false, 15: true, 18: true} {
		q := queryFor("published_tables", major)
		if got := strings.Contains(q, "pg_publication_namespace"); got != want {
			t.Errorf("PostgreSQL %d: reads pg_publication_namespace = %v, want %v", major, got, want)
		}
		if !strings.Contains(q, "pg_publication_rel") {
			t.Errorf("PostgreSQL %d: the table list is gone:\n%s", major, q)
		}
	}
}

// The slot to drop travels as a parameter, never inside the SQL text; a
// name PostgreSQL would never have given a slot is refused first.
func TestDropSlotStatement(t *testing.T) {
	s := &Session{}
	got, err := s.statements(plan.Action{ID: "drop-slot/old", Change: plan.DropSlot{Slot: "old_slot"}})
	if err != nil || len(got) != 1 || got[0].sql != "SELECT pg_drop_replication_slot($1)" || len(got[0].args) != 1 || got[0].args[0] != "old_slot" {
		t.Errorf("statements = %+v, %v; want pg_drop_replication_slot($1) with old_slot", got, err)
	}
	if _, err := s.statements(plan.Action{ID: "drop-slot/x", Change: plan.DropSlot{Slot: "x'); DROP ROLE r; --"}}); err == nil {
		t.Error("a hostile slot name was accepted")
	}
}
