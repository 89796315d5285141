package handoff

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
)

// TestFor: the hand-off names the password's reference (never a value),
// the scoped schemas, and on Aurora the source type and allowed addresses.
func TestFor(t *testing.T) {
	src := &schema.Source{Name: "orders", Database: "orders", Connect: schema.Connect{SSLMode: "verify-full", SSLRootCert: "/etc/ssl/db-ca.pem"},
		User:        schema.User{Name: "cp", Password: &schema.SecretRef{FromEnv: "CP_PASSWORD"}},
		Publication: schema.Publication{Name: "pub"}}
	tables := []plan.TableName{{Schema: "app", Name: "orders"}}
	d := plan.Desired{Schemas: []plan.DesiredSchema{{Name: "app"}, {Name: "billing"}}}
	want := ConnectionInfo{Source: "orders", Type: "postgres", Host: "db", Port: 5432, Database: "orders", User: "cp",
		PasswordRef: "env:CP_PASSWORD", Publication: "pub", SSLMode: "verify-full", CA: "/etc/ssl/db-ca.pem", Schemas: []string{"app", "billing"}, Tables: tables}
	if diff := cmp.Diff(want, For(d, src, "db", 5432, tables)); diff != "" {
		t.Errorf("postgresql (-want +got):\n%s", diff)
	}
	d.Aurora = &plan.DesiredAurora{Network: &plan.DesiredNetwork{ClickPipesRegion: "us-east-2", CIDRs: []string{"192.0.2.1/32"}}}
	got := For(d, src, "orders.cluster-x", 5432, tables)
	// the spec's sslmode (a tunnel's, say) is not how ClickPipes reaches
	// the writer: TLS on
	if got.Type != "aurorapostgres" || got.SSLMode != "require" || got.ClickPipesRegion != "us-east-2" || !cmp.Equal(got.AllowedCIDRs, []string{"192.0.2.1/32"}) {
		t.Errorf("aurora: %+v", got)
	}
}
