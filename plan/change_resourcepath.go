package plan

import "encoding/json"

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
	Name           string   `json:"resource_gateway,omitempty"`
	VpcID          string   `json:"vpc_id,omitempty"`
	Subnets        []string `json:"subnets,omitempty"`
	SecurityGroups []string `json:"security_groups,omitempty"`     // the spec's
	OwnGroup       string   `json:"security_group_name,omitempty"` // auroracfg's group (by name) when the spec names none
}

// CreateResourceConfiguration publishes a resource (the cluster's ARN)
// through the gateway.
type CreateResourceConfiguration struct {
	Name        string `json:"resource_configuration,omitempty"`
	Gateway     string `json:"resource_gateway,omitempty"`
	ResourceARN string `json:"resource_arn,omitempty"`
}

// ShareResource makes sure a RAM share of that name holds the resource
// configuration and the principal.
type ShareResource struct {
	Name, ResourceConfiguration, Principal string
}

// shareResourcePayload is ShareResource in format 1, whose principals are
// a list.
type shareResourcePayload struct {
	Name                  string   `json:"name,omitempty"`
	ResourceConfiguration string   `json:"resource_configuration,omitempty"`
	Principals            []string `json:"principals,omitempty"`
}

func (c ShareResource) MarshalJSON() ([]byte, error) {
	return json.Marshal(shareResourcePayload{c.Name, c.ResourceConfiguration, []string{c.Principal}})
}

func (c *ShareResource) UnmarshalJSON(data []byte) error {
	var p shareResourcePayload
	err := json.Unmarshal(data, &p)
	*c = ShareResource{Name: p.Name, ResourceConfiguration: p.ResourceConfiguration, Principal: first(p.Principals)}
	return err
}

func init() {
	registerKind[CreateResourceGateway](KindCreateResourceGateway)
	registerKind[CreateResourceConfiguration](KindCreateResourceConfiguration)
	registerKind[ShareResource](KindShareResource)
}

func (CreateResourceGateway) Kind() Kind        { return KindCreateResourceGateway }
func (CreateResourceGateway) sealed()           {}
func (CreateResourceGateway) Edge() Edge        { return EdgeAWS }
func (CreateResourceGateway) Serves() []CheckID { return servesNetwork }

func (CreateResourceConfiguration) Kind() Kind        { return KindCreateResourceConfiguration }
func (CreateResourceConfiguration) sealed()           {}
func (CreateResourceConfiguration) Edge() Edge        { return EdgeAWS }
func (CreateResourceConfiguration) Serves() []CheckID { return servesNetwork }

func (ShareResource) Kind() Kind        { return KindShareResource }
func (ShareResource) sealed()           {}
func (ShareResource) Edge() Edge        { return EdgeAWS }
func (ShareResource) Serves() []CheckID { return servesNetwork }
