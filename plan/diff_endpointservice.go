package plan

import (
	"net/netip"
	"slices"
	"sort"
	"strings"
)

// Endpoint connection states AWS reports.
const (
	ConnectionPending   = "pendingAcceptance"
	ConnectionAvailable = "available"
)

// endpointService plans the NLB path: an internal NLB in the subnets, a TCP
// target group on the writer instance's current address, a listener, and an
// endpoint service that only ClickPipes' account may connect to, with
// acceptance required.
func (b *builder) endpointService(p *DesiredPrivateLink, pl *PrivateLinkObserved) {
	c, name := b.o.AWS.Cluster, p.ResourceName()
	lbDeps, ok := b.loadBalancer(p, pl.LoadBalancer)
	if !ok {
		return
	}
	if pl.LoadBalancer == nil || !pl.LoadBalancer.CrossZone {
		b.addAWS(Action{ID: "cross-zone/" + name, Op: OpUpdate, DependsOn: lbDeps, Change: EnableCrossZone{LoadBalancer: name},
			Why: []Reason{CrossZoneOff{}}})
	}
	tgDeps, ok := b.targetGroup(name, pl.TargetGroup)
	if !ok {
		return
	}
	b.target(name, pl)
	switch l := pl.Listener; {
	case l == nil:
		b.addAWS(Action{ID: "listener/" + name, Op: OpCreate, Change: CreateListener{LoadBalancer: name, TargetGroup: name, Port: c.Port},
			DependsOn: append(append([]string{}, lbDeps...), tgDeps...),
			Why:       []Reason{ListenerMissing{LoadBalancer: name, Port: c.Port}}})
	case pl.TargetGroup != nil && l.TargetGroupARN != pl.TargetGroup.ARN:
		b.found(FindingPrivateLinkConflict, "", SeverityBlocker, ListenerConflict{LoadBalancer: name, Port: c.Port, ForwardsTo: l.TargetGroupARN, TargetGroup: name})
	}
	b.endpointServiceConfig(p, pl.EndpointService, lbDeps)
}

// loadBalancer plans the NLB, or refuses one of that name that is not an
// internal network load balancer in the cluster's VPC.
func (b *builder) loadBalancer(p *DesiredPrivateLink, lb *LoadBalancer) ([]string, bool) {
	c, name := b.o.AWS.Cluster, p.ResourceName()
	if lb == nil {
		id := "load-balancer/" + name
		b.addAWS(Action{ID: id, Op: OpCreate, Change: CreateLoadBalancer{Name: name, Subnets: p.Subnets, SecurityGroups: p.SecurityGroups},
			Why: []Reason{LoadBalancerNeeded{Network: p.Network}}})
		return []string{id}, true
	}
	if lb.Type != "network" || lb.Scheme != "internal" || (c.VpcID != "" && lb.VpcID != c.VpcID) {
		b.found(FindingPrivateLinkConflict, "", SeverityBlocker,
			LoadBalancerConflict{LoadBalancer: name, Scheme: lb.Scheme, Type: lb.Type, VpcID: lb.VpcID, Network: p.Network, ClusterVpc: c.VpcID})
		return nil, false
	}
	b.subnetsDrift("load balancer", name, lb.Subnets, p.Subnets)
	return nil, true
}

// subnetsDrift warns when an object of the path lives in other subnets than
// the spec lists: AWS does not move it, and auroracfg does not recreate it.
func (b *builder) subnetsDrift(object, name string, have, want []string) {
	h, w := append([]string{}, have...), append([]string{}, want...)
	sort.Strings(h)
	sort.Strings(w)
	if strings.Join(h, ",") == strings.Join(w, ",") {
		return
	}
	b.found(FindingPrivateLinkConflict, "", SeverityWarning, SubnetsDrift{Object: object, Name: name, Have: h, Want: w})
}

// targetGroup plans the TCP target group of IP targets on the cluster's
// port, or refuses one of that name that is something else.
func (b *builder) targetGroup(name string, tg *TargetGroup) ([]string, bool) {
	c := b.o.AWS.Cluster
	if tg == nil {
		id := "target-group/" + name
		b.addAWS(Action{ID: id, Op: OpCreate, Change: CreateTargetGroup{Name: name, VpcID: c.VpcID, Port: c.Port},
			Why: []Reason{TargetGroupNeeded{}}})
		return []string{id}, true
	}
	if tg.Protocol != "TCP" || tg.Port != c.Port || tg.TargetType != "ip" || (c.VpcID != "" && tg.VpcID != c.VpcID) {
		b.found(FindingPrivateLinkConflict, "", SeverityBlocker, TargetGroupConflict{TargetGroup: name, Protocol: tg.Protocol, Port: tg.Port,
			TargetType: tg.TargetType, VpcID: tg.VpcID, WantPort: c.Port, ClusterVpc: c.VpcID})
		return nil, false
	}
	return nil, true
}

// target points the target group at the writer instance's current address
// and nothing else. A failover moves the writer to another instance (and
// address): the next plan finds the stale target and re-points it.
func (b *builder) target(name string, pl *PrivateLinkObserved) {
	c, w := b.o.AWS.Cluster, pl.Writer
	if len(w.IPs) == 0 {
		b.found(FindingPrivateLinkWriter, "", SeverityBlocker, WriterUnresolved{Writer: w.ID, Address: w.Address, Error: w.ResolveError})
		return
	}
	if addr, err := netip.ParseAddr(w.IPs[0]); err != nil || !addr.IsPrivate() {
		b.found(FindingPrivateLinkWriter, "", SeverityBlocker, WriterNotPrivate{Writer: w.ID, IP: w.IPs[0]})
		return
	}
	want := Target{IP: w.IPs[0], Port: c.Port}
	var current []Target
	if pl.TargetGroup != nil {
		current = pl.TargetGroup.Targets
	}
	var stale []string
	found := false
	for _, t := range current {
		if t.IP == want.IP && t.Port == want.Port {
			found = true
			continue
		}
		stale = append(stale, t.String())
	}
	if found && len(stale) == 0 {
		return
	}
	sort.Strings(stale)
	var why Reason = TargetMissing{TargetGroup: name, Writer: w.ID, Target: want.String()}
	if len(stale) > 0 {
		why = TargetStale{TargetGroup: name, Stale: stale, Writer: w.ID, Target: want.String()}
	}
	var deps []string
	if pl.TargetGroup == nil {
		deps = []string{"target-group/" + name}
	}
	b.addAWS(Action{ID: "target/" + name, Op: OpUpdate, DependsOn: deps,
		Change: PointTarget{TargetGroup: name, IP: want.IP, Port: want.Port, Stale: stale},
		Why:    []Reason{why}})
}

// endpointServiceConfig plans the endpoint service, its acceptance,
// principals and regions, and accepts ClickPipes' pending connections.
func (b *builder) endpointServiceConfig(p *DesiredPrivateLink, svc *EndpointService, lbDeps []string) {
	name := p.ResourceName()
	if svc == nil {
		id := "endpoint-service/" + name
		b.addAWS(Action{ID: id, Op: OpCreate, Change: CreateEndpointService{LoadBalancer: name, Regions: p.AllowedRegions}, DependsOn: lbDeps,
			Why: []Reason{EndpointServiceNeeded{Network: p.Network}}})
		b.allowPrincipal(name, []string{id}, NoPrincipalYet{})
		return
	}
	if !svc.AcceptanceRequired {
		b.addAWS(Action{ID: "acceptance/" + name, Op: OpUpdate, Change: RequireAcceptance{LoadBalancer: name},
			Why: []Reason{AcceptanceOff{Service: svc.ID}}})
	}
	if !slices.Contains(svc.Principals, ClickPipesPrincipal) {
		b.allowPrincipal(name, nil, PrincipalMissing{Service: svc.ID})
	}
	b.otherPrincipals(name, svc)
	b.supportedRegions(p, svc)
	b.connections(name, svc)
}

func (b *builder) allowPrincipal(name string, deps []string, why Reason) {
	b.addAWS(Action{ID: "principal/" + name, Op: OpUpdate, DependsOn: deps,
		Change: AllowPrincipals{LoadBalancer: name, Principals: []string{ClickPipesPrincipal}},
		Why:    []Reason{why}})
}

// otherPrincipals removes (--prune) or reports principals other than
// ClickPipes': whoever they are, they could connect to the writer too.
func (b *builder) otherPrincipals(name string, svc *EndpointService) {
	var others []string
	for _, pr := range svc.Principals {
		if pr != ClickPipesPrincipal {
			others = append(others, pr)
		}
	}
	if len(others) == 0 {
		return
	}
	sort.Strings(others)
	if !b.d.Aurora.Prune {
		b.found(FindingPrivateLinkPrincipals, "", SeverityWarning, OtherPrincipalsAllowed{Service: svc.ID, Principals: others})
		return
	}
	b.addAWS(Action{ID: "revoke-principals/" + name, Op: OpDelete, Risk: RiskDestructive,
		Change: RemovePrincipals{LoadBalancer: name, Principals: others},
		Why:    []Reason{OtherPrincipals{Service: svc.ID}}})
}

// supportedRegions adds the ClickPipes regions the spec allows; regions it
// no longer allows go with --prune. The service's own region is always
// supported and never listed.
func (b *builder) supportedRegions(p *DesiredPrivateLink, svc *EndpointService) {
	own := b.o.AWS.Region
	var add, extra []string
	for _, r := range p.AllowedRegions {
		if r != own && !slices.Contains(svc.SupportedRegions, r) {
			add = append(add, r)
		}
	}
	for _, r := range svc.SupportedRegions {
		if r != own && !slices.Contains(p.AllowedRegions, r) {
			extra = append(extra, r)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 && !b.d.Aurora.Prune {
		b.found(FindingPrivateLinkRegions, "", SeverityWarning, OtherRegionsAllowed{Service: svc.ID, Regions: extra})
		extra = nil
	}
	if len(add) == 0 && len(extra) == 0 {
		return
	}
	var why []Reason
	if len(add) > 0 {
		why = append(why, RegionsMissing{Service: svc.ID, Regions: add})
	}
	risk := RiskSafe
	if len(extra) > 0 {
		why = append(why, RegionsExtra{Service: svc.ID, Regions: extra})
		risk = RiskDestructive
	}
	b.addAWS(Action{ID: "regions/" + p.ResourceName(), Op: OpUpdate, Risk: risk,
		Change: SetSupportedRegions{LoadBalancer: p.ResourceName(), Add: add, Remove: extra},
		Why:    why})
}

// connections accepts the pending connections of ClickPipes' account and
// never another account's, which it reports.
func (b *builder) connections(name string, svc *EndpointService) {
	var ours []string
	var foreign []ForeignRequest
	for _, cn := range svc.Connections {
		if cn.State != ConnectionPending {
			continue
		}
		if cn.Owner == ClickPipesAccount {
			ours = append(ours, cn.EndpointID)
		} else {
			foreign = append(foreign, ForeignRequest{Endpoint: cn.EndpointID, Account: cn.Owner})
		}
	}
	sort.Strings(ours)
	slices.SortFunc(foreign, func(x, y ForeignRequest) int {
		return strings.Compare(x.Endpoint+" (account "+x.Account+")", y.Endpoint+" (account "+y.Account+")")
	})
	if len(foreign) > 0 {
		b.found(FindingPrivateLinkForeign, "", SeverityWarning, ForeignRequests{Service: svc.ID, Requests: foreign})
	}
	if len(ours) == 0 {
		return
	}
	b.addAWS(Action{ID: "accept-connections/" + name, Op: OpUpdate,
		Change: AcceptConnections{LoadBalancer: name, Endpoints: ours},
		Why:    []Reason{ConnectionsPending{Service: svc.ID, Endpoints: ours}}})
}
