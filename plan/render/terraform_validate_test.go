package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/auroracfg/auroracfg/internal/tftest"
	"github.com/auroracfg/auroracfg/plan"
)

// TestAWSHCLPassesTerraformValidate: every golden of plan --format
// terraform is valid for the real terraform and AWS provider.
func TestAWSHCLPassesTerraformValidate(t *testing.T) {
	goldens, _ := filepath.Glob("testdata/plan*.tf")
	if len(goldens) < 3 {
		t.Fatalf("found %d plan goldens, want the public, endpoint-service and resource ones", len(goldens))
	}
	dir := tftest.New(t)
	for _, path := range goldens {
		hcl, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := dir.Validate(t, hcl); err != nil {
			t.Errorf("terraform validate %s: %v", path, err)
		}
	}
}

// TestInstanceParameterGroupHCL: a DB instance's parameter group (RDS) is
// an aws_db_parameter_group attached through parameter_group_name, not a
// cluster group, and passes terraform validate.
func TestInstanceParameterGroupHCL(t *testing.T) {
	groups := []plan.Action{
		{ID: "parameter-group/billing", Op: plan.OpCreate, Change: plan.CreateParameterGroup{Scope: plan.InstanceParameterGroup, Name: "billing", Family: "postgres16"}},
		{ID: "parameters/billing", Op: plan.OpUpdate, Change: plan.SetParameters{Scope: plan.InstanceParameterGroup, Group: "billing",
			Parameters: []plan.Parameter{{Name: "rds.logical_replication", Value: "1", ApplyMethod: "pending-reboot"}}}},
		{ID: "attach/billing", Op: plan.OpUpdate, Change: plan.AttachParameterGroup{Scope: plan.InstanceParameterGroup, Target: "billing-prod", Group: "billing"}},
	}
	p := &plan.Plan{Sources: []plan.SourcePlan{{Source: "billing", Type: "rds-postgresql", Target: "billing-prod", Actions: groups, Findings: []plan.Finding{}}}}
	var b strings.Builder
	if err := Terraform(&b, p); err != nil {
		t.Fatal(err)
	}
	hcl := b.String()
	for _, want := range []string{`resource "aws_db_parameter_group" "billing"`, `family      = "postgres16"`,
		"# On the aws_db_instance for billing-prod:\n#   parameter_group_name = aws_db_parameter_group.billing.name"} {
		if !strings.Contains(hcl, want) {
			t.Errorf("HCL lacks %q:\n%s", want, hcl)
		}
	}
	if strings.Contains(hcl, "aws_rds_cluster") {
		t.Errorf("an instance group written as a cluster's:\n%s", hcl)
	}
	if err := tftest.New(t).Validate(t, []byte(hcl)); err != nil {
		t.Errorf("terraform validate: %v\n%s", err, hcl)
	}
}
