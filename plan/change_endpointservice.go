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
	Name           string
	Subnets        []string
	SecurityGroups []string // the spec's; none when auroracfg's own group guards the writer
}

// EnableCrossZone turns on cross-zone load balancing.
type EnableCrossZone struct{ LoadBalancer string }

// CreateTargetGroup creates a TCP target group of IP targets.
type CreateTargetGroup struct {
	Name, VpcID string
	Port        int
}

// PointTarget registers the writer's address and deregisters every other
// target (ip:port).
type PointTarget struct {
	TargetGroup string
	IP          string
	Port        int
	Stale       []string
}

// CreateListener forwards the port to the target group.
type CreateListener struct {
	LoadBalancer, TargetGroup string
	Port                      int
}

// CreateEndpointService creates the endpoint service of a load balancer,
// with acceptance required and the given extra regions.
type CreateEndpointService struct {
	LoadBalancer string
	Regions      []string
}

// RequireAcceptance turns acceptance on for the service.
type RequireAcceptance struct{ LoadBalancer string }

// AllowPrincipals allows principals to connect to the service.
type AllowPrincipals struct {
	LoadBalancer string
	Principals   []string
}

// RemovePrincipals stops allowing principals (--prune).
type RemovePrincipals struct {
	LoadBalancer string
	Principals   []string
}

// SetSupportedRegions adds (and with --prune removes) the regions the
// service accepts endpoints from.
type SetSupportedRegions struct {
	LoadBalancer string
	Add, Remove  []string
}

// AcceptConnections accepts pending connections from ClickPipes' account.
type AcceptConnections struct {
	LoadBalancer string
	Endpoints    []string
}

func init() {
	registerKind(KindCreateLoadBalancer, func(f Fields) Change {
		return CreateLoadBalancer{Name: f.LoadBalancer, Subnets: f.Subnets, SecurityGroups: f.SecurityGroups}
	})
	registerKind(KindEnableCrossZone, func(f Fields) Change { return EnableCrossZone{LoadBalancer: f.LoadBalancer} })
	registerKind(KindCreateTargetGroup, func(f Fields) Change { return CreateTargetGroup{Name: f.TargetGroup, VpcID: f.VpcID, Port: f.Port} })
	registerKind(KindPointTarget, func(f Fields) Change {
		return PointTarget{TargetGroup: f.TargetGroup, IP: f.TargetIP, Port: f.Port, Stale: f.StaleTargets}
	})
	registerKind(KindCreateListener, func(f Fields) Change {
		return CreateListener{LoadBalancer: f.LoadBalancer, TargetGroup: f.TargetGroup, Port: f.Port}
	})
	registerKind(KindCreateEndpointService, func(f Fields) Change {
		return CreateEndpointService{LoadBalancer: f.LoadBalancer, Regions: f.AddRegions}
	})
	registerKind(KindRequireAcceptance, func(f Fields) Change { return RequireAcceptance{LoadBalancer: f.LoadBalancer} })
	registerKind(KindAllowPrincipals, func(f Fields) Change { return AllowPrincipals{LoadBalancer: f.LoadBalancer, Principals: f.Principals} })
	registerKind(KindRemovePrincipals, func(f Fields) Change { return RemovePrincipals{LoadBalancer: f.LoadBalancer, Principals: f.Principals} })
	registerKind(KindSetSupportedRegions, func(f Fields) Change {
		return SetSupportedRegions{LoadBalancer: f.LoadBalancer, Add: f.AddRegions, Remove: f.RemoveRegions}
	})
	registerKind(KindAcceptConnections, func(f Fields) Change { return AcceptConnections{LoadBalancer: f.LoadBalancer, Endpoints: f.Endpoints} })
}

var servesNetwork = []string{CheckNetwork}

func (CreateLoadBalancer) Kind() Kind       { return KindCreateLoadBalancer }
func (CreateLoadBalancer) sealed()          {}
func (CreateLoadBalancer) Edge() Edge       { return EdgeAWS }
func (CreateLoadBalancer) Serves() []string { return servesNetwork }
func (c CreateLoadBalancer) Fields() Fields {
	return Fields{LoadBalancer: c.Name, Subnets: c.Subnets, SecurityGroups: c.SecurityGroups}
}

func (EnableCrossZone) Kind() Kind       { return KindEnableCrossZone }
func (EnableCrossZone) sealed()          {}
func (EnableCrossZone) Edge() Edge       { return EdgeAWS }
func (EnableCrossZone) Serves() []string { return servesNetwork }
func (c EnableCrossZone) Fields() Fields { return Fields{LoadBalancer: c.LoadBalancer} }

func (CreateTargetGroup) Kind() Kind       { return KindCreateTargetGroup }
func (CreateTargetGroup) sealed()          {}
func (CreateTargetGroup) Edge() Edge       { return EdgeAWS }
func (CreateTargetGroup) Serves() []string { return servesNetwork }
func (c CreateTargetGroup) Fields() Fields {
	return Fields{TargetGroup: c.Name, VpcID: c.VpcID, Port: c.Port}
}

func (PointTarget) Kind() Kind       { return KindPointTarget }
func (PointTarget) sealed()          {}
func (PointTarget) Edge() Edge       { return EdgeAWS }
func (PointTarget) Serves() []string { return servesNetwork }
func (c PointTarget) Fields() Fields {
	return Fields{TargetGroup: c.TargetGroup, TargetIP: c.IP, Port: c.Port, StaleTargets: c.Stale}
}

func (CreateListener) Kind() Kind       { return KindCreateListener }
func (CreateListener) sealed()          {}
func (CreateListener) Edge() Edge       { return EdgeAWS }
func (CreateListener) Serves() []string { return servesNetwork }
func (c CreateListener) Fields() Fields {
	return Fields{LoadBalancer: c.LoadBalancer, TargetGroup: c.TargetGroup, Port: c.Port}
}

func (CreateEndpointService) Kind() Kind       { return KindCreateEndpointService }
func (CreateEndpointService) sealed()          {}
func (CreateEndpointService) Edge() Edge       { return EdgeAWS }
func (CreateEndpointService) Serves() []string { return servesNetwork }
func (c CreateEndpointService) Fields() Fields {
	return Fields{LoadBalancer: c.LoadBalancer, AddRegions: c.Regions}
}

func (RequireAcceptance) Kind() Kind       { return KindRequireAcceptance }
func (RequireAcceptance) sealed()          {}
func (RequireAcceptance) Edge() Edge       { return EdgeAWS }
func (RequireAcceptance) Serves() []string { return servesNetwork }
func (c RequireAcceptance) Fields() Fields { return Fields{LoadBalancer: c.LoadBalancer} }
func (AllowPrincipals) Kind() Kind         { return KindAllowPrincipals }
func (AllowPrincipals) sealed()            {}
func (AllowPrincipals) Edge() Edge         { return EdgeAWS }
func (AllowPrincipals) Serves() []string   { return servesNetwork }
func (c AllowPrincipals) Fields() Fields {
	return Fields{LoadBalancer: c.LoadBalancer, Principals: c.Principals}
}
func (RemovePrincipals) Kind() Kind       { return KindRemovePrincipals }
func (RemovePrincipals) sealed()          {}
func (RemovePrincipals) Edge() Edge       { return EdgeAWS }
func (RemovePrincipals) Serves() []string { return servesNetwork }
func (c RemovePrincipals) Fields() Fields {
	return Fields{LoadBalancer: c.LoadBalancer, Principals: c.Principals}
}
func (SetSupportedRegions) Kind() Kind       { return KindSetSupportedRegions }
func (SetSupportedRegions) sealed()          {}
func (SetSupportedRegions) Edge() Edge       { return EdgeAWS }
func (SetSupportedRegions) Serves() []string { return servesNetwork }
func (c SetSupportedRegions) Fields() Fields {
	return Fields{LoadBalancer: c.LoadBalancer, AddRegions: c.Add, RemoveRegions: c.Remove}
}
func (AcceptConnections) Kind() Kind       { return KindAcceptConnections }
func (AcceptConnections) sealed()          {}
func (AcceptConnections) Edge() Edge       { return EdgeAWS }
func (AcceptConnections) Serves() []string { return servesNetwork }
func (c AcceptConnections) Fields() Fields {
	return Fields{LoadBalancer: c.LoadBalancer, Endpoints: c.Endpoints}
}
