package plan

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/auroracfg/auroracfg/schema"
)

func int64p(n int64) *int64 { return &n }

// TestPreflight covers the pre-flight findings and what they do to the plan
// and the checks, one situation per case.
func TestPreflight(t *testing.T) {
	ready := func() *Observed {
		o := converged()
		o.Replication = ReplicationProbe{Tried: true, OK: true}
		o.Settings.MaxSlotWalKeepSizeMB = int64p(204800)
		o.Settings.SlotsUsed = 1
		return o
	}
	allCreators := desired("fail", "schemas")
	allCreators.Schemas[1].AllCreators = true // app
	dropping := desired("fail", "schemas")
	dropping.DropSlots = []string{"old", "busy", "gone"}
	auroraKeep := auroraDesired(func(s *schema.Source) { s.ParameterGroup.MaxSlotWalKeepSize = "204800" })

	tests := []struct {
		name     string
		d        Desired
		o        func() *Observed
		findings []string
		actions  []string
		failing  []string // checks that fail
	}{
		{name: "ready", d: desired("fail", "schemas"), o: ready},
		// the engine's verdicts: a user that logs in fine does not fail the
		// login check for lack of REPLICATION
		{name: "only REPLICATION missing", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.User.Replication = false
				o.Replication = ReplicationProbe{}
				return o
			},
			actions: []string{"role/clickpipes_user/attributes"}, failing: []string{"replication-privilege", "replication-connection"}},
		// through roots is advice for an all-tables publication: the engine
		// validates, snapshots and streams it either way
		{name: "all-tables publication not through roots", d: desired("fail", "all"),
			o: func() *Observed {
				o := ready()
				o.Publication = &Publication{Name: "clickpipes_publication", AllTables: true}
				for i := range o.Tables {
					o.Tables[i].UserSelect = true
				}
				return o
			},
			findings: []string{"warning:via-root-advice"}},
		// every sender taken while auroracfg probed (a fleet on one server):
		// not a verdict on the source, never a false "not ready"
		{name: "no free WAL sender for the probe", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.Replication = ReplicationProbe{Tried: true, Error: "number of requested standby connections exceeds max_wal_senders (currently 10) (SQLSTATE 53300)"}
				return o
			},
			findings: []string{"warning:senders-busy"}},
		{name: "replication refused for lack of privilege, and the login by pg_hba", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.Replication = ReplicationProbe{Tried: true, Error: "permission denied to start WAL sender (SQLSTATE 42501)"}
				o.Login = LoginRefused
				return o
			},
			findings: []string{"blocker:replication-connection", "blocker:login-refused"}, failing: []string{"login", "replication-connection"}},
		// the admin from the libpq environment is the replication user: its
		// password, attributes and grants would be reset
		{name: "connected as the replication user", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.Admin = &Admin{Name: "clickpipes_user", CreateRole: true}
				o.Login = LoginBadPassword
				return o
			},
			findings: []string{"blocker:admin-is-user"},
			failing: []string{"pooler", "logical-replication", "max-wal-senders", "replication-slots", "login", "replication-privilege",
				"replication-connection", "publication", "replica-identity", "tables-selectable", "future-tables", "wal-retention"}},
		// an expired password is not "changed outside the spec": setting it
		// again would not help and would be planned on every run
		{name: "password expired", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.User.PasswordExpired, o.User.ValidUntil = true, "2026-01-01 00:00:00+00"
				o.Login = LoginBadPassword
				return o
			},
			findings: []string{"blocker:password-expired"}, failing: []string{"login"}},
		{name: "a user with more than a pipe needs", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.User.Powers = []string{"SUPERUSER", "BYPASSRLS"}
				return o
			},
			findings: []string{"warning:user-powers"}},
		{name: "through a pooler", d: desired("fail", "schemas"),
			o:        func() *Observed { o := ready(); o.ThroughPooler = true; return o },
			findings: []string{"blocker:pooler"}, failing: []string{"pooler"}},
		{name: "replication connection refused", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.Replication = ReplicationProbe{Tried: true, Error: "no pg_hba.conf entry"}
				return o
			},
			findings: []string{"blocker:replication-connection"}, failing: []string{"replication-connection"}},
		{name: "refusal while wal_level is not logical is the wal_level's problem", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.Settings.WalLevel = "replica"
				o.Replication = ReplicationProbe{Tried: true, Error: "logical decoding requires wal_level >= logical"}
				return o
			},
			findings: []string{"blocker:wal-level"}, failing: []string{"logical-replication", "replication-connection"}},
		{name: "no free slot", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.Settings.SlotsUsed = 10
				return o
			},
			findings: []string{"blocker:replication-slots"}, failing: []string{"replication-slots"}},
		{name: "no free slot, but the pipe already has its own", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.Settings.SlotsUsed = 10
				o.Slots = []Slot{{Name: "peerflow_slot_orders", Type: "logical", Active: true}}
				return o
			}},
		{name: "inactive and lost slots", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.Slots = []Slot{{Name: "a", Type: "logical", RetainedBytes: 3 << 30}, {Name: "b", Type: "physical", WalStatus: "lost"}, {Name: "c", Active: true}}
				return o
			},
			findings: []string{"warning:inactive-slot/a", "warning:inactive-slot/b"}},
		{name: "drop slots: inactive dropped, active refused, missing noted", d: dropping,
			o: func() *Observed {
				o := ready()
				o.Slots = []Slot{{Name: "old", Type: "logical"}, {Name: "busy", Type: "logical", Active: true}}
				return o
			},
			findings: []string{"blocker:drop-slot/busy", "warning:drop-slot/gone"}, actions: []string{"drop-slot/old"},
			failing: []string{"replication-slots"}},
		{name: "slot WAL unbounded", d: desired("fail", "schemas"),
			o:        func() *Observed { o := ready(); o.Settings.MaxSlotWalKeepSizeMB = int64p(-1); return o },
			findings: []string{"warning:max-slot-wal-keep-size"}},
		{name: "slot WAL bound below the guide's 100 GB", d: desired("fail", "schemas"),
			o:        func() *Observed { o := ready(); o.Settings.MaxSlotWalKeepSizeMB = int64p(1024); return o },
			findings: []string{"warning:max-slot-wal-keep-size"}},
		{name: "PostgreSQL 12 has no bound to set", d: desired("fail", "schemas"),
			o: func() *Observed { o := ready(); o.Settings.MaxSlotWalKeepSizeMB = nil; return o }},
		{name: "PostgreSQL 18 invalidating slots idle for an hour", d: desired("fail", "schemas"),
			o:        func() *Observed { o := ready(); o.Settings.IdleSlotTimeoutSeconds = int64p(3600); return o },
			findings: []string{"warning:idle-slot-timeout"}},
		{name: "PostgreSQL 18 idle slot timeout off", d: desired("fail", "schemas"),
			o: func() *Observed { o := ready(); o.Settings.IdleSlotTimeoutSeconds = int64p(0); return o }},
		{name: "PostgreSQL 18 idle slot timeout of two days", d: desired("fail", "schemas"),
			o: func() *Observed { o := ready(); o.Settings.IdleSlotTimeoutSeconds = int64p(2 * 86400); return o }},
		{name: "a creator not covered", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.Creators = []Creator{{Role: "app_owner", Schemas: []string{"Sales", "app"}}, {Role: "dev", Schemas: []string{"app", "other"}}}
				return o
			},
			findings: []string{"warning:future-tables/dev"}},
		{name: "every creator taken as an owner", d: allCreators,
			o: func() *Observed {
				o := ready()
				o.Creators = []Creator{{Role: "dev", Schemas: []string{"Sales", "app"}}}
				return o
			},
			findings: []string{"warning:future-tables/dev"}, // Sales does not take all creators
			actions:  []string{"default-privileges/dev/app"}, failing: []string{"future-tables"}},
		{name: "a wide FULL table", d: desired("fail", "schemas"),
			o: func() *Observed {
				o := ready()
				o.Tables = append(o.Tables, Table{TableName: TableName{"app", "wide"}, ReplicaIdentity: 'f', UserSelect: true, Columns: 12, RowBytes: 4096})
				return o
			},
			findings: []string{"warning:wide-full-identity"}},
		{name: "a standby", d: desired("fail", "schemas"),
			o:        func() *Observed { o := fresh(); o.InRecovery = true; return o },
			findings: []string{"blocker:standby"},
			failing: []string{"primary", "max-wal-senders", "logical-replication", "login", "pooler", "publication", "replica-identity",
				"replication-connection", "replication-privilege", "replication-slots", "tables-selectable", "future-tables", "wal-retention"}},
		{name: "Aurora with the bound in the spec", d: auroraKeep,
			o: func() *Observed {
				o := convergedAurora()
				o.Replication = ReplicationProbe{Tried: true, OK: true}
				o.Settings.MaxSlotWalKeepSizeMB = int64p(-1)
				o.AWS.AttachedParams["max_slot_wal_keep_size"] = "204800"
				return o
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sp := Build(tc.d, tc.o())
			var actions, failing []string
			for _, a := range sp.Actions {
				actions = append(actions, a.ID)
			}
			for _, id := range FailingChecks(tc.d, tc.o(), sp) {
				failing = append(failing, string(id))
			}
			if diff := cmp.Diff(tc.findings, findingIDs(sp)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.actions, actions); diff != "" {
				t.Errorf("actions (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.failing, failing, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
				t.Errorf("failing checks (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1536: "1.5 kB", 3 << 30: "3.0 GB", 200 << 30: "200.0 GB"} {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestReplicationRefusalFixNamesTheCause: a refused replication
// connection's finding names the cause the server gave (render words the
// fix for each: TestFindingWords).
func TestReplicationRefusalFixNamesTheCause(t *testing.T) {
	for refusal, want := range map[string]RefusalCause{
		"permission denied to start WAL sender (SQLSTATE 42501)":           RefusedPrivilege,
		`no pg_hba.conf entry for replication connection (SQLSTATE 28000)`: RefusedByHBA,
		"could not connect: connection reset":                              RefusedOther,
	} {
		o := converged()
		o.Replication = ReplicationProbe{Tried: true, Error: refusal}
		sp := Build(desired("fail", "schemas"), o)
		var got Reason
		for _, f := range sp.Findings {
			if f.Code == FindingReplicationConnection {
				got = f.Fact
			}
		}
		if diff := cmp.Diff(ReplicationRefused{User: "clickpipes_user", Error: refusal, Cause: want}, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", refusal, diff)
		}
	}
}
