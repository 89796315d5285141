package plan

// AWS changes of a VPC resource path (privateLink type resource). Each
// names its objects by the path's resource name, which the executor looks
// up, so no change needs an id only an earlier step knows.

// VPC resource kinds.
const (
	KindCreateResourceGateway       Kind = "create-resource-gateway"
	KindCreateResourceConfiguration Kind = "create-resource-configuration"
	KindShareResource               Kind = "share-resource"
)

// CreateResourceGateway creates a VPC Lattice resource gateway and waits
// until it is ACTIVE.
type CreateResourceGateway struct {
	Name, VpcID    string
	Subnets        []string
	SecurityGroups []string // the spec's
	OwnGroup       string   // auroracfg's group (by name) when the spec names none
}

// CreateResourceConfiguration publishes a resource (the cluster's ARN)
// through the gateway.
type CreateResourceConfiguration struct {
	Name, Gateway, ResourceARN string
}

// ShareResource makes sure a RAM share of that name holds the resource
// configuration and the principal.
type ShareResource struct {
	Name, ResourceConfiguration, Principal string
}

func init() {
	registerKind(KindCreateResourceGateway, func(f Fields) Change {
		return CreateResourceGateway{Name: f.ResourceGateway, VpcID: f.VpcID, Subnets: f.Subnets, SecurityGroups: f.SecurityGroups, OwnGroup: f.SecurityGroupName}
	})
	registerKind(KindCreateResourceConfiguration, func(f Fields) Change {
		return CreateResourceConfiguration{Name: f.ResourceConfiguration, Gateway: f.ResourceGateway, ResourceARN: f.ResourceARN}
	})
	registerKind(KindShareResource, func(f Fields) Change {
		principal := ""
		if len(f.Principals) > 0 {
			principal = f.Principals[0]
		}
		return ShareResource{Name: f.Name, ResourceConfiguration: f.ResourceConfiguration, Principal: principal}
	})
}

func (CreateResourceGateway) Kind() Kind       { return KindCreateResourceGateway }
func (CreateResourceGateway) sealed()          {}
func (CreateResourceGateway) Edge() Edge       { return EdgeAWS }
func (CreateResourceGateway) Serves() []string { return servesNetwork }
func (c CreateResourceGateway) Fields() Fields {
	return Fields{ResourceGateway: c.Name, VpcID: c.VpcID, Subnets: c.Subnets, SecurityGroups: c.SecurityGroups, SecurityGroupName: c.OwnGroup}
}

func (CreateResourceConfiguration) Kind() Kind       { return KindCreateResourceConfiguration }
func (CreateResourceConfiguration) sealed()          {}
func (CreateResourceConfiguration) Edge() Edge       { return EdgeAWS }
func (CreateResourceConfiguration) Serves() []string { return servesNetwork }
func (c CreateResourceConfiguration) Fields() Fields {
	return Fields{ResourceConfiguration: c.Name, ResourceGateway: c.Gateway, ResourceARN: c.ResourceARN}
}

func (ShareResource) Kind() Kind       { return KindShareResource }
func (ShareResource) sealed()          {}
func (ShareResource) Edge() Edge       { return EdgeAWS }
func (ShareResource) Serves() []string { return servesNetwork }
func (c ShareResource) Fields() Fields {
	return Fields{Name: c.Name, ResourceConfiguration: c.ResourceConfiguration, Principals: []string{c.Principal}}
}
