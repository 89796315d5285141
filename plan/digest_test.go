package plan

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

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

// TestEveryKindSurvivesASavedPlan: each kind of change, with every payload
// field set, comes back from a saved plan as the same typed change. A kind
// registered without a sample here fails, so a new kind cannot skip it.
func TestEveryKindSurvivesASavedPlan(t *testing.T) {
	tables := []TableName{{"app", "orders"}, {"app", "items"}}
	samples := []Change{
		CreateRole{Role: "cp", Attributes: []string{"LOGIN", "REPLICATION"}},
		AlterRole{Role: "cp", Attributes: []string{"REPLICATION"}},
		SetPassword{Role: "cp"},
		GrantRole{Role: "cp", Granted: RDSReplicationRole},
		GrantUsage{Role: "cp", Schemas: []string{"app", "billing"}},
		GrantSelect{Role: "cp", Schema: "app", Tables: tables},
		DefaultPrivileges{Owner: "app_owner", Schema: "app", Role: "cp"},
		ReplicaIdentityFull{Table: tables[0]},
		ReplicaIdentityIndex{Table: tables[1], Index: "items_code_key"},
		CreatePublication{Name: "pub", AllTables: true, Schemas: []string{"app"}, Tables: tables, ViaRoot: true, GeneratedStored: true},
		PublicationAdd{Name: "pub", Schemas: []string{"app"}, Tables: tables},
		PublicationOptions{Name: "pub", ViaRoot: true, GeneratedStored: true},
		DropSlot{Slot: "old_slot"},
		CreateParameterGroup{Scope: ClusterParameterGroup, Name: "pg", Family: "aurora-postgresql16"},
		SetParameters{Scope: ClusterParameterGroup, Group: "pg", Parameters: []Parameter{{"rds.logical_replication", "1", "pending-reboot"}}},
		AttachParameterGroup{Scope: ClusterParameterGroup, Target: "c", Group: "pg"},
		RebootCluster{Cluster: "c", Instances: []string{"c-1"}},
		CreateSecurityGroup{Name: "sg", VpcID: "vpc-1"},
		AttachSecurityGroup{Cluster: "c", GroupID: "sg-1", GroupName: "sg"},
		AuthorizeIngress{GroupID: "sg-1", GroupName: "sg", CIDRs: []string{"192.0.2.1/32"}, Port: 5432, Description: "d"},
		RevokeIngress{GroupID: "sg-1", RuleIDs: []string{"sgr-1"}, CIDRs: []string{"192.0.2.9/32"}},
		CreateLoadBalancer{Name: "acfg-n", Subnets: []string{"subnet-a", "subnet-b"}, SecurityGroups: []string{"sg-2"}},
		EnableCrossZone{LoadBalancer: "acfg-n"},
		CreateTargetGroup{Name: "acfg-n", VpcID: "vpc-1", Port: 5432},
		PointTarget{TargetGroup: "acfg-n", IP: "10.0.0.9", Port: 5432, Stale: []string{"10.0.0.5:5432"}},
		CreateListener{LoadBalancer: "acfg-n", TargetGroup: "acfg-n", Port: 5432},
		CreateEndpointService{LoadBalancer: "acfg-n", Regions: []string{"us-east-2"}},
		RequireAcceptance{LoadBalancer: "acfg-n"},
		AllowPrincipals{LoadBalancer: "acfg-n", Principals: []string{ClickPipesPrincipal}},
		RemovePrincipals{LoadBalancer: "acfg-n", Principals: []string{"arn:aws:iam::999999999999:root"}},
		SetSupportedRegions{LoadBalancer: "acfg-n", Add: []string{"us-east-2"}, Remove: []string{"eu-west-1"}},
		AcceptConnections{LoadBalancer: "acfg-n", Endpoints: []string{"vpce-1"}},
		CreateResourceGateway{Name: "acfg-n", VpcID: "vpc-1", Subnets: []string{"subnet-a"}, SecurityGroups: []string{"sg-2"}, OwnGroup: "auroracfg-n"},
		CreateResourceConfiguration{Name: "acfg-n", Gateway: "acfg-n", ResourceARN: "arn:aws:rds:us-east-1:1:cluster:c"},
		ShareResource{Name: "acfg-n", ResourceConfiguration: "acfg-n", Principal: ClickPipesAccount},
		MarkGlobalWriter{GlobalCluster: "arn:aws:rds::1:global-cluster:g", Source: "s", Writer: "us-east-1/c"},
		RecordWriter{Publication: "p", Writer: "us-east-1/c"},
	}
	sampled := map[Kind]bool{}
	for _, c := range samples {
		sampled[c.Kind()] = true
		in := Action{ID: "x", Source: "s", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}, Change: c}
		data, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		var out Action
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("%s: %v", c.Kind(), err)
		}
		if diff := cmp.Diff(in, out); diff != "" {
			t.Errorf("%s (-saved +read):\n%s", c.Kind(), diff)
		}
	}
	for k := range decoders {
		if !sampled[k] {
			t.Errorf("kind %s has no sample here", k)
		}
	}
	var out Action
	if err := json.Unmarshal([]byte(`{"id": "x", "action": "launch-rocket"}`), &out); err == nil {
		t.Errorf("an unknown kind was read")
	}
}
