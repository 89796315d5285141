package awsfake

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ram"
	ramtypes "github.com/aws/aws-sdk-go-v2/service/ram/types"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice/types"
	"github.com/aws/smithy-go"
)

func code(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return ""
}

func gatewayInput(name, token string) *vpclattice.CreateResourceGatewayInput {
	return &vpclattice.CreateResourceGatewayInput{Name: aws.String(name), VpcIdentifier: aws.String("vpc-1"), SubnetIds: []string{"subnet-a"},
		ClientToken: aws.String(token)}
}

// The behaviours the Lattice fake copies from the VPC Lattice API
// reference, each of which auroracfg's code depends on.
func TestLatticeBehavesAsDocumented(t *testing.T) {
	ctx := context.Background()
	l := NewLattice(filepath.Join(t.TempDir(), "state.json"), "111111111111", "us-east-1")
	g, err := l.CreateResourceGateway(ctx, gatewayInput("gw", "t1"))
	if err != nil || g.Status != types.ResourceGatewayStatusCreateInProgress {
		t.Fatalf("create: %v, status %v; want CREATE_IN_PROGRESS", err, g)
	}
	// the same client token returns the first gateway; another is a conflict
	again, err := l.CreateResourceGateway(ctx, gatewayInput("gw", "t1"))
	if err != nil || aws.ToString(again.Id) != aws.ToString(g.Id) {
		t.Errorf("retry with the same token: %v, id %s, want %s", err, aws.ToString(again.Id), aws.ToString(g.Id))
	}
	if _, err := l.CreateResourceGateway(ctx, gatewayInput("gw", "t2")); code(err) != "ConflictException" {
		t.Errorf("same name, other token: %v, want ConflictException", err)
	}
	if _, err := l.CreateResourceGateway(ctx, &vpclattice.CreateResourceGatewayInput{Name: aws.String("x")}); code(err) != "ValidationException" {
		t.Errorf("no VPC or subnets: %v, want ValidationException", err)
	}
	// a configuration needs an ACTIVE gateway
	cfg := &vpclattice.CreateResourceConfigurationInput{Name: aws.String("rc"), Type: types.ResourceConfigurationTypeArn, ResourceGatewayIdentifier: g.Id,
		ResourceConfigurationDefinition: &types.ResourceConfigurationDefinitionMemberArnResource{Value: types.ArnResource{Arn: aws.String("arn:aws:rds:us-east-1:111111111111:cluster:c")}}}
	if _, err := l.CreateResourceConfiguration(ctx, cfg); code(err) != "ConflictException" {
		t.Errorf("configuration on a gateway being created: %v, want ConflictException", err)
	}
	for i := 0; i < l.ActivateAfter; i++ {
		if _, err := l.GetResourceGateway(ctx, &vpclattice.GetResourceGatewayInput{ResourceGatewayIdentifier: g.Id}); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := l.GetResourceGateway(ctx, &vpclattice.GetResourceGatewayInput{ResourceGatewayIdentifier: g.Id})
	if got.Status != types.ResourceGatewayStatusActive {
		t.Fatalf("after %d reads: %s, want ACTIVE", l.ActivateAfter, got.Status)
	}
	if _, err := l.CreateResourceConfiguration(ctx, cfg); err != nil {
		t.Errorf("configuration on an ACTIVE gateway: %v", err)
	}
	if _, err := l.GetResourceGateway(ctx, &vpclattice.GetResourceGatewayInput{ResourceGatewayIdentifier: aws.String("rgw-none")}); code(err) != "ResourceNotFoundException" {
		t.Errorf("unknown id: %v, want ResourceNotFoundException", err)
	}
	// lists come in pages
	for _, n := range []string{"gw2", "gw3"} {
		if _, err := l.CreateResourceGateway(ctx, gatewayInput(n, n)); err != nil {
			t.Fatal(err)
		}
	}
	page, _ := l.ListResourceGateways(ctx, &vpclattice.ListResourceGatewaysInput{})
	if len(page.Items) != l.PageSize || page.NextToken == nil {
		t.Errorf("first page: %d items, next %v; want %d and a token", len(page.Items), page.NextToken, l.PageSize)
	}
}

func TestRAMBehavesAsDocumented(t *testing.T) {
	ctx := context.Background()
	l := NewLattice(filepath.Join(t.TempDir(), "state.json"), "111111111111", "us-east-1")
	r := l.RAM()
	if _, err := r.CreateResourceShare(ctx, &ram.CreateResourceShareInput{Name: aws.String("s"), ResourceArns: []string{"arn:aws:vpc-lattice:us-east-1:1:resourceconfiguration/rcfg-x"}}); code(err) != "UnknownResourceException" {
		t.Errorf("share of an unknown resource: %v, want UnknownResourceException", err)
	}
	if _, err := r.CreateResourceShare(ctx, &ram.CreateResourceShareInput{Name: aws.String("s"), Principals: []string{"clickpipes"}}); code(err) != "MalformedArnException" {
		t.Errorf("malformed principal: %v, want MalformedArnException", err)
	}
	if _, err := r.CreateResourceShare(ctx, &ram.CreateResourceShareInput{Name: aws.String("s"), Principals: []string{"072088201116"}, AllowExternalPrincipals: aws.Bool(false)}); code(err) != "OperationNotPermittedException" {
		t.Errorf("external principal without allowExternalPrincipals: %v, want OperationNotPermittedException", err)
	}
	share, err := r.CreateResourceShare(ctx, &ram.CreateResourceShareInput{Name: aws.String("s"), Principals: []string{"072088201116"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.GetResourceShares(ctx, &ram.GetResourceSharesInput{}); code(err) != "MissingRequiredParameterException" {
		t.Errorf("no resourceOwner: %v, want MissingRequiredParameterException", err)
	}
	assoc, err := r.GetResourceShareAssociations(ctx, &ram.GetResourceShareAssociationsInput{AssociationType: ramtypes.ResourceShareAssociationTypePrincipal,
		ResourceShareArns: []string{aws.ToString(share.ResourceShare.ResourceShareArn)}})
	if err != nil || len(assoc.ResourceShareAssociations) != 1 || aws.ToString(assoc.ResourceShareAssociations[0].AssociatedEntity) != "072088201116" {
		t.Errorf("principal associations: %v %+v", err, assoc)
	}
	if _, err := r.AssociateResourceShare(ctx, &ram.AssociateResourceShareInput{ResourceShareArn: aws.String("arn:none")}); code(err) != "UnknownResourceException" {
		t.Errorf("unknown share: %v, want UnknownResourceException", err)
	}
}

// The state outlives the process that made it (a killed apply).
func TestStateSurvivesANewFake(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.json")
	if _, err := NewLattice(path, "1", "us-east-1").CreateResourceGateway(ctx, gatewayInput("gw", "t")); err != nil {
		t.Fatal(err)
	}
	page, err := NewLattice(path, "1", "us-east-1").ListResourceGateways(ctx, &vpclattice.ListResourceGatewaysInput{})
	if err != nil || len(page.Items) != 1 {
		t.Errorf("a new fake on the same file: %v, %d gateways, want 1", err, len(page.Items))
	}
}

func TestResolverGivesEachInstanceItsOwnPrivateAddress(t *testing.T) {
	ctx := context.Background()
	a, err1 := Resolver{}.LookupHost(ctx, "orders-1.aaaaaaaaaa.us-east-1.rds.amazonaws.com")
	b, err2 := Resolver{}.LookupHost(ctx, "orders-2.aaaaaaaaaa.us-east-1.rds.amazonaws.com")
	if err1 != nil || err2 != nil || a[0] == b[0] {
		t.Errorf("writer and reader: %v %v, %v %v; want two addresses", a, err1, b, err2)
	}
	if _, err := (Resolver{}).LookupHost(ctx, "example.com"); err == nil {
		t.Error("a name that is not an instance endpoint resolved")
	}
}
