package plan

// The facts behind the private paths' actions (Reason); plan/render words
// them.

// CrossZoneOff: the load balancer has cross-zone load balancing off.
type CrossZoneOff struct{}

// ListenerMissing: the load balancer has no listener on the port.
type ListenerMissing struct {
	LoadBalancer string `json:"load_balancer"`
	Port         int    `json:"port"`
}

// LoadBalancerNeeded: the network publishes the writer through an
// endpoint service, which needs a network load balancer.
type LoadBalancerNeeded struct {
	Network string `json:"network"`
}

// TargetGroupNeeded: the load balancer forwards to the writer through a
// target group.
type TargetGroupNeeded struct{}

// TargetMissing: the target group has no target; the writer instance is at
// Target (IP:port).
type TargetMissing struct {
	TargetGroup string `json:"target_group"`
	Writer      string `json:"writer"`
	Target      string `json:"target"`
}

// TargetStale: the target group points at Stale, not at the writer.
type TargetStale struct {
	TargetGroup string   `json:"target_group"`
	Stale       []string `json:"stale_targets"`
	Writer      string   `json:"writer"`
	Target      string   `json:"target"`
}

// EndpointServiceNeeded: ClickPipes connects to the network through a
// VPC endpoint service.
type EndpointServiceNeeded struct {
	Network string `json:"network"`
}

// NoPrincipalYet: the endpoint service is new and allows nobody yet.
type NoPrincipalYet struct{}

// PrincipalMissing: the endpoint service does not allow ClickPipes'
// account.
type PrincipalMissing struct {
	Service string `json:"service"`
}

// AcceptanceOff: the endpoint service accepts connections without review.
type AcceptanceOff struct {
	Service string `json:"service"`
}

// OtherPrincipals: the service allows others than ClickPipes (--prune).
type OtherPrincipals struct {
	Service string `json:"service"`
}

// RegionsMissing: allowedRegions lists regions the service does not
// support.
type RegionsMissing struct {
	Service string   `json:"service"`
	Regions []string `json:"regions"`
}

// RegionsExtra: the service supports regions the spec no longer allows
// (--prune).
type RegionsExtra struct {
	Service string   `json:"service"`
	Regions []string `json:"regions"`
}

// ConnectionsPending: ClickPipes' account requested connections that wait
// for acceptance.
type ConnectionsPending struct {
	Service   string   `json:"service"`
	Endpoints []string `json:"endpoints"`
}

// ResourceGatewayNeeded: the network publishes the cluster as a VPC
// resource, reached through a resource gateway.
type ResourceGatewayNeeded struct {
	Network string `json:"network"`
}

// ResourceConfigurationNeeded: ClickPipes names the cluster through a
// resource configuration.
type ResourceConfigurationNeeded struct {
	Cluster string `json:"cluster"`
}

// ShareMissing: the RAM share does not exist.
type ShareMissing struct{}

// ShareLacksClickPipes: the share is not shared with ClickPipes' account.
type ShareLacksClickPipes struct{}

// ShareLacksConfiguration: the share does not hold the configuration.
type ShareLacksConfiguration struct {
	Configuration string `json:"resource_configuration"`
}

func (CrossZoneOff) reasonCode() ReasonCode                { return "cross-zone-off" }
func (ListenerMissing) reasonCode() ReasonCode             { return "listener-missing" }
func (LoadBalancerNeeded) reasonCode() ReasonCode          { return "load-balancer-needed" }
func (TargetGroupNeeded) reasonCode() ReasonCode           { return "target-group-needed" }
func (TargetMissing) reasonCode() ReasonCode               { return "target-missing" }
func (TargetStale) reasonCode() ReasonCode                 { return "target-stale" }
func (EndpointServiceNeeded) reasonCode() ReasonCode       { return "endpoint-service-needed" }
func (NoPrincipalYet) reasonCode() ReasonCode              { return "no-principal-yet" }
func (PrincipalMissing) reasonCode() ReasonCode            { return "principal-missing" }
func (AcceptanceOff) reasonCode() ReasonCode               { return "acceptance-off" }
func (OtherPrincipals) reasonCode() ReasonCode             { return "other-principals" }
func (RegionsMissing) reasonCode() ReasonCode              { return "regions-missing" }
func (RegionsExtra) reasonCode() ReasonCode                { return "regions-extra" }
func (ConnectionsPending) reasonCode() ReasonCode          { return "connections-pending" }
func (ResourceGatewayNeeded) reasonCode() ReasonCode       { return "resource-gateway-needed" }
func (ResourceConfigurationNeeded) reasonCode() ReasonCode { return "resource-configuration-needed" }
func (ShareMissing) reasonCode() ReasonCode                { return "share-missing" }
func (ShareLacksClickPipes) reasonCode() ReasonCode        { return "share-lacks-clickpipes" }
func (ShareLacksConfiguration) reasonCode() ReasonCode     { return "share-lacks-configuration" }

func init() {
	registerReasons(CrossZoneOff{}, ListenerMissing{}, LoadBalancerNeeded{}, TargetGroupNeeded{}, TargetMissing{}, TargetStale{},
		EndpointServiceNeeded{}, NoPrincipalYet{}, PrincipalMissing{}, AcceptanceOff{}, OtherPrincipals{}, RegionsMissing{},
		RegionsExtra{}, ConnectionsPending{}, ResourceGatewayNeeded{}, ResourceConfigurationNeeded{}, ShareMissing{},
		ShareLacksClickPipes{}, ShareLacksConfiguration{})
}
