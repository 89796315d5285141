package render

import (
	"fmt"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
)

// The words of the private paths' findings.

func privateLinkFindingWords(r plan.Reason) (message, fix string, ok bool) {
	if message, fix, ok := endpointServiceFindingWords(r); ok {
		return message, fix, ok
	}
	return resourcePathFindingWords(r)
}

func endpointServiceFindingWords(r plan.Reason) (message, fix string, ok bool) {
	switch r := r.(type) {
	case plan.SubnetsUnusable:
		problems := make([]string, len(r.Problems))
		for i, p := range r.Problems {
			problems[i] = fmt.Sprintf("subnet %s does not exist", p.Subnet)
			if p.VpcID != "" {
				problems[i] = fmt.Sprintf("subnet %s is in %s, not in the cluster's VPC %s", p.Subnet, p.VpcID, p.ClusterVpc)
			}
		}
		return fmt.Sprintf("network %s: %s", r.Network, strings.Join(problems, "; ")), "list subnets of the cluster's VPC under privateLink.subnets", true
	case plan.PrivateUnreachable:
		return fmt.Sprintf("network %s: no security group of cluster %s lets %s (the private path's subnets) or %s reach TCP %d: the private endpoint would connect but never reach the writer",
				r.Network, r.Cluster, strings.Join(r.CIDRs, ", "), strings.Join(r.Groups, ", "), r.Port),
			fmt.Sprintf("allow TCP %d from those subnets or groups in a security group of the cluster, or leave privateLink.securityGroups out and let auroracfg create its own", r.Port), true
	case plan.ListenerConflict:
		return fmt.Sprintf("load balancer %s's TCP %d listener forwards to %s, not to target group %s", r.LoadBalancer, r.Port, r.ForwardsTo, r.TargetGroup),
			"point the listener at target group " + r.TargetGroup + ", or remove it and let apply create it", true
	case plan.LoadBalancerConflict:
		return fmt.Sprintf("load balancer %s exists but is an %s %s load balancer in %s: network %s needs an internal network load balancer in the cluster's VPC %s",
				r.LoadBalancer, r.Scheme, r.Type, r.VpcID, r.Network, r.ClusterVpc),
			"delete or rename that load balancer, or rename the network", true
	case plan.TargetGroupConflict:
		return fmt.Sprintf("target group %s exists but is %s %d with %s targets in %s: auroracfg needs TCP %d with ip targets in %s",
				r.TargetGroup, r.Protocol, r.Port, r.TargetType, r.VpcID, r.WantPort, r.ClusterVpc),
			"delete or rename that target group, or rename the network", true
	case plan.SubnetsDrift:
		return fmt.Sprintf("%s %s is in %s, not in the spec's %s", r.Object, r.Name, strings.Join(r.Have, ", "), strings.Join(r.Want, ", ")),
			"delete it and apply again to recreate it in the spec's subnets, or list its subnets in the spec", true
	case plan.WriterUnresolved:
		why := r.Error
		if why == "" {
			why = "no address"
		}
		return fmt.Sprintf("cannot find the writer instance %s's address (%s: %s): the load balancer must point at it", r.Writer, r.Address, why),
			"run plan from a machine that resolves the cluster's private DNS names (inside the VPC, or through a resolver that forwards to it)", true
	case plan.WriterNotPrivate:
		return fmt.Sprintf("the writer instance %s's address resolved to %s, not a private address in the VPC: a target group takes the writer's private address (a publicly accessible instance resolves to its public one from outside the VPC)", r.Writer, r.IP),
			"run plan inside the VPC (or through its resolver), or make the instances private", true
	case plan.OtherPrincipalsAllowed:
		return fmt.Sprintf("endpoint service %s also allows %s: they may request connections to the writer too", r.Service, strings.Join(r.Principals, ", ")),
			"run apply --prune to allow ClickPipes' account only", true
	case plan.OtherRegionsAllowed:
		return fmt.Sprintf("endpoint service %s also accepts endpoints from %s, which allowedRegions does not list", r.Service, strings.Join(r.Regions, ", ")),
			"run apply --prune to remove them", true
	case plan.ForeignRequests:
		requests := make([]string, len(r.Requests))
		for i, q := range r.Requests {
			requests[i] = fmt.Sprintf("%s (account %s)", q.Endpoint, q.Account)
		}
		return fmt.Sprintf("endpoint service %s has connection requests from other accounts waiting: %s; auroracfg only ever accepts ClickPipes' account %s", r.Service, strings.Join(requests, ", "), plan.ClickPipesAccount),
			"reject them (aws ec2 reject-vpc-endpoint-connections), or accept them yourself if you know them", true
	}
	return "", "", false
}

func resourcePathFindingWords(r plan.Reason) (message, fix string, ok bool) {
	switch r := r.(type) {
	case plan.ClusterPublic:
		return fmt.Sprintf("cluster %s is publicly accessible (%s %s): a resource configuration cannot target a publicly accessible cluster", r.Cluster,
				plan.Plural(len(r.Instances), "instance", "instances"), strings.Join(r.Instances, ", ")),
			"make the cluster's instances private (aws rds modify-db-instance --no-publicly-accessible), or use a network with clickpipesRegion and an IP allow-list instead", true
	case plan.GatewayOtherVPC:
		return fmt.Sprintf("resource gateway %s is in %s, not in the cluster's VPC %s", r.Gateway, r.VpcID, r.ClusterVpc), "delete or rename it, or rename the network", true
	case plan.GatewayFailed:
		return fmt.Sprintf("resource gateway %s is %s", r.Gateway, r.Status), "delete it (aws vpc-lattice delete-resource-gateway) and apply again", true
	case plan.GatewayNotActive:
		return fmt.Sprintf("resource gateway %s is %s, not ACTIVE yet: ClickPipes cannot connect through it", r.Gateway, r.Status), "plan again in a few minutes", true
	case plan.ConfigurationConflict:
		return fmt.Sprintf("resource configuration %s publishes %s, not cluster %s (%s)", r.Configuration, r.ResourceARN, r.Cluster, r.ClusterARN),
			"delete that resource configuration and apply again, or rename the network", true
	case plan.SubnetsFull:
		full := make([]string, len(r.Subnets))
		for i, s := range r.Subnets {
			full[i] = fmt.Sprintf("%s (%s, %d free addresses)", s.Subnet, s.CIDR, s.AvailableIPs)
		}
		return fmt.Sprintf("network %s: %s cannot give a resource gateway the consecutive /28 (16 addresses) AWS takes per endpoint", r.Network, strings.Join(full, ", ")),
			"list subnets with room (ClickPipes recommends /26 or larger) under privateLink.subnets", true
	case plan.SubnetsSmall:
		small := make([]string, len(r.Subnets))
		for i, s := range r.Subnets {
			small[i] = fmt.Sprintf("%s (%s)", s.Subnet, s.CIDR)
		}
		return fmt.Sprintf("network %s: %s smaller than the /26 ClickPipes recommends: each endpoint takes a /28, and a full subnet fails the next one", r.Network, strings.Join(small, ", ")),
			"use /26 or larger subnets", true
	case plan.ShareOthers:
		return fmt.Sprintf("resource share %s is also shared with %s: they can reach the writer too", r.Share, strings.Join(r.Principals, ", ")),
			"remove them from the share (aws ram disassociate-resource-share)", true
	}
	return "", "", false
}
