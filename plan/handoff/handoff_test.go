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
	src := &schema.Source{Name: "orders", Type: schema.TypePostgreSQL, Database: "orders", Connect: schema.Connect{SSLMode: "verify-full", SSLRootCert: "/etc/ssl/db-ca.pem"},
		User:        schema.User{Name: "cp", Password: &schema.SecretRef{FromEnv: "CP_PASSWORD"}},
		Publication: schema.Publication{Name: "pub"}}
	tables := []plan.TableName{{Schema: "app", Name: "orders"}}
	d := plan.Desired{Schemas: []plan.DesiredSchema{{Name: "app"}, {Name: "billing"}}}
	want := ConnectionInfo{Source: "orders", Type: "postgres", Host: "db", Port: 5432, Database: "orders", User: "cp",
		PasswordRef: "env:CP_PASSWORD", Publication: "pub", SSLMode: "verify-full", CA: "/etc/ssl/db-ca.pem", Schemas: []string{"app", "billing"}, Tables: tables}
	if diff := cmp.Diff(want, For(d, src, "db", 5432, tables, nil)); diff != "" {
		t.Errorf("postgresql (-want +got):\n%s", diff)
	}
	src.Type = schema.TypeAurora
	d.Aurora = &plan.DesiredAurora{Network: &plan.DesiredNetwork{ClickPipesRegion: "us-east-2", CIDRs: []string{"192.0.2.1/32"}}}
	got := For(d, src, "orders.cluster-x", 5432, tables, nil)
	// the spec's sslmode (a tunnel's, say) is not how ClickPipes reaches
	// the writer: TLS on
	if got.Type != "aurorapostgres" || got.SSLMode != "require" || got.ClickPipesRegion != "us-east-2" || !cmp.Equal(got.AllowedCIDRs, []string{"192.0.2.1/32"}) {
		t.Errorf("aurora: %+v", got)
	}
}

// TestForPrivateLink: the host is the reverse private endpoint's, which
// ClickPipes makes, so the writer's name goes to tls_host; the endpoint
// service's name and ClickPipes' connections (never another account's), or
// the resource configuration and share, are handed over.
func TestForPrivateLink(t *testing.T) {
	src := &schema.Source{Name: "orders", Type: schema.TypeAurora, Database: "orders", User: schema.User{Name: "cp", Password: &schema.SecretRef{FromEnv: "P"}}}
	d := plan.Desired{Aurora: &plan.DesiredAurora{PrivateLink: &plan.DesiredPrivateLink{Network: "pl", Type: schema.PrivateLinkEndpointService}}}
	path := &plan.PrivateLinkObserved{EndpointService: &plan.EndpointService{Name: "com.amazonaws.vpce.us-east-1.vpce-svc-1", Connections: []plan.EndpointConnection{
		{EndpointID: "vpce-a", Owner: plan.ClickPipesAccount, State: plan.ConnectionAvailable},
		{EndpointID: "vpce-b", Owner: plan.ClickPipesAccount, State: plan.ConnectionPending},
		{EndpointID: "vpce-x", Owner: "999999999999", State: plan.ConnectionAvailable}}}}
	got := For(d, src, "orders.cluster-x", 5432, nil, path)
	want := &PrivateLink{Network: "pl", Type: EndpointServiceType, EndpointServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-1", Accepted: []string{"vpce-a"}, Pending: []string{"vpce-b"}}
	if diff := cmp.Diff(want, got.PrivateLink); diff != "" || got.Host != "" || got.TLSHost != "orders.cluster-x" || got.Port != 5432 {
		t.Errorf("endpoint service: host %q tls_host %q port %d (-want +got):\n%s", got.Host, got.TLSHost, got.Port, diff)
	}
	d.Aurora.PrivateLink.Type = schema.PrivateLinkResource
	path = &plan.PrivateLinkObserved{Config: &plan.ResourceConfiguration{ID: "rcfg-1"}, Share: &plan.ResourceShare{ARN: "arn:share"}}
	want = &PrivateLink{Network: "pl", Type: ResourceType, ResourceConfigurationID: "rcfg-1", ResourceShareARN: "arn:share"}
	if diff := cmp.Diff(want, For(d, src, "orders.cluster-x", 5432, nil, path).PrivateLink); diff != "" {
		t.Errorf("resource (-want +got):\n%s", diff)
	}
}
