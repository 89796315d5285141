package plan

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
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
		b.finding(FindingPrivateLinkWriter, SeverityBlocker,
			fmt.Sprintf("cluster %s is publicly accessible (%s %s): a resource configuration cannot target a publicly accessible cluster", c.ID,
				Plural(len(pl.PublicInstances), "instance", "instances"), strings.Join(pl.PublicInstances, ", ")),
			"make the cluster's instances private (aws rds modify-db-instance --no-publicly-accessible), or use a network with clickpipesRegion and an IP allow-list instead")
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
			Change:  CreateResourceGateway{Name: name, VpcID: c.VpcID, Subnets: p.Subnets, SecurityGroups: p.SecurityGroups, OwnGroup: ownGroupOf(p)},
			Summary: fmt.Sprintf("create VPC Lattice resource gateway %s in %s (and wait until it is ACTIVE)", name, strings.Join(p.Subnets, ", ")),
			Why:     []Reason{ResourceGatewayNeeded{Network: p.Network}}})
		deps = []string{id}
	case g.VpcID != c.VpcID && c.VpcID != "":
		b.finding(FindingPrivateLinkConflict, SeverityBlocker,
			fmt.Sprintf("resource gateway %s is in %s, not in the cluster's VPC %s", name, g.VpcID, c.VpcID), "delete or rename it, or rename the network")
		return
	case g.Status != LatticeActive && g.Status != LatticeInProgress:
		b.finding(FindingPrivateLinkConflict, SeverityBlocker,
			fmt.Sprintf("resource gateway %s is %s", name, g.Status), "delete it (aws vpc-lattice delete-resource-gateway) and apply again")
		return
	default:
		b.subnetsDrift("resource gateway "+name, g.Subnets, p.Subnets)
	}
	switch rc := pl.Config; {
	case rc == nil:
		id := "resource-configuration/" + name
		b.addAWS(Action{ID: id, Op: OpCreate, DependsOn: deps,
			Change:  CreateResourceConfiguration{Name: name, Gateway: name, ResourceARN: c.ARN},
			Summary: fmt.Sprintf("create resource configuration %s for cluster %s on resource gateway %s", name, c.ID, name),
			Why:     []Reason{ResourceConfigurationNeeded{Cluster: c.ID}}})
		deps = []string{id}
	case rc.ResourceARN != c.ARN:
		b.finding(FindingPrivateLinkConflict, SeverityBlocker,
			fmt.Sprintf("resource configuration %s publishes %s, not cluster %s (%s)", name, rc.ResourceARN, c.ID, c.ARN),
			"delete that resource configuration and apply again, or rename the network")
		return
	case pl.Gateway != nil && pl.Gateway.Status != LatticeActive:
		b.finding(FindingPrivateLinkConflict, SeverityBlocker,
			fmt.Sprintf("resource gateway %s is %s, not ACTIVE yet: ClickPipes cannot connect through it", name, pl.Gateway.Status), "plan again in a few minutes")
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
	var full, small []string
	for _, id := range p.Subnets {
		s := have[id]
		prefix, err := netip.ParsePrefix(s.CIDR)
		switch {
		case err == nil && prefix.Bits() > 28, s.AvailableIPs < minGatewayBlock:
			full = append(full, fmt.Sprintf("%s (%s, %d free addresses)", id, s.CIDR, s.AvailableIPs))
		case err == nil && prefix.Bits() > recommendedGatewayPrefix:
			small = append(small, fmt.Sprintf("%s (%s)", id, s.CIDR))
		}
	}
	if len(full) > 0 {
		b.finding(FindingPrivateLinkSubnets, SeverityBlocker,
			fmt.Sprintf("network %s: %s cannot give a resource gateway the consecutive /28 (16 addresses) AWS takes per endpoint", p.Network, strings.Join(full, ", ")),
			"list subnets with room (ClickPipes recommends /26 or larger) under privateLink.subnets")
		return false
	}
	if len(small) > 0 {
		b.finding(FindingPrivateLinkSubnets, SeverityWarning,
			fmt.Sprintf("network %s: %s smaller than the /26 ClickPipes recommends: each endpoint takes a /28, and a full subnet fails the next one", p.Network, strings.Join(small, ", ")),
			"use /26 or larger subnets")
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
			b.finding(FindingPrivateLinkPrincipals, SeverityWarning,
				fmt.Sprintf("resource share %s is also shared with %s: they can reach the writer too", name, strings.Join(others, ", ")),
				"remove them from the share (aws ram disassociate-resource-share)")
		}
	}
	if len(missing) == 0 {
		return
	}
	b.addAWS(Action{ID: "resource-share/" + name, Op: OpCreate, DependsOn: deps,
		Change:  ShareResource{Name: name, ResourceConfiguration: name, Principal: ClickPipesAccount},
		Summary: fmt.Sprintf("share resource configuration %s with ClickPipes' account %s (RAM resource share %s)", name, ClickPipesAccount, name),
		Why:     missing})
}
