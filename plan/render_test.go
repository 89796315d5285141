package plan

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ (review the diff before committing)")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./plan -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// renderPlan has two sources: one with drift, a blocker and a warning, and
// one ready.
func renderPlan() *Plan {
	drift := converged()
	drift.Tables = append(drift.Tables, tbl("app", "log", false))
	drift.Tables[1].UserSelect = false
	drift.Login = LoginBadPassword
	drift.Roles = nil
	sp := Build(desired("fail", "schemas"), drift)
	sp.Target = "db.internal:5432/shop"
	ready := Build(desired("fail", "schemas"), converged())
	ready.Source, ready.Target = "shop-ready", "db2.internal:5432/shop"
	return &Plan{Sources: []SourcePlan{sp, ready}}
}

func TestRenderText(t *testing.T) {
	var b bytes.Buffer
	if err := renderPlan().WriteText(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan.txt", b.Bytes())
}

func TestRenderJSON(t *testing.T) {
	var b bytes.Buffer
	if err := renderPlan().WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan.json", b.Bytes())
}

func TestRenderNoChanges(t *testing.T) {
	var b bytes.Buffer
	p := &Plan{Sources: []SourcePlan{Build(desired("fail", "schemas"), converged())}}
	p.Sources[0].Target = "db:5432/shop"
	p.WriteText(&b)
	want := "source shop-dev (postgresql, db:5432/shop)\n  no changes\n\nNo changes. Every source matches the spec and is ready for ClickPipes.\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestRenderTerraform(t *testing.T) {
	sp := Build(auroraDesired(func(s *schema.Source) { s.AWS.Manage = "observe" }), freshAurora())
	sp.Target = "cluster orders-prod in us-east-1, orders-prod.cluster-x.us-east-1.rds.amazonaws.com:5432/orders"
	var b bytes.Buffer
	if err := (&Plan{Sources: []SourcePlan{sp}}).WriteTerraform(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan.tf", b.Bytes())
}

func TestRenderMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := renderPlan().WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan.md", b.Bytes())
}

// TestRenderMarkdownStaysUnderGitHubLimit: a fleet too large for one comment
// is cut between whole sections, with a note.
func TestRenderMarkdownStaysUnderGitHubLimit(t *testing.T) {
	p := &Plan{}
	for i := 0; i < 400; i++ {
		o := fresh()
		sp := Build(desired("fail", "schemas"), o)
		sp.Source = fmt.Sprintf("source-%03d", i)
		p.Sources = append(p.Sources, sp)
	}
	var b bytes.Buffer
	p.WriteMarkdown(&b)
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

func TestRenderConnectionInfo(t *testing.T) {
	infos := []ConnectionInfo{{
		Source: "orders-prod", Type: "aurorapostgres", Host: "orders-prod.cluster-abc.us-east-1.rds.amazonaws.com", Port: 5432,
		Database: "orders", User: "clickpipes_user", PasswordRef: "secretsmanager:orders-prod/clickpipes", Publication: "clickpipes_publication",
		Schemas: []string{"Sales", "app"}, ClickPipesRegion: "us-east-1", AllowedCIDRs: []string{"3.131.130.196/32"},
		Tables: []TableName{{"Sales", "Quotes"}, {"app", "orders"}},
	}, {
		Source: "shop-dev", Type: "postgres", Host: "db.internal", Port: 5432, Database: "shop", User: "cp", PasswordRef: "env:CP",
		Publication: "pub", SSLMode: "require", Schemas: []string{"public"},
	}}
	for name, write := range map[string]func(io.Writer, []ConnectionInfo) error{
		"handoff.txt": WriteConnectionInfoText, "handoff.json": WriteConnectionInfoJSON, "handoff.tf": WriteConnectionInfoTerraform,
	} {
		var b bytes.Buffer
		if err := write(&b, infos); err != nil {
			t.Fatal(err)
		}
		golden(t, name, b.Bytes())
	}
}

// TestRenderTerraformFleet: only sources with AWS changes get a section; a
// PostgreSQL source after an Aurora one gets none (not an empty header).
func TestRenderTerraformFleet(t *testing.T) {
	aurora := Build(auroraDesired(func(s *schema.Source) { s.AWS.Manage = "observe" }), freshAurora())
	aurora.Target = "cluster orders-prod in us-east-1, orders-prod.cluster-x.us-east-1.rds.amazonaws.com:5432/orders"
	pg := Build(desired("fail", "schemas"), fresh())
	pg.Target = "db.internal:5432/shop"
	var b bytes.Buffer
	if err := (&Plan{Sources: []SourcePlan{aurora, pg}}).WriteTerraform(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan.tf", b.Bytes()) // exactly the Aurora source's rendering: nothing for the other
}

// TestRenderJSONAurora: the JSON contract for AWS actions (parameters,
// security groups, gates). The golden was written by the renderer before the
// contract had types of its own, which dumped the model's structs.
func TestRenderJSONAurora(t *testing.T) {
	sp := Build(auroraDesired(nil), freshAurora())
	sp.Target = "cluster orders-prod in us-east-1, orders-prod.cluster-x.us-east-1.rds.amazonaws.com:5432/orders"
	var b bytes.Buffer
	if err := (&Plan{Sources: []SourcePlan{sp}}).WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan-aurora.json", b.Bytes())
}

// TestJSONContractCoversTheModel: every field of an action in a saved plan
// (the common ones and every kind's flat payload) has its place in the JSON
// contract under the same name, so that a field added to the model
// is a decision about the contract, not an accident.
func TestJSONContractCoversTheModel(t *testing.T) {
	var tags func(rt reflect.Type) []string
	tags = func(rt reflect.Type) []string {
		var out []string
		for i := 0; i < rt.NumField(); i++ {
			if f := rt.Field(i); f.Anonymous {
				out = append(out, tags(f.Type)...)
				continue
			}
			name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
			out = append(out, name)
		}
		sort.Strings(out)
		return out
	}
	if diff := cmp.Diff(tags(reflect.TypeOf(actionJSON{})), tags(reflect.TypeOf(actionDoc{}))); diff != "" {
		t.Errorf("action fields (-model +contract):\n%s", diff)
	}
}
