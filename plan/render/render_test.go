package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/internal/golden"
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/handoff"
)

// fixture is a plan the diff built (plan's TestRenderFixtures keeps them).
func fixture(t *testing.T, name string) *plan.Plan {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	var p plan.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	return &p
}

func TestRenderings(t *testing.T) {
	for _, tc := range []struct {
		golden, fixture string
		render          func(io.Writer, *plan.Plan) error
	}{
		// two sources: one with drift, a blocker and a warning, one ready
		{"plan.txt", "drift-and-ready.json", Text},
		{"plan.json", "drift-and-ready.json", JSON},
		{"plan.md", "drift-and-ready.json", Markdown},
		// an Aurora source under aws.manage: observe
		{"plan.tf", "aurora-observe-only.json", Terraform},
		// only sources with AWS changes get a section: a PostgreSQL source
		// after an Aurora one gets none (not an empty header)
		{"plan.tf", "aurora-then-postgres.json", Terraform},
		// the private paths, every object as a Terraform resource
		{"plan-endpointservice.tf", "endpoint-service-observe-only.json", Terraform},
		{"plan-resource.tf", "resource-observe-only.json", Terraform},
		// the contract for AWS actions (parameters, security groups, gates);
		// written by the renderer before the contract had types of its own
		{"plan-aurora.json", "aurora.json", JSON},
		// a source that could not be observed is listed, with its error,
		// and counted: never left out of the verdict
		{"unobserved.txt", "unobserved.json", Text},
		{"unobserved.json", "unobserved.json", JSON},
		{"unobserved.md", "unobserved.json", Markdown},
		{"ready-and-unobserved.txt", "ready-and-unobserved.json", Text},
		{"ready-and-unobserved.md", "ready-and-unobserved.json", Markdown},
	} {
		t.Run(tc.golden+"/"+tc.fixture, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.render(&b, fixture(t, tc.fixture)); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tc.golden, b.Bytes())
		})
	}
}

func TestRenderNoChanges(t *testing.T) {
	var b bytes.Buffer
	Text(&b, fixture(t, "ready.json"))
	want := "source shop-dev (postgresql, db:5432/shop)\n  no changes\n\nNo changes. Every source matches the spec and is ready for ClickPipes.\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestRenderMarkdownStaysUnderGitHubLimit: a fleet too large for one comment
// is cut between whole sections, with a note.
func TestRenderMarkdownStaysUnderGitHubLimit(t *testing.T) {
	one := fixture(t, "fresh.json").Sources[0]
	p := &plan.Plan{}
	for i := 0; i < 400; i++ {
		sp := one
		sp.Source = fmt.Sprintf("source-%03d", i)
		p.Sources = append(p.Sources, sp)
	}
	var b bytes.Buffer
	Markdown(&b, p)
	out := b.String()
	if len(out) > MaxMarkdown {
		t.Fatalf("markdown is %d characters, over %d", len(out), MaxMarkdown)
	}
	if !strings.Contains(out, "more sources not shown") || strings.Count(out, "<details>") != strings.Count(out, "</details>") || strings.Count(out, "```")%2 != 0 {
		t.Errorf("cut is missing its note or splits a block")
	}
	if !strings.Contains(out, "| source-399 |") {
		t.Errorf("the summary table must list every source")
	}
}

func TestRenderHandOff(t *testing.T) {
	infos := []handoff.ConnectionInfo{{
		Source: "orders-prod", Type: "aurorapostgres", Host: "orders-prod.cluster-abc.us-east-1.rds.amazonaws.com", Port: 5432,
		Database: "orders", User: "clickpipes_user", PasswordRef: "secretsmanager:orders-prod/clickpipes", Publication: "clickpipes_publication",
		Schemas: []string{"Sales", "app"}, ClickPipesRegion: "us-east-1", AllowedCIDRs: []string{"3.131.130.196/32"},
		Tables: []plan.TableName{{Schema: "Sales", Name: "Quotes"}, {Schema: "app", Name: "orders"}},
	}, {
		Source: "shop-dev", Type: "postgres", Host: "db.internal", Port: 5432, Database: "shop", User: "cp", PasswordRef: "env:CP",
		Publication: "pub", SSLMode: "verify-full", CA: "certs/ca.pem", Schemas: []string{"public"},
	}, {
		Source: "orders-private", Type: "aurorapostgres", Port: 5432, Database: "orders", User: "clickpipes_user", PasswordRef: "env:CP",
		Publication: "clickpipes_publication", SSLMode: "require", Schemas: []string{"app"}, TLSHost: "orders.cluster-abc.us-east-1.rds.amazonaws.com",
		PrivateLink: &handoff.PrivateLink{Network: "cp-private", Type: handoff.EndpointServiceType, EndpointServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0abc", Pending: []string{"vpce-0123"}},
	}, {
		Source: "orders-lattice", Type: "aurorapostgres", Port: 5432, Database: "orders", User: "clickpipes_user", PasswordRef: "env:CP",
		Publication: "clickpipes_publication", SSLMode: "require", Schemas: []string{"app"}, TLSHost: "orders.cluster-abc.us-east-1.rds.amazonaws.com",
		PrivateLink: &handoff.PrivateLink{Network: "cp-lattice", Type: handoff.ResourceType, ResourceConfigurationID: "rcfg-0abc", ResourceShareARN: "arn:aws:ram:us-east-1:111111111111:resource-share/abc"},
	}}
	for name, write := range map[string]func(io.Writer, []handoff.ConnectionInfo) error{
		"handoff.txt": HandOffText, "handoff.json": HandOffJSON, "handoff.tf": HandOffTerraform(TerraformHandOff{}), "handoff-classic.tf": HandOffTerraform(TerraformHandOff{PasswordInState: true, DestinationDatabase: "shop"}),
	} {
		var b bytes.Buffer
		if err := write(&b, infos); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, name, b.Bytes())
	}
}

// TestHostileNames: names that try to end a Markdown fence, start a line of
// their own with a verdict, or make Terraform evaluate a template (copying
// a secret) come out inert in every format.
func TestHostileNames(t *testing.T) {
	p := fixture(t, "hostile.json")
	verdict := regexp.MustCompile(`(?m)^\W*No changes`)
	for name, render := range map[string]func(io.Writer, *plan.Plan) error{"text": Text, "markdown": Markdown, "terraform": Terraform} {
		var b bytes.Buffer
		if err := render(&b, p); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if verdict.MatchString(out) {
			t.Errorf("%s: a name printed a verdict of its own:\n%s", name, out)
		}
		if fences := regexp.MustCompile("(?m)^```").FindAllString(out, -1); len(fences)%2 != 0 {
			t.Errorf("%s: a name closed a fence (%d fence lines):\n%s", name, len(fences), out)
		}
	}
	hostile := []handoff.ConnectionInfo{{Source: "shop-dev", Type: "postgres", Host: "db", Port: 5432, Database: "shop",
		User: "cp\"\n}\nresource \"x\" \"y\" {", PasswordRef: "env:CP", Publication: "pub",
		Tables: []plan.TableName{{Schema: "app", Name: "${var.shop_dev_password}"}, {Schema: "app", Name: "a\"b\\c\x07"}}}}
	var b bytes.Buffer
	if err := HandOffTerraform(TerraformHandOff{})(&b, hostile); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`{ source_schema_name = "app", source_table = "$${var.shop_dev_password}", target_table = "app_$${var.shop_dev_password}" },`,
		`{ source_schema_name = "app", source_table = "a\"b\\c\u0007", target_table = "app_a\"b\\c\u0007" },`,
		`username            = "cp\"\n}\nresource \"x\" \"y\" {"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("hand-off HCL lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, `resource "x"`) {
		t.Errorf("a user name injected a resource:\n%s", out)
	}
}
