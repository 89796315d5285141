package postgres

import (
	"strings"
	"testing"
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
