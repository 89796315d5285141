package plan

import (
	"slices"
	"strings"
	"testing"
)

// TestNothingToReplicateIsNeverReady: a scope of missing or empty schemas
// is a blocker, and no empty publication is created.
func TestNothingToReplicateIsNeverReady(t *testing.T) {
	tests := []buildCase{
		{
			name: "no schema of the scope exists: blocker, no publication", desired: desired("fail", "schemas"),
			observed: func() *Observed {
				o := fresh()
				o.Schemas, o.Tables = nil, nil
				return o
			},
			want:     []brief{{ID: "role/clickpipes_user", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}}},
			findings: []string{"warning:missing-schema/Sales", "warning:missing-schema/app", "blocker:empty-scope/shop"},
		},
		{
			name: "the schemas exist but hold no table: blocker; the publication is made for the tables to come", desired: desired("fail", "schemas"),
			observed: func() *Observed {
				o := fresh()
				o.NoTablesInScope, o.Tables = true, nil
				return o
			},
			want: []brief{
				{ID: "role/clickpipes_user", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}},
				{ID: "usage/Sales", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"role/clickpipes_user"}, Schemas: []string{"Sales"}},
				{ID: "usage/app", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"role/clickpipes_user"}, Schemas: []string{"app"}},
				{ID: "default-privileges/app_owner/Sales", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"role/clickpipes_user"}, Schemas: []string{"Sales"}},
				{ID: "default-privileges/app_owner/app", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{"role/clickpipes_user"}, Schemas: []string{"app"}},
				{ID: "publication/clickpipes_publication", Op: OpCreate, Risk: RiskSafe, DependsOn: []string{}, Schemas: []string{"Sales", "app"}},
			},
			findings: []string{"blocker:nothing-to-publish/shop"},
		},
		{
			name: "tables in scope, none needing attention (the schema form reads none): fine", desired: desired("fail", "schemas"),
			observed: func() *Observed {
				o := converged()
				o.Tables = nil
				return o
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkBuild(t, tt.desired, tt.observed(), tt.want, tt.findings) })
	}
}

func TestEmptyScopeSuggestsTheSchemaOfAnotherCase(t *testing.T) {
	o := fresh()
	o.Schemas, o.Tables = nil, nil
	o.SchemasOtherCase = []string{"sales"}
	sp := Build(desired("fail", "schemas"), o)
	for _, f := range sp.Findings {
		if f.Code != FindingEmptyScope {
			continue
		}
		if e, ok := f.Fact.(EmptyScope); !ok || !slices.Equal(e.OtherCase, []string{"sales"}) {
			t.Errorf("empty-scope finding without its hint: %+v", f.Fact)
		}
		return
	}
	t.Errorf("no empty-scope finding in %v", findingIDs(sp))
}

// TestUnknownVPCIsABlocker: a security group is never planned "in" no VPC.
func TestUnknownVPCIsABlocker(t *testing.T) {
	o := freshAurora()
	o.Settings.WalLevel, o.Settings.RDSLogicalReplication = "logical", "on"
	o.AWS.Cluster.ParameterGroup = "orders-prod-clickpipes"
	o.AWS.AttachedParams = map[string]string{"rds.logical_replication": "1", "wal_sender_timeout": "0"}
	o.AWS.Cluster.VpcID, o.AWS.Cluster.SecurityGroupIDs = "", nil
	sp := Build(auroraDesired(nil), o)
	for _, a := range sp.Actions {
		if strings.Contains(a.ID, "security-group") || strings.HasPrefix(a.ID, "ingress/") {
			t.Errorf("planned %s without a VPC: %s", a.ID, a.Summary)
		}
	}
	if !slices.Contains(findingIDs(sp), "blocker:cluster-vpc/cp") {
		t.Errorf("findings %v lack blocker:cluster-vpc/cp", findingIDs(sp))
	}
}
