package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/check"
)

// A to-do's words come from its action, a finding's from its fact, and
// the check's detail and fix lists from its items, in text and JSON.
func TestChecksWordTheirItems(t *testing.T) {
	pub := plan.Action{ID: "publication/pub", Change: plan.CreatePublication{Name: "pub", Schemas: []string{"app"}, ViaRoot: true}}
	unlogged := plan.Finding{Code: plan.FindingUnpublishable, Fact: plan.UnloggedTables{Tables: []plan.TableName{{Schema: "app", Name: "cache"}}}}
	c := check.Check{ID: plan.CheckPublication, Title: "the publication exists", Status: check.Fail, Detail: []string{"", ""}, Items: []check.Item{
		{Finding: &unlogged}, {Action: pub.ID, Of: &pub}}}
	var b bytes.Buffer
	if err := ChecksJSON(&b, []check.SourceChecks{{Source: "s", Checks: []check.Check{c}}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"detail": [
            "unlogged tables write no WAL, so no publication can carry them and the pipe will not replicate them: app.cache",
            "to do: create publication pub for tables in schema app with (publish_via_partition_root = true)"
          ]`,
		`"fix": [
            "ALTER TABLE … SET LOGGED for each one the pipe needs (a rewrite of the table), or leave them out"
          ]`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("got:\n%s\nwant it to contain:\n%s", b.String(), want)
		}
	}
	if c.Items[1].Detail != "" {
		t.Error("wording the checks changed the caller's items")
	}
}

// TestCheckLinesKeepTheirFixes: each fix is printed under its own finding,
// and a blocked action is never followed by "apply makes it pass".
func TestCheckLinesKeepTheirFixes(t *testing.T) {
	c := check.Check{ID: plan.CheckPublication, Title: "the publication exists", Status: check.Fail, Items: []check.Item{
		{Detail: "app.cache is unlogged", Fix: "ALTER TABLE app.cache SET LOGGED"},
		{Detail: "to do: create publication pub", Action: "publication/pub", Held: []plan.Qualifier{{Kind: plan.QualifierBlocked, Findings: []string{"replica-identity"}}}},
		{Detail: "to do: grant usage on schema app", Action: "usage/app"},
	}}
	var b bytes.Buffer
	if err := ChecksText(&b, []check.SourceChecks{{Source: "s", Type: "postgresql", Target: "db", Checks: []check.Check{c}}}); err != nil {
		t.Fatal(err)
	}
	want := `  FAIL  the publication exists
          app.cache is unlogged
          fix: ALTER TABLE app.cache SET LOGGED
          to do: create publication pub
          apply will not run it: blocked by replica-identity
          to do: grant usage on schema app
          auroracfg apply makes it pass: usage/app
`
	if !strings.Contains(b.String(), want) {
		t.Errorf("got:\n%s\nwant it to contain:\n%s", b.String(), want)
	}
}

// Every note a check can give has words, and every check a title.
func TestEveryNoteIsWorded(t *testing.T) {
	keep := int64(204800)
	for _, n := range []check.Note{check.NotChecked{}, check.ServerVersionOK{}, check.IsPrimary{}, check.NoApplyUnderWay{}, check.NoPooler{},
		check.LogicalReplicationOK{}, check.WalSendersOK{}, check.SlotsFree{}, check.LoggedIn{}, check.MayReplicate{},
		check.ReplicationConnectionOK{}, check.ReplicationRefusedForNow{}, check.ReplicationNotTried{}, check.PublicationOK{},
		check.IdentitiesOK{}, check.TablesReadable{}, check.FutureTablesOK{}, check.WalRetentionOK{KeepMB: &keep}, check.NoNetwork{},
		check.AllowListOK{}, check.PrivatePathOK{}} {
		if w := noteWords(n); strings.HasPrefix(w, "check.") {
			t.Errorf("note %s has no words", w)
		}
	}
	for _, id := range check.IDs() {
		if checkTitle(id) == string(id) {
			t.Errorf("check %s has no title", id)
		}
	}
}
