// Package handoff is what creating a ClickPipe on a prepared source needs:
// where to connect, as whom (the password's reference, never the value),
// the publication and the tables it replicates, and the network.
package handoff

import (
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
)

// ConnectionInfo is what creating the ClickPipe needs for one source. It
// names where the password lives, never the password.
type ConnectionInfo struct {
	Source      string `json:"source"`
	Type        string `json:"clickpipes_type"` // postgres | aurorapostgres
	Host        string `json:"host"`
	Port        int    `json:"port"`
	Database    string `json:"database"`
	User        string `json:"user"`
	PasswordRef string `json:"password_ref"`
	Publication string `json:"publication"`
	// SSLMode is what ClickPipes must use: the spec's for a PostgreSQL
	// source; require for Aurora (its connect settings may lead through a
	// tunnel, which says nothing of how ClickPipes reaches the writer).
	SSLMode string `json:"sslmode,omitempty"`
	// CA is the certificate authority ClickPipes must trust when it is not
	// a public one (the spec's connect.sslrootcert).
	CA               string   `json:"ca,omitempty"`
	Schemas          []string `json:"schemas"`
	ClickPipesRegion string   `json:"clickpipes_region,omitempty"`
	AllowedCIDRs     []string `json:"allowed_cidrs,omitempty"`
	// Tables are what the publication replicates, as ClickPipes lists them.
	Tables []plan.TableName `json:"tables"`
	// PrivateLink is the private path ClickPipes connects through; then
	// Host is empty (the reverse private endpoint's DNS name, which
	// ClickPipes gives once it made the endpoint) and TLSHost is the name
	// the writer's certificate carries.
	PrivateLink *PrivateLink `json:"private_link,omitempty"`
	TLSHost     string       `json:"tls_host,omitempty"`
	// Error says why the source's hand-off could not be made (a secret or
	// the endpoint could not be read); then only Source is set: every
	// source appears in every output.
	Error string `json:"error,omitempty"`
}

// Failed is the hand-off entry of a source whose hand-off could not be made.
func Failed(source string, err error) ConnectionInfo {
	return ConnectionInfo{Source: source, Error: plan.Visible(err.Error())}
}

// Reverse private endpoint types, as ClickHouse's Terraform provider names
// them.
const (
	EndpointServiceType = "VPC_ENDPOINT_SERVICE"
	ResourceType        = "VPC_RESOURCE"
)

// PrivateLink is what creating the reverse private endpoint in ClickPipes
// needs, and the state of its connection.
type PrivateLink struct {
	Network string `json:"network"`
	Type    string `json:"type"`
	// EndpointServiceName is the endpoint service's name (type
	// VPC_ENDPOINT_SERVICE); Accepted and Pending are ClickPipes' endpoint
	// connections to it.
	EndpointServiceName string   `json:"vpc_endpoint_service_name,omitempty"`
	Accepted            []string `json:"accepted_endpoints,omitempty"`
	Pending             []string `json:"pending_endpoints,omitempty"`
	// ResourceConfigurationID and ResourceShareARN (type VPC_RESOURCE).
	ResourceConfigurationID string `json:"vpc_resource_configuration_id,omitempty"`
	ResourceShareARN        string `json:"vpc_resource_share_arn,omitempty"`
}

// For is the hand-off of a source: its desired state and spec, the endpoint
// ClickPipes connects to, the tables its publication replicates and, for a
// privateLink network, the observed private path.
func For(d plan.Desired, src *schema.Source, host string, port int, tables []plan.TableName, path *plan.PrivateLinkObserved) ConnectionInfo {
	c := ConnectionInfo{
		Source: src.Name, Type: plan.ClickPipesType(src.Type), Host: host, Port: port, Database: src.Database, User: src.User.Name,
		PasswordRef: src.User.Password.String(), Publication: src.Publication.Name, SSLMode: src.Connect.SSLMode, CA: src.Connect.SSLRootCert,
		Schemas: d.SchemaNames(), Tables: tables,
	}
	if d.Aurora != nil {
		c.SSLMode = "require"
		if n := d.Aurora.Network; n != nil {
			c.ClickPipesRegion, c.AllowedCIDRs = n.ClickPipesRegion, n.CIDRs
		}
		if p := d.Aurora.PrivateLink; p != nil {
			c.PrivateLink, c.TLSHost, c.Host = privateLinkOf(p, path), host, ""
		}
	}
	return c
}

func privateLinkOf(p *plan.DesiredPrivateLink, path *plan.PrivateLinkObserved) *PrivateLink {
	out := &PrivateLink{Network: p.Network, Type: ResourceType}
	if p.Type == schema.PrivateLinkEndpointService {
		out.Type = EndpointServiceType
	}
	if path == nil {
		return out
	}
	if svc := path.EndpointService; svc != nil {
		out.EndpointServiceName = svc.Name
		for _, cn := range svc.Connections {
			switch {
			case cn.Owner != plan.ClickPipesAccount:
			case cn.State == plan.ConnectionAvailable:
				out.Accepted = append(out.Accepted, cn.EndpointID)
			case cn.State == plan.ConnectionPending:
				out.Pending = append(out.Pending, cn.EndpointID)
			}
		}
	}
	if path.Config != nil {
		out.ResourceConfigurationID = path.Config.ID
	}
	if path.Share != nil {
		out.ResourceShareARN = path.Share.ARN
	}
	return out
}
