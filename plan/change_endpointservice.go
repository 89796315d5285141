package plan

// AWS changes of a VPC endpoint service path (privateLink type
// endpointService). They name the load balancer and target group, which
// share the path's resource name; the endpoint service is found through its
// load balancer, so a change needs no id that only an earlier step knows.

// Endpoint service kinds.
const (
	KindCreateLoadBalancer    Kind = "create-load-balancer"
	KindEnableCrossZone       Kind = "enable-cross-zone"
	KindCreateTargetGroup     Kind = "create-target-group"
	KindPointTarget           Kind = "point-target"
	KindCreateListener        Kind = "create-listener"
	KindCreateEndpointService Kind = "create-endpoint-service"
	KindRequireAcceptance     Kind = "require-acceptance"
	KindAllowPrincipals       Kind = "allow-principals"
	KindRemovePrincipals      Kind = "remove-principals"
	KindSetSupportedRegions   Kind = "set-supported-regions"
	KindAcceptConnections     Kind = "accept-connections"
)

// CreateLoadBalancer creates an internal network load balancer.
type CreateLoadBalancer struct {
	Name           string   `json:"load_balancer,omitempty"`
	Subnets        []string `json:"subnets,omitempty"`
	SecurityGroups []string `json:"security_groups,omitempty"` // the spec's; none when auroracfg's own group guards the writer
}

// EnableCrossZone turns on cross-zone load balancing.
type EnableCrossZone struct {
	LoadBalancer string `json:"load_balancer,omitempty"`
}

// CreateTargetGroup creates a TCP target group of IP targets.
type CreateTargetGroup struct {
	Name  string `json:"target_group,omitempty"`
	VpcID string `json:"vpc_id,omitempty"`
	Port  int    `json:"port,omitempty"`
}

// PointTarget registers the writer's address and deregisters every other
// target (ip:port).
type PointTarget struct {
	TargetGroup string   `json:"target_group,omitempty"`
	IP          string   `json:"target_ip,omitempty"`
	Port        int      `json:"port,omitempty"`
	Stale       []string `json:"stale_targets,omitempty"`
}

// CreateListener forwards the port to the target group.
type CreateListener struct {
	LoadBalancer string `json:"load_balancer,omitempty"`
	TargetGroup  string `json:"target_group,omitempty"`
	Port         int    `json:"port,omitempty"`
}

// CreateEndpointService creates the endpoint service of a load balancer,
// with acceptance required and the given extra regions.
type CreateEndpointService struct {
	LoadBalancer string   `json:"load_balancer,omitempty"`
	Regions      []string `json:"add_regions,omitempty"`
}

// RequireAcceptance turns acceptance on for the service.
type RequireAcceptance struct {
	LoadBalancer string `json:"load_balancer,omitempty"`
}

// AllowPrincipals allows principals to connect to the service.
type AllowPrincipals struct {
	LoadBalancer string   `json:"load_balancer,omitempty"`
	Principals   []string `json:"principals,omitempty"`
}

// RemovePrincipals stops allowing principals (--prune).
type RemovePrincipals struct {
	LoadBalancer string   `json:"load_balancer,omitempty"`
	Principals   []string `json:"principals,omitempty"`
}

// SetSupportedRegions adds (and with --prune removes) the regions the
// service accepts endpoints from.
type SetSupportedRegions struct {
	LoadBalancer string   `json:"load_balancer,omitempty"`
	Add          []string `json:"add_regions,omitempty"`
	Remove       []string `json:"remove_regions,omitempty"`
}

// AcceptConnections accepts pending connections from ClickPipes' account.
type AcceptConnections struct {
	LoadBalancer string   `json:"load_balancer,omitempty"`
	Endpoints    []string `json:"endpoints,omitempty"`
}

var servesNetwork = []CheckID{CheckNetwork}

func init() {
	registerKind[CreateLoadBalancer](KindCreateLoadBalancer)
	registerKind[EnableCrossZone](KindEnableCrossZone)
	registerKind[CreateTargetGroup](KindCreateTargetGroup)
	registerKind[PointTarget](KindPointTarget)
	registerKind[CreateListener](KindCreateListener)
	registerKind[CreateEndpointService](KindCreateEndpointService)
	registerKind[RequireAcceptance](KindRequireAcceptance)
	registerKind[AllowPrincipals](KindAllowPrincipals)
	registerKind[RemovePrincipals](KindRemovePrincipals)
	registerKind[SetSupportedRegions](KindSetSupportedRegions)
	registerKind[AcceptConnections](KindAcceptConnections)
}

func (CreateLoadBalancer) Kind() Kind        { return KindCreateLoadBalancer }
func (CreateLoadBalancer) sealed()           {}
func (CreateLoadBalancer) Edge() Edge        { return EdgeAWS }
func (CreateLoadBalancer) Serves() []CheckID { return servesNetwork }

func (EnableCrossZone) Kind() Kind        { return KindEnableCrossZone }
func (EnableCrossZone) sealed()           {}
func (EnableCrossZone) Edge() Edge        { return EdgeAWS }
func (EnableCrossZone) Serves() []CheckID { return servesNetwork }

func (CreateTargetGroup) Kind() Kind        { return KindCreateTargetGroup }
func (CreateTargetGroup) sealed()           {}
func (CreateTargetGroup) Edge() Edge        { return EdgeAWS }
func (CreateTargetGroup) Serves() []CheckID { return servesNetwork }

func (PointTarget) Kind() Kind        { return KindPointTarget }
func (PointTarget) sealed()           {}
func (PointTarget) Edge() Edge        { return EdgeAWS }
func (PointTarget) Serves() []CheckID { return servesNetwork }

func (CreateListener) Kind() Kind        { return KindCreateListener }
func (CreateListener) sealed()           {}
func (CreateListener) Edge() Edge        { return EdgeAWS }
func (CreateListener) Serves() []CheckID { return servesNetwork }

func (CreateEndpointService) Kind() Kind        { return KindCreateEndpointService }
func (CreateEndpointService) sealed()           {}
func (CreateEndpointService) Edge() Edge        { return EdgeAWS }
func (CreateEndpointService) Serves() []CheckID { return servesNetwork }

func (RequireAcceptance) Kind() Kind          { return KindRequireAcceptance }
func (RequireAcceptance) sealed()             {}
func (RequireAcceptance) Edge() Edge          { return EdgeAWS }
func (RequireAcceptance) Serves() []CheckID   { return servesNetwork }
func (AllowPrincipals) Kind() Kind            { return KindAllowPrincipals }
func (AllowPrincipals) sealed()               {}
func (AllowPrincipals) Edge() Edge            { return EdgeAWS }
func (AllowPrincipals) Serves() []CheckID     { return servesNetwork }
func (RemovePrincipals) Kind() Kind           { return KindRemovePrincipals }
func (RemovePrincipals) sealed()              {}
func (RemovePrincipals) Edge() Edge           { return EdgeAWS }
func (RemovePrincipals) Serves() []CheckID    { return servesNetwork }
func (SetSupportedRegions) Kind() Kind        { return KindSetSupportedRegions }
func (SetSupportedRegions) sealed()           {}
func (SetSupportedRegions) Edge() Edge        { return EdgeAWS }
func (SetSupportedRegions) Serves() []CheckID { return servesNetwork }
func (AcceptConnections) Kind() Kind          { return KindAcceptConnections }
func (AcceptConnections) sealed()             {}
func (AcceptConnections) Edge() Edge          { return EdgeAWS }
func (AcceptConnections) Serves() []CheckID   { return servesNetwork }
