package pgtest

import (
	"context"
	"testing"
)

func TestMain(m *testing.M) { Main(m) }

func TestSharedServerIsLogical(t *testing.T) {
	srv, db := NewDatabase(t, "pgtest")
	conn, err := srv.Connect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var walLevel string
	if err := conn.QueryRow(context.Background(), "SHOW wal_level").Scan(&walLevel); err != nil {
		t.Fatal(err)
	}
	if walLevel != "logical" {
		t.Errorf("wal_level = %q, want logical", walLevel)
	}
}

func TestParseMajor(t *testing.T) {
	for in, want := range map[string]int{
		"postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n": 15,
		"postgres (PostgreSQL) 12.22\n":                          12,
		"postgres (PostgreSQL) 18.4":                             18,
		"postgres (PostgreSQL) 19devel":                          19,
		"postgres (EnterpriseDB) 15.2":                           0,
	} {
		got, err := parseMajor(in)
		if got != want || (want == 0) != (err != nil) {
			t.Errorf("parseMajor(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}
