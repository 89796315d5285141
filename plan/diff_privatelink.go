package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/auroracfg/auroracfg/schema"
)

// ClickPipes' AWS account: the only principal a private path is shared
// with, and the only one whose endpoint connections apply accepts.
const (
	ClickPipesAccount   = "072088201116"
	ClickPipesPrincipal = "arn:aws:iam::" + ClickPipesAccount + ":root"
)

var notNameChar = regexp.MustCompile(`[^a-z0-9]+`)

func resourceName(network string) string {
	base := "acfg-" + strings.Trim(notNameChar.ReplaceAllString(strings.ToLower(network), "-"), "-")
	if len(base) <= 32 && strings.Trim(base, "-") == base {
		return base
	}
	sum := sha256.Sum256([]byte(network))
	return strings.TrimRight(base[:min(len(base), 23)], "-") + "-" + hex.EncodeToString(sum[:])[:8]
}

// subnetsBy indexes subnets by id.
func subnetsBy(subnets []Subnet) map[string]Subnet {
	out := map[string]Subnet{}
	for _, s := range subnets {
		out[s.ID] = s
	}
	return out
}

// privateLink plans the private path of an Aurora source: the parts both
// types share (subnets, the way to the writer), then the type's objects.
func (b *builder) privateLink() {
	p, a := b.d.Aurora.PrivateLink, b.o.AWS
	if p == nil {
		return
	}
	pl := a.PrivateLink
	if pl == nil {
		pl = &PrivateLinkObserved{}
	}
	subnets, ok := b.privateSubnets(p, pl)
	if !ok {
		return
	}
	b.privateIngress(p, pl, subnets)
	switch p.Type {
	case schema.PrivateLinkEndpointService:
		b.endpointService(p, pl)
	case schema.PrivateLinkResource:
		b.resourcePath(p, pl)
	}
}

// privateSubnets checks the spec's subnets exist in the cluster's VPC and
// have room for what AWS places in them; it returns their CIDRs.
func (b *builder) privateSubnets(p *DesiredPrivateLink, pl *PrivateLinkObserved) ([]string, bool) {
	vpc := b.o.AWS.Cluster.VpcID
	have := subnetsBy(pl.Subnets)
	var cidrs []string
	var problems []SubnetProblem
	for _, id := range p.Subnets {
		s, found := have[id]
		switch {
		case !found:
			problems = append(problems, SubnetProblem{Subnet: id})
		case vpc != "" && s.VpcID != vpc:
			problems = append(problems, SubnetProblem{Subnet: id, VpcID: s.VpcID, ClusterVpc: vpc})
		default:
			cidrs = append(cidrs, s.CIDR)
		}
	}
	if len(problems) > 0 {
		b.found(FindingPrivateLinkSubnets, "", SeverityBlocker, SubnetsUnusable{Network: p.Network, Problems: problems})
		return nil, false
	}
	sort.Strings(cidrs)
	return cidrs, true
}

// privateIngress makes sure what the path places in the subnets may reach
// the writer's port: through auroracfg's own group (attached to the
// cluster, allowing the subnets), or, when the spec names the groups,
// through rules the cluster already has.
func (b *builder) privateIngress(p *DesiredPrivateLink, pl *PrivateLinkObserved, cidrs []string) {
	c := b.o.AWS.Cluster
	if len(p.SecurityGroups) == 0 {
		b.ingress(ingressSpec{network: p.Network, group: pl.OwnGroup, name: p.OwnGroup(), cidrs: cidrs,
			description: fmt.Sprintf("%s: PrivateLink (network %s)", RuleDescriptionPrefix, p.Network),
			what:        "the private path's subnets"})
		return
	}
	var blocked []string
	for _, cidr := range cidrs {
		if !reaches(pl.ClusterRules, cidr, p.SecurityGroups, c.Port) {
			blocked = append(blocked, cidr)
		}
	}
	if len(blocked) > 0 {
		b.found(FindingPrivateLinkReach, "", SeverityBlocker,
			PrivateUnreachable{Network: p.Network, Cluster: c.ID, CIDRs: blocked, Groups: p.SecurityGroups, Port: c.Port})
	}
}

// reaches reports whether a rule lets cidr (or one of groups) reach port.
func reaches(rules []IngressRule, cidr string, groups []string, port int) bool {
	inner, err := netip.ParsePrefix(cidr)
	for _, r := range rules {
		if !(r.Protocol == "-1" || (r.Protocol == "tcp" && r.FromPort <= port && port <= r.ToPort)) {
			continue
		}
		if r.SourceGroup != "" && slices.Contains(groups, r.SourceGroup) {
			return true
		}
		if outer, perr := netip.ParsePrefix(r.CIDR); err == nil && perr == nil && outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr()) {
			return true
		}
	}
	return false
}
