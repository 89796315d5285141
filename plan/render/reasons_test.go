package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/internal/kindsamples"
	"github.com/auroracfg/auroracfg/plan"
)

// Every registered fact has words of its own: as an action's reason, or
// as a finding's message.
func TestEveryFactIsWorded(t *testing.T) {
	for _, r := range plan.ReasonZeros() {
		finding := false
		for _, words := range findingWordsByDomain {
			if _, _, ok := words(r); ok {
				finding = true
			}
		}
		if w := reasonWords(r); w == string(plan.CodeOf(r)) && !finding {
			t.Errorf("fact %s has no words", plan.CodeOf(r))
		}
	}
}

// The words of facts and of the actions they explain: the sentences plan
// wrote itself before its reasons were facts (each asserted there then).
func TestReasonWords(t *testing.T) {
	here, west := "us-east-1/orders-prod", "us-west-2/orders-west"
	for _, tc := range []struct {
		action plan.Action
		want   string
	}{
		{plan.Action{Change: plan.PointTarget{}, Why: []plan.Reason{plan.TargetStale{TargetGroup: "acfg-cp-private", Stale: []string{"10.0.1.17:5432"}, Writer: "orders-prod-2", Target: "10.0.2.9:5432"}}},
			"target group acfg-cp-private points at 10.0.1.17:5432, which is not the writer: the writer orders-prod-2 is at 10.0.2.9:5432 now (a failover moves the writer to another instance and address)"},
		{plan.Action{Change: plan.MarkGlobalWriter{}, Why: []plan.Reason{plan.GlobalUnrecorded{Global: "orders-global", Source: "orders-prod"}}},
			"global database orders-global does not record where source orders-prod is prepared yet: the record lets the next plan see a switchover or failover to another cluster"},
		{plan.Action{Change: plan.MarkGlobalWriter{}, Why: []plan.Reason{plan.GlobalTagMissing{Global: "orders-global", Source: "orders-prod", Recorded: here}}},
			"global database orders-global's tag for source orders-prod is missing (the publication records us-east-1/orders-prod)"},
		{plan.Action{Change: plan.MarkGlobalWriter{}, Why: []plan.Reason{plan.GlobalMoved{Global: "orders-global", From: west, To: here, OtherRegion: true}}},
			"the source moved from us-west-2/orders-west to us-east-1/orders-prod with global database orders-global's primary (another region)"},
		{plan.Action{Change: plan.RecordWriter{}, Why: []plan.Reason{plan.GlobalUnknown{Source: "orders-prod"}}},
			"neither the tag nor the publication records where source orders-prod is prepared (the database replicates the record to every region; a tag can be removed)"},
		{plan.Action{Change: plan.GrantSelect{}, Why: []plan.Reason{plan.LacksSelect{Role: "clickpipes_user", Tables: []plan.TableName{{Schema: "Sales", Name: "Quotes"}}}}},
			`clickpipes_user lacks SELECT on "Sales"."Quotes"`},
		{plan.Action{Change: plan.CreatePublication{}, Why: []plan.Reason{plan.PublicationMissing{Publication: "p"}, plan.GeneratedStoredOnCreate{Tables: []plan.GeneratedTable{
			{Table: plan.TableName{Schema: "app", Name: "stored"}, Columns: []string{"total"}}, {Table: plan.TableName{Schema: "app", Name: "keyed"}, Columns: []string{"k"}}}}}},
			"publication p does not exist; publish_generated_columns = stored: on PostgreSQL 18 UPDATE and DELETE fail on published tables whose replica identity holds a stored generated column the publication does not publish: app.keyed (k), app.stored (total)"},
		{plan.Action{Change: plan.RebootCluster{}, Why: []plan.Reason{plan.LogicalReplicationOff{}, plan.PendingReboot{Instances: []string{"c-1", "c-2"}}}},
			"the writer's live rds.logical_replication is not set, want on (a static parameter: it takes effect at reboot); instances c-1, c-2 are pending-reboot; connections drop for about a minute"},
		{plan.Action{Change: plan.ShareResource{Name: "acfg-n"}, Why: []plan.Reason{plan.ShareLacksClickPipes{}, plan.ShareLacksConfiguration{Configuration: "acfg-n"}}},
			"resource share acfg-n: it is not shared with ClickPipes' account 072088201116; it does not hold resource configuration acfg-n"},
		{plan.Action{Change: plan.ReplicaIdentityIndex{}, Why: []plan.Reason{plan.NoReplicaIdentity{Table: plan.TableName{Schema: "app", Name: "t"}, Published: true, Index: "t_key", GeneratedColumns: []string{"g"}}}},
			"app.t is published without a replica identity: its UPDATE and DELETE are failing now (not FULL: on PostgreSQL 18 a FULL identity would hold generated column g, which makes UPDATE and DELETE fail unless published; t_key is unique on NOT NULL columns that are not generated)"},
		{plan.Action{Change: plan.SetParameters{}, Why: []plan.Reason{plan.SettingDiffers{Name: "wal_sender_timeout", Have: "60000", Want: "0"}, plan.SettingDiffers{Name: "rds.logical_replication", Want: "1"}}},
			"wal_sender_timeout is 60000, want 0; rds.logical_replication is the engine default, want 1"},
	} {
		if diff := cmp.Diff(tc.want, reasonText(tc.action)); diff != "" {
			t.Errorf("%T (-want +got):\n%s", tc.action.Change, diff)
		}
	}
}

// A finding's message and fix, worded from its fact (the sentences
// TestWalLevelReplicaIsABlocker asserted on a real server before findings
// were facts), or the words a finding not moved yet carries.
func TestFindingWords(t *testing.T) {
	for _, tc := range []struct {
		finding      plan.Finding
		message, fix string
	}{
		{plan.Finding{Fact: plan.WalLevelNotLogical{WalLevel: "replica"}},
			"wal_level is replica, want logical: logical replication cannot start",
			"run ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL (auroracfg does not restart servers it does not manage)"},
		{plan.Finding{Fact: plan.TooFewWalSenders{MaxWalSenders: 1}},
			"max_wal_senders is 1, want at least 2", "run ALTER SYSTEM SET max_wal_senders = 10; then restart PostgreSQL"},
		{plan.Finding{Fact: plan.BeingApplied{Source: "s", PID: 42, Application: "auroracfg", Since: "2026-12-07 10:00:00+00"}},
			"source s is being applied by another process (pid 42, auroracfg, since 2026-12-07 10:00:00+00): what it shows now is that apply's unfinished work, not drift",
			"plan again once that apply has finished"},
		{plan.Finding{Fact: plan.ReplicationRefused{User: "cp", Error: "permission denied to start WAL sender (SQLSTATE 42501)", Cause: plan.RefusedPrivilege}},
			"a replication connection (replication=database, IDENTIFY_SYSTEM) as cp failed: permission denied to start WAL sender (SQLSTATE 42501); ClickPipes validates a source this way and will fail the same",
			"the user lacks the replication privilege: ALTER ROLE cp REPLICATION (apply does)"},
		{plan.Finding{Fact: plan.ReplicationRefused{User: "cp", Cause: plan.RefusedPrivilege, Aurora: true}},
			"a replication connection (replication=database, IDENTIFY_SYSTEM) as cp failed: ; ClickPipes validates a source this way and will fail the same",
			"the user lacks the replication privilege: GRANT rds_replication TO cp (apply does), and check that rds.logical_replication is on"},
		{plan.Finding{Fact: plan.ReplicationRefused{User: "cp", Cause: plan.RefusedByHBA}},
			"a replication connection (replication=database, IDENTIFY_SYSTEM) as cp failed: ; ClickPipes validates a source this way and will fail the same",
			"allow the user's connections to this database in pg_hba.conf (logical replication connections match the database name, not the replication keyword), then reload"},
		{plan.Finding{Fact: plan.IdleSlotTimeoutShort{Seconds: 5400}},
			"idle_replication_slot_timeout is 1h30m: a pipe paused longer than that loses its replication slot, which forces a full resync",
			"ALTER SYSTEM SET idle_replication_slot_timeout = 0; SELECT pg_reload_conf(); (0 turns it off; or at least '1d', longer than any pause of a pipe)"},
		{plan.Finding{Fact: plan.SlotInactive{Slot: "old", Type: "logical", Plugin: "pgoutput", Database: "shop", RetainedBytes: 3 << 30}},
			`replication slot old (logical, pgoutput, database shop) is inactive and retains 3.0 GB of WAL: the WAL grows until a consumer returns or the slot is dropped`,
			"if nothing will consume it again: auroracfg apply --drop-slot old"},
		{plan.Finding{Fact: plan.EmptyScope{Scope: "shop", Schemas: []string{"Sales"}, Database: "db", OtherCase: []string{"sales"}}},
			"scope shop: none of its schemas (\"Sales\") exists in database db: its publication would replicate nothing; did you mean sales?",
			"write the schema names as PostgreSQL has them in the scope's include: sales"},
		{plan.Finding{Fact: plan.ParameterGroupShared{Group: "orders-prod-clickpipes", Clusters: []string{"billing-prod"},
			Parameters: []plan.Parameter{{Name: "wal_sender_timeout", Value: "0"}}}},
			"parameter group orders-prod-clickpipes is also attached to cluster billing-prod: setting wal_sender_timeout = 0 in it would change that cluster too",
			"name a parameter group of this cluster's own in parameterGroup.name (auroracfg creates it), or make the change knowing it applies to every cluster of the group"},
		{plan.Finding{Fact: plan.ForeignRequests{Service: "vpce-svc-1", Requests: []plan.ForeignRequest{{Endpoint: "vpce-9", Account: "111122223333"}}}},
			"endpoint service vpce-svc-1 has connection requests from other accounts waiting: vpce-9 (account 111122223333); auroracfg only ever accepts ClickPipes' account 072088201116",
			"reject them (aws ec2 reject-vpc-endpoint-connections), or accept them yourself if you know them"},
		{plan.Finding{Fact: plan.AdminCannot{Admin: "ops", Action: "role/cp", Refusal: plan.RefusedReplicationOnCreate, Major: 15}},
			"the admin ops cannot create role cp with LOGIN, REPLICATION and the spec's password: on PostgreSQL 15 creating a role with REPLICATION needs a superuser",
			"run this once as a superuser (or have a DBA run it); auroracfg keeps the rest converged without one"},
		{plan.Finding{Message: "carried", Fix: "as is"}, "carried", "as is"},
	} {
		actions := []plan.Action{{ID: "role/cp", Change: plan.CreateRole{Role: "cp", Attributes: []string{"LOGIN", "REPLICATION"}}}}
		message, fix := findingWords(tc.finding, actions)
		if diff := cmp.Diff([]string{tc.message, tc.fix}, []string{message, fix}); diff != "" {
			t.Errorf("%T (-want +got):\n%s", tc.finding.Fact, diff)
		}
	}
}

// Every kind of change says what it does in words of its own.
func TestEveryKindHasASummary(t *testing.T) {
	for _, c := range kindsamples.All() {
		if got := summaryText(plan.Action{ID: "a", Change: c}); got == string(c.Kind()) || got == "" {
			t.Errorf("kind %s has no summary", c.Kind())
		}
	}
}

// What actions do, in words: from the change and, where it does not name
// everything, its facts (the sentences the diff wrote itself before).
func TestSummaryWords(t *testing.T) {
	for _, tc := range []struct {
		action plan.Action
		want   string
	}{
		{plan.Action{Change: plan.AuthorizeIngress{GroupName: "cp-in", CIDRs: []string{"1.1.1.1/32", "2.2.2.2/32", "203.0.113.7/32"}, Port: 5432},
			Why: []plan.Reason{plan.IngressMissing{Region: "us-east-2", Extra: []string{"203.0.113.7/32"}}}},
			"allow 2 ClickPipes addresses and 203.0.113.7/32 (extraCIDRs) on TCP 5432 in security group cp-in"},
		{plan.Action{Change: plan.AuthorizeIngress{GroupName: "acfg-n", CIDRs: []string{"10.0.1.0/24"}, Port: 5432}, Why: []plan.Reason{plan.IngressMissing{}}},
			"allow the private path's subnets (10.0.1.0/24) on TCP 5432 in security group acfg-n"},
		{plan.Action{Change: plan.PointTarget{TargetGroup: "acfg-n", IP: "10.0.2.9", Port: 5432},
			Why: []plan.Reason{plan.TargetStale{Writer: "orders-prod-2"}}},
			"point target group acfg-n at the writer orders-prod-2 (10.0.2.9:5432)"},
		{plan.Action{Change: plan.SetSupportedRegions{LoadBalancer: "acfg-n", Add: []string{"us-west-2"}, Remove: []string{"eu-west-1"}},
			Why: []plan.Reason{plan.RegionsMissing{Service: "vpce-svc-1"}}},
			"set the regions endpoint service vpce-svc-1 accepts endpoints from (add us-west-2; remove eu-west-1)"},
		{plan.Action{Change: plan.MarkGlobalWriter{GlobalCluster: "arn:aws:rds::111111111111:global-cluster:orders-global", Source: "orders", Writer: "us-east-1/orders-prod"}},
			"record on global database orders-global that source orders is prepared on us-east-1/orders-prod"},
		{plan.Action{Change: plan.DropSlot{Slot: "old"}, Why: []plan.Reason{plan.SlotDropAsked{Type: "logical", Plugin: "pgoutput", Database: "shop"}}},
			"drop replication slot old (logical, pgoutput, database shop)"},
		{plan.Action{Change: plan.CreatePublication{Name: "p", Tables: []plan.TableName{{Schema: "a", Name: "t"}}}},
			"create publication p for 1 table"},
		{plan.Action{Summary: "as it was saved", Why: []plan.Reason{plan.Said{Text: "why it was"}}, Change: plan.CreateRole{Role: "cp"}},
			"as it was saved"},
	} {
		if diff := cmp.Diff(tc.want, summaryText(tc.action)); diff != "" {
			t.Errorf("%T (-want +got):\n%s", tc.action.Change, diff)
		}
	}
}
