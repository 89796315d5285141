package plan

import (
	"net/netip"
	"slices"
)

// Resource gateway and configuration states AWS reports.
const (
	LatticeActive     = "ACTIVE"
	LatticeInProgress = "CREATE_IN_PROGRESS"
)

// minGatewayBlock is the consecutive block AWS takes in each subnet of a
// resource gateway per endpoint (a /28), and recommendedGatewayPrefix the
// subnet size ClickPipes' documentation recommends.
const (
	minGatewayBlock          = 16
	recommendedGatewayPrefix = 26
)

// resourcePath plans the VPC resource path: a resource gateway in the
// subnets, a resource configuration of type ARN for the cluster, and a RAM
// share of it with ClickPipes' account.
func (b *builder) resourcePath(p *DesiredPrivateLink, pl *PrivateLinkObserved) {
	c, name := b.o.AWS.Cluster, p.ResourceName()
	if len(pl.PublicInstances) > 0 {
		b.found(FindingPrivateLinkWriter, "", SeverityBlocker, ClusterPublic{Cluster: c.ID, Instances: pl.PublicInstances})
		return
	}
	if !b.gatewaySubnetsRoom(p, pl) {
		return
	}
	var deps []string
	switch g := pl.Gateway; {
	case g == nil:
		id := "resource-gateway/" + name
		var groupDeps []string
		if len(p.SecurityGroups) == 0 && pl.OwnGroup == nil {
			groupDeps = []string{"security-group/" + p.OwnGroup()}
		}
		b.addAWS(Action{ID: id, Op: OpCreate, DependsOn: groupDeps,
			Change: CreateResourceGateway{Name: name, VpcID: c.VpcID, Subnets: p.Subnets, SecurityGroups: p.SecurityGroups, OwnGroup: ownGroupOf(p)},
			Why:    []Reason{ResourceGatewayNeeded{Network: p.Network}}})
		deps = []string{id}
	case g.VpcID != c.VpcID && c.VpcID != "":
		b.found(FindingPrivateLinkConflict, "", SeverityBlocker, GatewayOtherVPC{Gateway: name, VpcID: g.VpcID, ClusterVpc: c.VpcID})
		return
	case g.Status != LatticeActive && g.Status != LatticeInProgress:
		b.found(FindingPrivateLinkConflict, "", SeverityBlocker, GatewayFailed{Gateway: name, Status: g.Status})
		return
	default:
		b.subnetsDrift("resource gateway", name, g.Subnets, p.Subnets)
	}
	switch rc := pl.Config; {
	case rc == nil:
		id := "resource-configuration/" + name
		b.addAWS(Action{ID: id, Op: OpCreate, DependsOn: deps,
			Change: CreateResourceConfiguration{Name: name, Gateway: name, ResourceARN: c.ARN},
			Why:    []Reason{ResourceConfigurationNeeded{Cluster: c.ID}}})
		deps = []string{id}
	case rc.ResourceARN != c.ARN:
		b.found(FindingPrivateLinkConflict, "", SeverityBlocker, ConfigurationConflict{Configuration: name, ResourceARN: rc.ResourceARN, Cluster: c.ID, ClusterARN: c.ARN})
		return
	case pl.Gateway != nil && pl.Gateway.Status != LatticeActive:
		b.found(FindingPrivateLinkConflict, "", SeverityBlocker, GatewayNotActive{Gateway: name, Status: pl.Gateway.Status})
		return
	default:
		deps = nil
	}
	b.share(p, pl.Share, deps)
}

func ownGroupOf(p *DesiredPrivateLink) string {
	if len(p.SecurityGroups) > 0 {
		return ""
	}
	return p.OwnGroup()
}

// gatewaySubnetsRoom checks what AWS would refuse: every subnet needs a
// free consecutive /28 per endpoint; smaller than /26 is only warned of.
func (b *builder) gatewaySubnetsRoom(p *DesiredPrivateLink, pl *PrivateLinkObserved) bool {
	have := subnetsBy(pl.Subnets)
	var full, small []GatewaySubnet
	for _, id := range p.Subnets {
		s := have[id]
		prefix, err := netip.ParsePrefix(s.CIDR)
		room := GatewaySubnet{Subnet: id, CIDR: s.CIDR, AvailableIPs: s.AvailableIPs}
		switch {
		case err == nil && prefix.Bits() > 28, s.AvailableIPs < minGatewayBlock:
			full = append(full, room)
		case err == nil && prefix.Bits() > recommendedGatewayPrefix:
			small = append(small, room)
		}
	}
	if len(full) > 0 {
		b.found(FindingPrivateLinkSubnets, "", SeverityBlocker, SubnetsFull{Network: p.Network, Subnets: full})
		return false
	}
	if len(small) > 0 {
		b.found(FindingPrivateLinkSubnets, "", SeverityWarning, SubnetsSmall{Network: p.Network, Subnets: small})
	}
	return true
}

// share plans the RAM share of the resource configuration with ClickPipes'
// account (only that account; others are reported).
func (b *builder) share(p *DesiredPrivateLink, sh *ResourceShare, deps []string) {
	name := p.ResourceName()
	var missing []Reason
	switch {
	case sh == nil:
		missing = []Reason{ShareMissing{}}
	default:
		if !slices.Contains(sh.Principals, ClickPipesAccount) {
			missing = append(missing, ShareLacksClickPipes{})
		}
		if pl := b.o.AWS.PrivateLink; pl == nil || pl.Config == nil || !slices.Contains(sh.Resources, pl.Config.ARN) {
			missing = append(missing, ShareLacksConfiguration{Configuration: name})
		}
		var others []string
		for _, pr := range sh.Principals {
			if pr != ClickPipesAccount {
				others = append(others, pr)
			}
		}
		if len(others) > 0 {
			b.found(FindingPrivateLinkPrincipals, "", SeverityWarning, ShareOthers{Share: name, Principals: others})
		}
	}
	if len(missing) == 0 {
		return
	}
	b.addAWS(Action{ID: "resource-share/" + name, Op: OpCreate, DependsOn: deps,
		Change: ShareResource{Name: name, ResourceConfiguration: name, Principal: ClickPipesAccount},
		Why:    missing})
}
