package render

import (
	"strings"

	"github.com/auroracfg/auroracfg/plan"
)

// privateLinkTerraform writes the HCL of a private path's change; false for
// any other change. Resources of one path share the path's resource name as
// their label, so each refers to the others by reference. groups holds the
// plan's references (security groups, and the load balancers it creates).
func privateLinkTerraform(b *strings.Builder, a plan.Action, groups map[string]string) bool {
	switch c := a.Change.(type) {
	case plan.CreateLoadBalancer:
		groups["load-balancer:"+c.Name] = "created"
		hclPrintf(b, "\nresource \"aws_lb\" %q {\n  name               = %q\n  internal           = true\n  load_balancer_type = \"network\"\n  subnets            = %s\n\n  enable_cross_zone_load_balancing = true\n",
			tfName(c.Name), c.Name, hclList(c.Subnets))
		if len(c.SecurityGroups) > 0 {
			hclPrintf(b, "  security_groups    = %s\n", hclList(c.SecurityGroups))
		}
		b.WriteString("}\n")
	case plan.EnableCrossZone:
		if groups["load-balancer:"+c.LoadBalancer] == "" { // else set on the aws_lb above
			hclPrintf(b, "\n# On the aws_lb %s:\n#   enable_cross_zone_load_balancing = true\n", c.LoadBalancer)
		}
	case plan.CreateTargetGroup:
		hclPrintf(b, "\nresource \"aws_lb_target_group\" %q {\n  name        = %q\n  port        = %d\n  protocol    = \"TCP\"\n  target_type = \"ip\"\n  vpc_id      = %q\n}\n",
			tfName(c.Name), c.Name, c.Port, c.VpcID)
	case plan.PointTarget:
		hclPrintf(b, "\n# The writer instance's current address. It moves at a failover: run auroracfg plan on a schedule (or on the\n# failover event) to re-point it; this resource is only right until then.\nresource \"aws_lb_target_group_attachment\" %q {\n  target_group_arn = aws_lb_target_group.%s.arn\n  target_id        = %q\n  port             = %d\n}\n",
			tfName(c.TargetGroup, "writer"), hclExpr(tfName(c.TargetGroup)), c.IP, c.Port)
		if len(c.Stale) > 0 {
			hclPrintf(b, "# and remove the stale targets %s.\n", strings.Join(c.Stale, ", "))
		}
	case plan.CreateListener:
		hclPrintf(b, "\nresource \"aws_lb_listener\" %q {\n  load_balancer_arn = aws_lb.%s.arn\n  port              = %d\n  protocol          = \"TCP\"\n\n  default_action {\n    type             = \"forward\"\n    target_group_arn = aws_lb_target_group.%s.arn\n  }\n}\n",
			tfName(c.LoadBalancer), hclExpr(tfName(c.LoadBalancer)), c.Port, hclExpr(tfName(c.TargetGroup)))
	case plan.CreateEndpointService:
		hclPrintf(b, "\nresource \"aws_vpc_endpoint_service\" %q {\n  acceptance_required        = true\n  network_load_balancer_arns = [aws_lb.%s.arn]\n",
			tfName(c.LoadBalancer), hclExpr(tfName(c.LoadBalancer)))
		if len(c.Regions) > 0 {
			hclPrintf(b, "  supported_regions          = %s\n", hclList(c.Regions))
		}
		b.WriteString("}\n")
	case plan.AllowPrincipals:
		for _, p := range c.Principals {
			hclPrintf(b, "\nresource \"aws_vpc_endpoint_service_allowed_principal\" %q {\n  vpc_endpoint_service_id = aws_vpc_endpoint_service.%s.id\n  principal_arn           = %q\n}\n",
				tfName(c.LoadBalancer, "clickpipes"), hclExpr(tfName(c.LoadBalancer)), p)
		}
	case plan.RequireAcceptance:
		byHandOnService(b, c.LoadBalancer, summaryText(a))
	case plan.SetSupportedRegions:
		byHandOnService(b, c.LoadBalancer, summaryText(a))
	case plan.RemovePrincipals:
		byHandOnService(b, c.LoadBalancer, summaryText(a))
	case plan.AcceptConnections:
		hclPrintf(b, "\n# Terraform cannot accept a connection it did not request: accept ClickPipes' %s by hand\n#   aws ec2 accept-vpc-endpoint-connections --service-id <the service> --vpc-endpoint-ids %s\n",
			plan.Plural(len(c.Endpoints), "endpoint", "endpoints"), strings.Join(c.Endpoints, " "))
	case plan.CreateResourceGateway:
		groupsExpr := hclList(c.SecurityGroups)
		if c.OwnGroup != "" {
			groupsExpr = hclExpr("[" + string(sgRef("", c.OwnGroup, groups)) + "]")
		}
		hclPrintf(b, "\nresource \"aws_vpclattice_resource_gateway\" %q {\n  name               = %q\n  vpc_id             = %q\n  subnet_ids         = %s\n  security_group_ids = %s\n}\n",
			tfName(c.Name), c.Name, c.VpcID, hclList(c.Subnets), groupsExpr)
	case plan.CreateResourceConfiguration:
		hclPrintf(b, "\nresource \"aws_vpclattice_resource_configuration\" %q {\n  name                        = %q\n  resource_gateway_identifier = aws_vpclattice_resource_gateway.%s.id\n  type                        = \"ARN\"\n\n  resource_configuration_definition {\n    arn_resource {\n      arn = %q\n    }\n  }\n}\n",
			tfName(c.Name), c.Name, hclExpr(tfName(c.Gateway)), c.ResourceARN)
	case plan.ShareResource:
		label := tfName(c.Name)
		hclPrintf(b, "\nresource \"aws_ram_resource_share\" %q {\n  name                      = %q\n  allow_external_principals = true\n}\n", label, c.Name)
		hclPrintf(b, "\nresource \"aws_ram_resource_association\" %q {\n  resource_share_arn = aws_ram_resource_share.%s.arn\n  resource_arn       = aws_vpclattice_resource_configuration.%s.arn\n}\n",
			label, hclExpr(label), hclExpr(tfName(c.ResourceConfiguration)))
		hclPrintf(b, "\nresource \"aws_ram_principal_association\" %q {\n  resource_share_arn = aws_ram_resource_share.%s.arn\n  principal          = %q\n}\n",
			label, hclExpr(label), c.Principal)
	default:
		return false
	}
	return true
}

// hclList is a list of strings in HCL.
func hclList(items []string) hclExpr {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = `"` + hclEscape(s) + `"`
	}
	return hclExpr("[" + strings.Join(quoted, ", ") + "]")
}

// byHandOnService says what to change by hand on the endpoint service of a
// load balancer.
func byHandOnService(b *strings.Builder, loadBalancer, summary string) {
	hclPrintf(b, "\n# On the aws_vpc_endpoint_service of load balancer %s: %s.\n", loadBalancer, summary)
}
