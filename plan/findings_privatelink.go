package plan

// The facts of the findings about the private paths (a finding's Fact);
// plan/render words them.

// SubnetProblem is a spec subnet that is missing (VpcID "") or in another
// VPC than the cluster's.
type SubnetProblem struct {
	Subnet     string `json:"subnet"`
	VpcID      string `json:"vpc_id,omitempty"`
	ClusterVpc string `json:"cluster_vpc_id,omitempty"`
}

// SubnetsUnusable: spec subnets are missing or outside the cluster's VPC.
type SubnetsUnusable struct {
	Network  string          `json:"network"`
	Problems []SubnetProblem `json:"problems"`
}

// PrivateUnreachable: with the spec's groups, no group of the cluster lets
// the path's subnets reach the port.
type PrivateUnreachable struct {
	Network string   `json:"network"`
	Cluster string   `json:"cluster"`
	CIDRs   []string `json:"cidrs"`
	Groups  []string `json:"security_groups"`
	Port    int      `json:"port"`
}

// ListenerConflict: the load balancer's listener forwards elsewhere.
type ListenerConflict struct {
	LoadBalancer string `json:"load_balancer"`
	Port         int    `json:"port"`
	ForwardsTo   string `json:"forwards_to"`
	TargetGroup  string `json:"target_group"`
}

// LoadBalancerConflict: a load balancer of the path's name is not an
// internal network load balancer in the cluster's VPC.
type LoadBalancerConflict struct {
	LoadBalancer string `json:"load_balancer"`
	Scheme       string `json:"scheme"`
	Type         string `json:"type"`
	VpcID        string `json:"vpc_id"`
	Network      string `json:"network"`
	ClusterVpc   string `json:"cluster_vpc_id"`
}

// TargetGroupConflict: a target group of the path's name is something else.
type TargetGroupConflict struct {
	TargetGroup string `json:"target_group"`
	Protocol    string `json:"protocol"`
	Port        int    `json:"port"`
	TargetType  string `json:"target_type"`
	VpcID       string `json:"vpc_id"`
	WantPort    int    `json:"want_port"`
	ClusterVpc  string `json:"cluster_vpc_id"`
}

// SubnetsDrift: an object of the path (a load balancer or a resource
// gateway) lives in other subnets than the spec's.
type SubnetsDrift struct {
	Object string   `json:"object"` // load balancer | resource gateway
	Name   string   `json:"name"`
	Have   []string `json:"have"`
	Want   []string `json:"want"`
}

// WriterUnresolved: the writer instance's address cannot be found.
type WriterUnresolved struct {
	Writer  string `json:"writer"`
	Address string `json:"address"`
	Error   string `json:"error,omitempty"`
}

// WriterNotPrivate: the writer's address is not private.
type WriterNotPrivate struct {
	Writer string `json:"writer"`
	IP     string `json:"ip"`
}

// OtherPrincipalsAllowed: the endpoint service allows others than
// ClickPipes (kept without --prune).
type OtherPrincipalsAllowed struct {
	Service    string   `json:"service"`
	Principals []string `json:"principals"`
}

// OtherRegionsAllowed: the service accepts regions allowedRegions does not
// list (kept without --prune).
type OtherRegionsAllowed struct {
	Service string   `json:"service"`
	Regions []string `json:"regions"`
}

// ForeignRequest is another account's pending connection.
type ForeignRequest struct {
	Endpoint string `json:"endpoint"`
	Account  string `json:"account"`
}

// ForeignRequests: other accounts' connection requests wait.
type ForeignRequests struct {
	Service  string           `json:"service"`
	Requests []ForeignRequest `json:"requests"`
}

// ClusterPublic: instances of the cluster are publicly accessible.
type ClusterPublic struct {
	Cluster   string   `json:"cluster"`
	Instances []string `json:"instances"`
}

// GatewayOtherVPC: the resource gateway is in another VPC.
type GatewayOtherVPC struct {
	Gateway    string `json:"resource_gateway"`
	VpcID      string `json:"vpc_id"`
	ClusterVpc string `json:"cluster_vpc_id"`
}

// GatewayFailed: the resource gateway is in a state it does not leave.
type GatewayFailed struct {
	Gateway string `json:"resource_gateway"`
	Status  string `json:"status"`
}

// GatewayNotActive: the resource gateway is not ACTIVE yet.
type GatewayNotActive struct {
	Gateway string `json:"resource_gateway"`
	Status  string `json:"status"`
}

// ConfigurationConflict: the resource configuration publishes another
// resource.
type ConfigurationConflict struct {
	Configuration string `json:"resource_configuration"`
	ResourceARN   string `json:"resource_arn"`
	Cluster       string `json:"cluster"`
	ClusterARN    string `json:"cluster_arn"`
}

// GatewaySubnet is a subnet for a resource gateway, with its room.
type GatewaySubnet struct {
	Subnet       string `json:"subnet"`
	CIDR         string `json:"cidr"`
	AvailableIPs int    `json:"available_ips"`
}

// SubnetsFull: subnets lack a free /28 for a resource gateway.
type SubnetsFull struct {
	Network string          `json:"network"`
	Subnets []GatewaySubnet `json:"subnets"`
}

// SubnetsSmall: subnets are smaller than the /26 ClickPipes recommends.
type SubnetsSmall struct {
	Network string          `json:"network"`
	Subnets []GatewaySubnet `json:"subnets"`
}

// ShareOthers: the RAM share is shared with others too.
type ShareOthers struct {
	Share      string   `json:"share"`
	Principals []string `json:"principals"`
}

func (SubnetsUnusable) reasonCode() ReasonCode        { return "subnets-unusable" }
func (PrivateUnreachable) reasonCode() ReasonCode     { return "private-unreachable" }
func (ListenerConflict) reasonCode() ReasonCode       { return "listener-conflict" }
func (LoadBalancerConflict) reasonCode() ReasonCode   { return "load-balancer-conflict" }
func (TargetGroupConflict) reasonCode() ReasonCode    { return "target-group-conflict" }
func (SubnetsDrift) reasonCode() ReasonCode           { return "subnets-drift" }
func (WriterUnresolved) reasonCode() ReasonCode       { return "writer-unresolved" }
func (WriterNotPrivate) reasonCode() ReasonCode       { return "writer-not-private" }
func (OtherPrincipalsAllowed) reasonCode() ReasonCode { return "other-principals-allowed" }
func (OtherRegionsAllowed) reasonCode() ReasonCode    { return "other-regions-allowed" }
func (ForeignRequests) reasonCode() ReasonCode        { return "foreign-requests" }
func (ClusterPublic) reasonCode() ReasonCode          { return "cluster-public" }
func (GatewayOtherVPC) reasonCode() ReasonCode        { return "gateway-other-vpc" }
func (GatewayFailed) reasonCode() ReasonCode          { return "gateway-failed" }
func (GatewayNotActive) reasonCode() ReasonCode       { return "gateway-not-active" }
func (ConfigurationConflict) reasonCode() ReasonCode  { return "configuration-conflict" }
func (SubnetsFull) reasonCode() ReasonCode            { return "subnets-full" }
func (SubnetsSmall) reasonCode() ReasonCode           { return "subnets-small" }
func (ShareOthers) reasonCode() ReasonCode            { return "share-others" }

func init() {
	registerReasons(SubnetsUnusable{}, PrivateUnreachable{}, ListenerConflict{}, LoadBalancerConflict{}, TargetGroupConflict{},
		SubnetsDrift{}, WriterUnresolved{}, WriterNotPrivate{}, OtherPrincipalsAllowed{}, OtherRegionsAllowed{}, ForeignRequests{},
		ClusterPublic{}, GatewayOtherVPC{}, GatewayFailed{}, GatewayNotActive{}, ConfigurationConflict{}, SubnetsFull{},
		SubnetsSmall{}, ShareOthers{})
}
