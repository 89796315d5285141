package plan

import (
	"fmt"
	"slices"
	"strings"
)

// network plans how ClickPipes reaches the writer: a public network's
// ingress rules, or the private path (privatelink.go).
func (b *builder) network() {
	n, a := b.d.Aurora.Network, b.o.AWS
	if n == nil {
		b.privateLink()
		return
	}
	if a.SecurityGroup == nil && n.SecurityGroupID != "" {
		b.found(FindingSecurityGroup, "", SeverityBlocker, SecurityGroupIDMissing{Group: n.SecurityGroupID, Network: n.Name})
		return
	}
	b.ingress(ingressSpec{network: n.Name, group: a.SecurityGroup, name: n.SecurityGroup, id: n.SecurityGroupID, cidrs: n.CIDRs,
		description: ruleDescription(n), clickPipes: true, extra: n.Extra, region: n.ClickPipesRegion})
}

// ingressSpec is a security group that must let CIDRs reach the writer's
// port and be attached to the cluster.
type ingressSpec struct {
	network     string
	group       *SecurityGroup // observed; nil when it does not exist
	name, id    string         // the spec's (or auroracfg's) name, or id
	cidrs       []string
	description string          // of the rules auroracfg creates
	clickPipes  bool            // the CIDRs are ClickPipes' addresses (counted in summaries, not listed)
	extra       map[string]bool // of those, the spec's extraCIDRs (listed: they are not ClickPipes')
	what        string          // whose addresses they are otherwise, for people
	region      string          // the ClickPipes region they are the addresses of (may be empty)
}

// ingress plans a group, its attachment to the cluster and its rules; rules
// auroracfg created that are no longer wanted go with --prune.
func (b *builder) ingress(in ingressSpec) {
	c, sg := b.o.AWS.Cluster, in.group
	var deps []string
	sgID := in.id
	if sg != nil {
		sgID = sg.ID
	} else if c.VpcID == "" {
		// A group made "in" no VPC would be AWS's default VPC's, or refused.
		b.found(FindingClusterVPC, in.network, SeverityBlocker, ClusterVPCUnknown{Network: in.network, Group: in.name, Cluster: c.ID})
		return
	} else {
		id := "security-group/" + in.name
		b.addAWS(Action{ID: id, Op: OpCreate, Change: CreateSecurityGroup{Name: in.name, VpcID: c.VpcID},
			Why: []Reason{SecurityGroupMissing{Network: in.network, Group: in.name}}})
		deps = []string{id}
	}
	sgName := in.name
	if sgName == "" {
		sgName = sgID
	}
	if sg == nil || !slices.Contains(c.SecurityGroupIDs, sg.ID) {
		b.addAWS(Action{ID: "attach-security-group/" + sgName, Op: OpUpdate,
			Change: AttachSecurityGroup{Cluster: c.ID, GroupID: sgID, GroupName: in.name}, DependsOn: deps,
			Why: []Reason{SecurityGroupNotAttached{Cluster: c.ID, Group: sgName}}})
	}
	var missing []string
	for _, cidr := range in.cidrs {
		if sg == nil || !Allows(sg.Rules, cidr, c.Port) {
			missing = append(missing, cidr)
		}
	}
	if len(missing) > 0 {
		var extra []string
		for _, cidr := range missing {
			if in.extra[cidr] {
				extra = append(extra, cidr)
			}
		}
		b.addAWS(Action{ID: "ingress/" + sgName, Op: OpCreate, DependsOn: deps, Change: AuthorizeIngress{GroupID: sgID, GroupName: in.name,
			CIDRs: missing, Port: c.Port, Description: in.description},
			Why: []Reason{IngressMissing{Group: sgName, CIDRs: missing, Region: in.region, Extra: extra}}})
	}
	if sg != nil {
		b.staleIngress(sg, sgID, sgName, in.cidrs)
	}
}

// staleIngress removes (--prune) or reports the rules auroracfg created in a
// group that the spec no longer wants.
func (b *builder) staleIngress(sg *SecurityGroup, sgID, sgName string, wanted []string) {
	var stale []IngressRule
	for _, r := range sg.Rules {
		if strings.HasPrefix(r.Description, RuleDescriptionPrefix) && !slices.Contains(wanted, r.CIDR) {
			stale = append(stale, r)
		}
	}
	if len(stale) == 0 {
		return
	}
	var ids, cidrs []string
	for _, r := range stale {
		ids, cidrs = append(ids, r.ID), append(cidrs, r.CIDR)
	}
	if !b.d.Aurora.Prune {
		b.found(FindingStaleIngress, "", SeverityWarning, IngressStaleKept{Group: sgName, CIDRs: cidrs})
		return
	}
	b.addAWS(Action{ID: "revoke-ingress/" + sgName, Op: OpDelete, Risk: RiskDestructive, Change: RevokeIngress{GroupID: sgID, RuleIDs: ids, CIDRs: cidrs},
		Why: []Reason{IngressStale{Group: sgName, CIDRs: cidrs}}})
}

// Allows reports whether a rule already lets cidr reach port over TCP.
func Allows(rules []IngressRule, cidr string, port int) bool {
	for _, r := range rules {
		if r.CIDR == cidr && (r.Protocol == "-1" || (r.Protocol == "tcp" && r.FromPort <= port && port <= r.ToPort)) {
			return true
		}
	}
	return false
}

func ruleDescription(n *DesiredNetwork) string {
	return fmt.Sprintf("%s: ClickPipes %s (network %s)", RuleDescriptionPrefix, n.ClickPipesRegion, n.Name)
}
