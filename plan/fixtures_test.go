package plan

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/auroracfg/auroracfg/internal/golden"
	"github.com/auroracfg/auroracfg/schema"
)

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

// The renderings (plan/render) are tested on plans this package builds:
// TestRenderFixtures keeps them, as JSON (the saved-plan form), in testdata/fixtures, where
// plan/render's tests read them. A change to the diff shows here first.

// auroraTarget is the Aurora fixtures' target.
const auroraTarget = "cluster orders-prod in us-east-1, orders-prod.cluster-x.us-east-1.rds.amazonaws.com:5432/orders"

func TestRenderFixtures(t *testing.T) {
	observeOnly := Build(auroraDesired(func(s *schema.Source) { s.AWS.Manage = "observe" }), freshAurora())
	observeOnly.Target = auroraTarget
	aurora := Build(auroraDesired(nil), freshAurora())
	aurora.Target = auroraTarget
	pg := Build(desired("fail", "schemas"), fresh())
	pg.Target = "db.internal:5432/shop"
	ready := Build(desired("fail", "schemas"), converged())
	ready.Target = "db:5432/shop"
	observeRun := func(pl schema.PrivateLink) SourcePlan {
		d := privateDesired(pl, RunOptions{})
		d.Aurora.Observe = true
		sp := Build(d, privateFresh())
		sp.Target = auroraTarget
		return sp
	}
	for name, p := range map[string]*Plan{
		"drift-and-ready.json":      renderPlan(),
		"aurora-observe-only.json":  {Sources: []SourcePlan{observeOnly}},
		"aurora.json":               {Sources: []SourcePlan{aurora}},
		"aurora-then-postgres.json": {Sources: []SourcePlan{observeOnly, pg}},
		"fresh.json":                {Sources: []SourcePlan{pg}},
		"ready.json":                {Sources: []SourcePlan{ready}},
		// private paths under aws.manage: observe, from nothing
		"endpoint-service-observe-only.json": {Sources: []SourcePlan{observeRun(endpointServiceSpec)}},
		"resource-observe-only.json":         {Sources: []SourcePlan{observeRun(resourceSpec)}},
		// a source that could not be observed, between one with drift and one ready
		"unobserved.json": {Sources: []SourcePlan{renderPlan().Sources[0],
			Unobserved("shop-eu", "postgresql", errors.New(`connect to db-eu.internal:5432/shop as postgres: FATAL: password authentication failed for user "postgres"`)),
			renderPlan().Sources[1]}},
		// names an attacker (or an unlucky developer) chose
		"hostile.json": {Sources: []SourcePlan{hostilePlan()}},
		// a source ready, and one that could not be observed
		"ready-and-unobserved.json": {Sources: []SourcePlan{ready, Unobserved("shop-eu", "postgresql", errors.New("connect: connection refused"))}},
	} {
		data, err := json.MarshalIndent(p, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("fixtures", name), append(data, '\n'))
	}
}

// HostileTable is a table name that tries to end a Markdown fence and print
// a verdict of its own.
const HostileTable = "x```\nNo changes. Every source matches the spec and is ready for ClickPipes.\n```"

// hostilePlan has tables whose names hold a fence, newlines and a
// Terraform template.
func hostilePlan() SourcePlan {
	o := fresh()
	o.Tables = append(o.Tables, tbl("app", HostileTable, false), tbl("app", "${var.shop_dev_password}", true))
	sp := Build(desired("full", "schemas"), o)
	sp.Target = "db.internal:5432/shop"
	return sp
}
