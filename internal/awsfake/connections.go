package awsfake

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/auroracfg/auroracfg/sources/awsapi"
)

// EndpointConnections is the emulator's endpoint service API plus the two
// calls it lacks, DescribeVpcEndpointConnections and
// AcceptVpcEndpointConnections, faked as the EC2 API reference describes
// them. Request plays the consumer (ClickPipes, or anyone) creating an
// interface endpoint to the service: refused unless the service allows the
// account's principal, pending acceptance when the service requires it.
type EndpointConnections struct {
	awsapi.EndpointServices
	// Calls, when set, is told the IAM action of every faked call.
	Calls func(action string)
	st    store[connectionState]
}

func (f *EndpointConnections) called(action string) {
	if f.Calls != nil {
		f.Calls(action)
	}
}

type connectionState struct {
	Connections []*connection
}

type connection struct {
	ServiceID, EndpointID, Owner, State string
}

// NewEndpointConnections wraps the emulator's client, keeping the
// connections in the file at path.
func NewEndpointConnections(inner awsapi.EndpointServices, path string) *EndpointConnections {
	return &EndpointConnections{EndpointServices: inner, st: store[connectionState]{path: path}}
}

// Request creates an endpoint of account owner to the service.
func (f *EndpointConnections) Request(ctx context.Context, serviceID, endpointID, owner string) error {
	perms, err := f.DescribeVpcEndpointServicePermissions(ctx, &ec2.DescribeVpcEndpointServicePermissionsInput{ServiceId: aws.String(serviceID)})
	if err != nil {
		return err
	}
	allowed := false
	for _, p := range perms.AllowedPrincipals {
		if pr := aws.ToString(p.Principal); pr == "*" || pr == "arn:aws:iam::"+owner+":root" {
			allowed = true
		}
	}
	if !allowed {
		return fmt.Errorf("account %s is not allowed to connect to %s", owner, serviceID)
	}
	cfg, err := f.DescribeVpcEndpointServiceConfigurations(ctx, &ec2.DescribeVpcEndpointServiceConfigurationsInput{ServiceIds: []string{serviceID}})
	if err != nil {
		return err
	}
	state := "available"
	if len(cfg.ServiceConfigurations) == 1 && aws.ToBool(cfg.ServiceConfigurations[0].AcceptanceRequired) {
		state = "pendingAcceptance"
	}
	return f.st.update(func(st *connectionState) error {
		st.Connections = append(st.Connections, &connection{ServiceID: serviceID, EndpointID: endpointID, Owner: owner, State: state})
		return nil
	})
}

// DescribeVpcEndpointConnections lists connections, filtered by service-id.
func (f *EndpointConnections) DescribeVpcEndpointConnections(ctx context.Context, in *ec2.DescribeVpcEndpointConnectionsInput, _ ...func(*ec2.Options)) (*ec2.DescribeVpcEndpointConnectionsOutput, error) {
	f.called("ec2:DescribeVpcEndpointConnections")
	out := &ec2.DescribeVpcEndpointConnectionsOutput{}
	err := f.st.update(func(st *connectionState) error {
		var services []string
		for _, flt := range in.Filters {
			switch aws.ToString(flt.Name) {
			case "service-id":
				services = flt.Values
			default:
				return apiError("InvalidParameterValue", "this fake filters by service-id only")
			}
		}
		for _, c := range st.Connections {
			if services == nil || slices.Contains(services, c.ServiceID) {
				out.VpcEndpointConnections = append(out.VpcEndpointConnections, types.VpcEndpointConnection{ServiceId: aws.String(c.ServiceID),
					VpcEndpointId: aws.String(c.EndpointID), VpcEndpointOwner: aws.String(c.Owner), VpcEndpointState: types.State(c.State)})
			}
		}
		return nil
	})
	return out, err
}

// AcceptVpcEndpointConnections accepts pending connections; the ones it
// cannot accept come back in Unsuccessful, as on AWS.
func (f *EndpointConnections) AcceptVpcEndpointConnections(ctx context.Context, in *ec2.AcceptVpcEndpointConnectionsInput, _ ...func(*ec2.Options)) (*ec2.AcceptVpcEndpointConnectionsOutput, error) {
	f.called("ec2:AcceptVpcEndpointConnections")
	out := &ec2.AcceptVpcEndpointConnectionsOutput{}
	err := f.st.update(func(st *connectionState) error {
		for _, id := range in.VpcEndpointIds {
			var found *connection
			for _, c := range st.Connections {
				if c.EndpointID == id && c.ServiceID == aws.ToString(in.ServiceId) {
					found = c
				}
			}
			switch {
			case found == nil:
				out.Unsuccessful = append(out.Unsuccessful, unsuccessful(id, "InvalidVpcEndpointId.NotFound", "no connection "+id+" to "+aws.ToString(in.ServiceId)))
			case found.State != "pendingAcceptance":
				out.Unsuccessful = append(out.Unsuccessful, unsuccessful(id, "InvalidState", "connection "+id+" is "+found.State))
			default:
				found.State = "available"
			}
		}
		return nil
	})
	return out, err
}

func unsuccessful(id, code, message string) types.UnsuccessfulItem {
	return types.UnsuccessfulItem{ResourceId: aws.String(id), Error: &types.UnsuccessfulItemError{Code: aws.String(code), Message: aws.String(message)}}
}
