package plan

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/schema"
)

func auroraDesired(mutate func(*schema.Source)) Desired {
	spec := &schema.Spec{
		Schemas:  []schema.Scope{{Name: "orders", Include: []string{"app"}}},
		Networks: []schema.Network{{Name: "cp", ClickPipesRegion: "us-east-2", SecurityGroup: schema.SecurityGroup{Name: "clickpipes-ingress"}, ExtraCIDRs: []string{"203.0.113.7/32"}}},
	}
	src := schema.Source{
		Name: "orders-prod", Type: schema.TypeAurora, Region: "us-east-1", Cluster: "orders-prod", Schemas: []string{"orders"}, Network: "cp",
		User:           schema.User{Name: "clickpipes_user"},
		Publication:    schema.Publication{Name: "clickpipes_publication", Tables: "schemas"},
		ParameterGroup: schema.ParameterGroup{Name: "orders-prod-clickpipes", Reboot: "never", WalSenderTimeout: "0"},
		AWS:            schema.AWS{Manage: "apply"},
	}
	if mutate != nil {
		mutate(&src)
	}
	return DesiredFor(spec, &src, RunOptions{})
}

var cpCIDRs = []string{"18.119.76.110/32", "203.0.113.7/32", "3.131.130.196/32", "3.132.20.192/32", "3.134.185.180/32", "3.20.208.150/32", "3.23.172.68/32"}

// freshAurora: default parameter group, logical replication off, nothing in PostgreSQL.
func freshAurora() *Observed {
	o := &Observed{
		ServerVersionNum: 150004, Database: "orders",
		Settings: Settings{WalLevel: "replica", RDSLogicalReplication: "off", MaxWalSenders: 10, MaxReplicationSlots: 20},
		Schemas:  []SchemaState{{Name: "app"}},
		Tables:   []Table{tbl("app", "orders", true)},
		AWS: &AWSObserved{Region: "us-east-1", Cluster: Cluster{
			ID: "orders-prod", Engine: "aurora-postgresql", EngineVersion: "15.4", Port: 5432, VpcID: "vpc-1",
			ParameterGroup: "default.aurora-postgresql15", SecurityGroupIDs: []string{"sg-db"},
			Members: []ClusterMember{{Instance: "orders-prod-2", ParameterGroupStatus: "in-sync"}, {Instance: "orders-prod-1", Writer: true, ParameterGroupStatus: "in-sync"}},
		}},
	}
	return o
}

func convergedAurora() *Observed {
	o := freshAurora()
	o.Settings.WalLevel, o.Settings.RDSLogicalReplication = "logical", "on"
	o.User = &Role{Name: "clickpipes_user", CanLogin: true, MemberOf: []string{"rds_replication"}}
	o.Login = LoginOK
	o.Schemas[0].UserUsage = true
	o.Tables[0].UserSelect = true
	o.Publication = &Publication{Name: "clickpipes_publication", ViaRoot: true, Schemas: []string{"app"}}
	a := o.AWS
	a.Cluster.ParameterGroup = "orders-prod-clickpipes"
	a.AttachedParams = map[string]string{"rds.logical_replication": "1", "wal_sender_timeout": "0"}
	a.Cluster.SecurityGroupIDs = []string{"sg-db", "sg-cp"}
	a.SecurityGroup = &SecurityGroup{ID: "sg-cp", Name: "clickpipes-ingress", VpcID: "vpc-1"}
	for i, c := range cpCIDRs {
		a.SecurityGroup.Rules = append(a.SecurityGroup.Rules, IngressRule{ID: "sgr-" + string(rune('a'+i)), Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: c, Description: "auroracfg: ClickPipes us-east-2 (network cp)"})
	}
	return o
}

func TestBuildAurora(t *testing.T) {
	role := []string{"role/clickpipes_user"}
	tests := []buildCase{
		{
			name:    "fresh cluster: parameter group, attach, gated reboot, user, grants, publication after the reboot, network",
			desired: auroraDesired(nil), observed: freshAurora,
			want: []brief{
				{ID: "parameter-group/orders-prod-clickpipes", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}},
				{ID: "parameters/orders-prod-clickpipes", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{"parameter-group/orders-prod-clickpipes"}},
				{ID: "attach-parameter-group/orders-prod-clickpipes", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{"parameter-group/orders-prod-clickpipes", "parameters/orders-prod-clickpipes"}},
				{ID: "reboot/orders-prod", Op: OpUpdate, Risk: RiskDisruptive, DependsOn: []string{"attach-parameter-group/orders-prod-clickpipes", "parameter-group/orders-prod-clickpipes", "parameters/orders-prod-clickpipes"}},
				{ID: "role/clickpipes_user", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}},
				{ID: "role/clickpipes_user/rds_replication", Op: OpCreate, Risk: RiskSafe, DependsOn: role},
				{ID: "usage/app", Op: OpCreate, Risk: RiskSafe, DependsOn: role, Schemas: []string{"app"}},
				{ID: "select/app", Op: OpCreate, Risk: RiskSafe, DependsOn: role, Schemas: []string{"app"}, Tables: []TableName{{"app", "orders"}}},
				{ID: "publication/clickpipes_publication", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"reboot/orders-prod"}, Schemas: []string{"app"}},
				{ID: "security-group/clickpipes-ingress", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}},
				{ID: "attach-security-group/clickpipes-ingress", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{"security-group/clickpipes-ingress"}},
				{ID: "ingress/clickpipes-ingress", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"security-group/clickpipes-ingress"}},
			},
		},
		{name: "converged cluster needs nothing", desired: auroraDesired(nil), observed: convergedAurora},
		{
			name:    "a member pending-reboot needs the reboot even with the setting live",
			desired: auroraDesired(nil),
			observed: func() *Observed {
				o := convergedAurora()
				o.AWS.Cluster.Members[0].ParameterGroupStatus = "pending-reboot"
				return o
			},
			want: []brief{{ID: "reboot/orders-prod", Op: OpUpdate, Risk: RiskDisruptive, DependsOn: []string{}}},
		},
		{
			name:    "a custom group other than the spec's is never replaced",
			desired: auroraDesired(nil),
			observed: func() *Observed {
				o := convergedAurora()
				o.AWS.Cluster.ParameterGroup = "team-tuning"
				return o
			},
			findings: []string{"blocker:parameter-group"},
		},
		{
			name:    "wal_sender_timeout drift and an Aurora reporting 1 for on",
			desired: auroraDesired(func(s *schema.Source) { s.ParameterGroup.WalSenderTimeout = "600000" }),
			observed: func() *Observed {
				o := convergedAurora()
				o.Settings.RDSLogicalReplication = "1"
				return o
			},
			want: []brief{{ID: "parameters/orders-prod-clickpipes", Op: OpUpdate, Risk: RiskSafe, DependsOn: []string{}}},
		},
		{
			name:    "rules auroracfg created and no longer wanted: a warning, removed only with prune",
			desired: auroraDesired(nil),
			observed: func() *Observed {
				o := convergedAurora()
				o.AWS.SecurityGroup.Rules = append(o.AWS.SecurityGroup.Rules,
					IngressRule{ID: "sgr-old", Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: "198.51.100.1/32", Description: "auroracfg: ClickPipes us-east-2"},
					IngressRule{ID: "sgr-theirs", Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: "10.0.0.0/8", Description: "office"})
				return o
			},
			findings: []string{"warning:stale-ingress"},
		},
		{
			name:    "prune removes only auroracfg's stale rules",
			desired: func() Desired { d := auroraDesired(nil); d.Aurora.Prune = true; return d }(),
			observed: func() *Observed {
				o := convergedAurora()
				o.AWS.SecurityGroup.Rules = append(o.AWS.SecurityGroup.Rules,
					IngressRule{ID: "sgr-old", Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: "198.51.100.1/32", Description: "auroracfg: ClickPipes us-east-2"},
					IngressRule{ID: "sgr-theirs", Protocol: "tcp", FromPort: 5432, ToPort: 5432, CIDR: "10.0.0.0/8", Description: "office"})
				return o
			},
			want: []brief{{ID: "revoke-ingress/clickpipes-ingress", Op: OpDelete, Risk: RiskDestructive, DependsOn: []string{}}},
		},
		{
			name:    "an existing broader rule is recognised, the missing ones added",
			desired: auroraDesired(nil),
			observed: func() *Observed {
				o := convergedAurora()
				o.AWS.SecurityGroup.Rules = []IngressRule{{ID: "x", Protocol: "tcp", FromPort: 5000, ToPort: 6000, CIDR: "3.20.208.150/32"}, {ID: "y", Protocol: "-1", CIDR: "3.23.172.68/32"}}
				return o
			},
			want: []brief{{ID: "ingress/clickpipes-ingress", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}}},
		},
		{
			name: "old engine", desired: auroraDesired(nil),
			observed: func() *Observed {
				o := convergedAurora()
				o.AWS.Cluster.EngineVersion = "11.9"
				return o
			},
			findings: []string{"blocker:engine-version"},
		},
		{
			name: "CloudFormation-owned clusters get a warning", desired: auroraDesired(nil),
			observed: func() *Observed {
				o := convergedAurora()
				o.AWS.Cluster.Tags = map[string]string{"aws:cloudformation:stack-name": "orders"}
				return o
			},
			findings: []string{"warning:cloudformation"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkBuild(t, tt.desired, tt.observed(), tt.want, tt.findings) })
	}
}

func TestBuildAuroraDetails(t *testing.T) {
	sp := Build(auroraDesired(nil), freshAurora())
	byID := map[string]Action{}
	for _, a := range sp.Actions {
		byID[a.ID] = a
	}
	for id, want := range map[string]Change{
		"parameters/orders-prod-clickpipes": SetParameters{Scope: ClusterParameterGroup, Group: "orders-prod-clickpipes",
			Parameters: []Parameter{{"rds.logical_replication", "1", "pending-reboot"}, {"wal_sender_timeout", "0", "immediate"}}},
		"reboot/orders-prod":                     RebootCluster{Cluster: "orders-prod", Instances: []string{"orders-prod-1"}},
		"parameter-group/orders-prod-clickpipes": CreateParameterGroup{Scope: ClusterParameterGroup, Name: "orders-prod-clickpipes", Family: "aurora-postgresql15"},
		// Only LOGIN: on Aurora replication comes through rds_replication.
		"role/clickpipes_user": CreateRole{Role: "clickpipes_user", Attributes: []string{"LOGIN"}},
	} {
		if diff := cmp.Diff(want, byID[id].Change); diff != "" {
			t.Errorf("%s (-want +got):\n%s", id, diff)
		}
	}
	if reboot := byID["reboot/orders-prod"]; reboot.Gate != GateReboot {
		t.Errorf("reboot gate %q, want the reboot gate", reboot.Gate)
	}
	if got := byID["ingress/clickpipes-ingress"].Change.(AuthorizeIngress).CIDRs; !cmp.Equal(got, cpCIDRs) {
		t.Errorf("ingress CIDRs = %v, want %v", got, cpCIDRs)
	}
	allowed := Build(auroraDesired(func(s *schema.Source) { s.ParameterGroup.Reboot = "allowed" }), freshAurora())
	for _, a := range allowed.Actions {
		if a.Kind() == KindReboot && a.Gate != "" {
			t.Errorf("reboot: allowed still gates the reboot")
		}
	}
	observe := Build(auroraDesired(func(s *schema.Source) { s.AWS.Manage = "observe" }), freshAurora())
	for _, a := range observe.Actions {
		if a.OnAWS() != a.Unmanaged {
			t.Errorf("observe mode: %s unmanaged = %v, want %v", a.ID, a.Unmanaged, a.OnAWS())
		}
	}
}

// TestSharedParameterGroupIsNotChanged: the spec's parameter group is also
// another cluster's; changing it would change that cluster too (nothing
// outside the spec is touched): a blocker naming it, and no change planned.
func TestSharedParameterGroupIsNotChanged(t *testing.T) {
	o := convergedAurora()
	o.AWS.AttachedParams["wal_sender_timeout"] = "60000"
	o.AWS.GroupSharedWith = []string{"billing-prod"}
	sp := Build(auroraDesired(nil), o)
	for _, a := range sp.Actions {
		if _, ok := a.Change.(SetParameters); ok {
			t.Errorf("the shared group would be changed: %s", a.Summary)
		}
	}
	want := ParameterGroupShared{Group: "orders-prod-clickpipes", Clusters: []string{"billing-prod"},
		Parameters: []Parameter{{Name: "wal_sender_timeout", Value: "0", ApplyMethod: "immediate"}}}
	if diff := cmp.Diff(want, findingFact(sp, "parameter-group-shared")); diff != "" {
		t.Errorf("finding (-want +got):\n%s\nfindings %v", diff, findingIDs(sp))
	}
	// Already right: sharing it is nobody's problem.
	o.AWS.AttachedParams["wal_sender_timeout"] = "0"
	if sp := Build(auroraDesired(nil), o); findingFact(sp, "parameter-group-shared") != nil {
		t.Errorf("a shared group that needs no change is reported")
	}
}
