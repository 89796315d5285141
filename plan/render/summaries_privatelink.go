package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
)

// The words of what the private paths' actions do.

func privateLinkSummary(a plan.Action) (string, bool) {
	switch c := a.Change.(type) {
	case plan.CreateLoadBalancer:
		return fmt.Sprintf("create internal network load balancer %s in %s", c.Name, strings.Join(c.Subnets, ", ")), true
	case plan.EnableCrossZone:
		return fmt.Sprintf("turn on cross-zone load balancing on load balancer %s", c.LoadBalancer), true
	case plan.CreateTargetGroup:
		return fmt.Sprintf("create TCP target group %s on port %d (IP targets) in %s", c.Name, c.Port, c.VpcID), true
	case plan.PointTarget:
		return fmt.Sprintf("point target group %s at the writer %s (%s)", c.TargetGroup, writerOf(a), c.IP+":"+strconv.Itoa(c.Port)), true
	case plan.CreateListener:
		return fmt.Sprintf("add a TCP %d listener to load balancer %s forwarding to target group %s", c.Port, c.LoadBalancer, c.TargetGroup), true
	case plan.CreateEndpointService:
		note := ""
		if len(c.Regions) > 0 {
			note = ", also from " + strings.Join(c.Regions, ", ")
		}
		return fmt.Sprintf("create a VPC endpoint service on load balancer %s (acceptance required%s)", c.LoadBalancer, note), true
	case plan.RequireAcceptance:
		return fmt.Sprintf("require acceptance of connections to endpoint service %s", serviceOf(a, c.LoadBalancer)), true
	case plan.AllowPrincipals:
		return fmt.Sprintf("allow ClickPipes (%s) to connect to endpoint service %s", strings.Join(c.Principals, ", "), c.LoadBalancer), true
	case plan.RemovePrincipals:
		return fmt.Sprintf("stop allowing %s on endpoint service %s", strings.Join(c.Principals, ", "), serviceOf(a, c.LoadBalancer)), true
	case plan.SetSupportedRegions:
		var parts []string
		if len(c.Add) > 0 {
			parts = append(parts, "add "+strings.Join(c.Add, ", "))
		}
		if len(c.Remove) > 0 {
			parts = append(parts, "remove "+strings.Join(c.Remove, ", "))
		}
		return fmt.Sprintf("set the regions endpoint service %s accepts endpoints from (%s)", serviceOf(a, c.LoadBalancer), strings.Join(parts, "; ")), true
	case plan.AcceptConnections:
		return fmt.Sprintf("accept ClickPipes' %s %s to endpoint service %s", plan.Plural(len(c.Endpoints), "connection", "connections"),
			strings.Join(c.Endpoints, ", "), serviceOf(a, c.LoadBalancer)), true
	case plan.CreateResourceGateway:
		return fmt.Sprintf("create VPC Lattice resource gateway %s in %s (and wait until it is ACTIVE)", c.Name, strings.Join(c.Subnets, ", ")), true
	case plan.CreateResourceConfiguration:
		cluster := ""
		for _, r := range a.Why {
			if n, ok := r.(plan.ResourceConfigurationNeeded); ok {
				cluster = n.Cluster
			}
		}
		return fmt.Sprintf("create resource configuration %s for cluster %s on resource gateway %s", c.Name, cluster, c.Gateway), true
	case plan.ShareResource:
		return fmt.Sprintf("share resource configuration %s with ClickPipes' account %s (RAM resource share %s)", c.ResourceConfiguration, c.Principal, c.Name), true
	}
	return "", false
}

// writerOf is the writer instance an action's facts name.
func writerOf(a plan.Action) string {
	for _, r := range a.Why {
		switch r := r.(type) {
		case plan.TargetMissing:
			return r.Writer
		case plan.TargetStale:
			return r.Writer
		}
	}
	return ""
}

// serviceOf is the endpoint service an action's facts name (its id), or
// else the load balancer it is on.
func serviceOf(a plan.Action, loadBalancer string) string {
	for _, r := range a.Why {
		switch r := r.(type) {
		case plan.AcceptanceOff:
			return r.Service
		case plan.OtherPrincipals:
			return r.Service
		case plan.RegionsMissing:
			return r.Service
		case plan.RegionsExtra:
			return r.Service
		case plan.ConnectionsPending:
			return r.Service
		}
	}
	return loadBalancer
}
