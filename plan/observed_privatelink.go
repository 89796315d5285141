package plan

import "strconv"

// The observed state of a source's private path (privateLink): what the
// AWS edge reads of the load balancer, endpoint service, resource gateway
// and share it made, and of the writer's address and subnets.

// LoadBalancer is an observed Elastic Load Balancing v2 load balancer.
type LoadBalancer struct {
	ARN, Name, Type, Scheme, VpcID, State, DNSName string
	Subnets                                        []string
	// CrossZone is load_balancing.cross_zone.enabled.
	CrossZone bool
}

// TargetGroup is an observed target group with its registered targets.
type TargetGroup struct {
	ARN, Name, Protocol, TargetType, VpcID string
	Port                                   int
	Targets                                []Target
}

// Target is a registered target of a target group. (Its health is left
// out: it changes by itself, and a saved plan's digest must not.)
type Target struct {
	IP   string
	Port int
}

func (t Target) String() string { return t.IP + ":" + strconv.Itoa(t.Port) }

// Listener is an observed listener of the load balancer.
type Listener struct {
	ARN, Protocol  string
	Port           int
	TargetGroupARN string
}

// EndpointService is an observed VPC endpoint service configuration with
// its permissions and endpoint connections.
type EndpointService struct {
	ID, Name, State    string
	AcceptanceRequired bool
	Principals         []string
	SupportedRegions   []string
	DNSNames           []string
	Connections        []EndpointConnection
}

// EndpointConnection is a VPC endpoint's connection to the service.
type EndpointConnection struct {
	EndpointID, Owner, State string
}

// ResourceGateway is an observed VPC Lattice resource gateway.
type ResourceGateway struct {
	ID, ARN, Name, Status, VpcID string
	Subnets, SecurityGroups      []string
}

// ResourceConfiguration is an observed VPC Lattice resource configuration.
type ResourceConfiguration struct {
	ID, ARN, Name, Status, Type string
	Gateway                     string // the resource gateway's id
	ResourceARN                 string // what it publishes (type ARN)
}

// ResourceShare is an observed AWS RAM resource share with its
// associations.
type ResourceShare struct {
	ARN, Name, Status     string
	Principals, Resources []string
}

// PrivateLinkObserved is the AWS state of a source's private path.
type PrivateLinkObserved struct {
	Writer WriterInstance
	// PublicInstances are the cluster's publicly accessible instances.
	PublicInstances []string `json:",omitempty"`
	Subnets         []Subnet // the spec's subnets that exist
	// ClusterRules are the ingress rules of the cluster's security groups.
	ClusterRules []IngressRule
	// OwnGroup is auroracfg's group for the path; nil when missing or when
	// the spec names groups.
	OwnGroup *SecurityGroup

	// type endpointService
	LoadBalancer    *LoadBalancer
	TargetGroup     *TargetGroup
	Listener        *Listener
	EndpointService *EndpointService

	// type resource
	Gateway *ResourceGateway
	Config  *ResourceConfiguration
	Share   *ResourceShare
}

// WriterInstance is the cluster's writer instance: the only target a
// private path may point at (a reader cannot host a slot).
type WriterInstance struct {
	ID      string
	Address string   // the instance endpoint
	IPs     []string // what Address resolves to now
	// ResolveError says why Address did not resolve.
	ResolveError       string `json:",omitempty"`
	PubliclyAccessible bool
}

// Subnet is an observed subnet.
type Subnet struct {
	ID, VpcID, CIDR, AZ string
	AvailableIPs        int
}
