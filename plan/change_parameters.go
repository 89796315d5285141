package plan

// AWS changes that turn logical replication on: the cluster parameter
// group, and the reboot that makes its static parameters take effect.

// Parameter group kinds.
const (
	KindCreateParameterGroup Kind = "create-parameter-group"
	KindSetParameters        Kind = "set-parameters"
	KindAttachParameterGroup Kind = "attach-parameter-group"
	KindReboot               Kind = "reboot"
)

// ParameterGroupScope is which kind of parameter group a change is on, as
// RDS has two APIs and two Terraform resources for them.
type ParameterGroupScope string

// Parameter group scopes.
const (
	// ClusterParameterGroup is a DB cluster parameter group (Aurora, and
	// RDS Multi-AZ DB clusters).
	ClusterParameterGroup ParameterGroupScope = "cluster"
	// InstanceParameterGroup is a DB parameter group (RDS DB instances).
	InstanceParameterGroup ParameterGroupScope = "instance"
)

// CreateParameterGroup creates a parameter group.
type CreateParameterGroup struct {
	Scope  ParameterGroupScope `json:"-"`
	Name   string              `json:"parameter_group,omitempty"`
	Family string              `json:"family,omitempty"`
}

// SetParameters sets parameters in a parameter group.
type SetParameters struct {
	Scope      ParameterGroupScope `json:"-"`
	Group      string              `json:"parameter_group,omitempty"`
	Parameters []Parameter         `json:"parameters,omitempty"`
}

// AttachParameterGroup makes a cluster (a cluster group) or an instance
// (an instance group) use a parameter group.
type AttachParameterGroup struct {
	Scope  ParameterGroupScope `json:"-"`
	Target string              `json:"cluster,omitempty"` // the cluster or instance id
	Group  string              `json:"parameter_group,omitempty"`
}

// RebootCluster reboots a cluster's instances, in order (the writer).
type RebootCluster struct {
	Cluster   string   `json:"cluster,omitempty"`
	Instances []string `json:"instances,omitempty"`
}

func init() {
	registerKind[CreateParameterGroup](KindCreateParameterGroup)
	registerKind[SetParameters](KindSetParameters)
	registerKind[AttachParameterGroup](KindAttachParameterGroup)
	registerKind[RebootCluster](KindReboot)
}

// Format 1 of the JSON plan and of saved plans knows cluster groups only:
// their payload carries no scope.
func (c *CreateParameterGroup) format1Defaults() { c.Scope = ClusterParameterGroup }
func (c *SetParameters) format1Defaults()        { c.Scope = ClusterParameterGroup }
func (c *AttachParameterGroup) format1Defaults() { c.Scope = ClusterParameterGroup }

func (CreateParameterGroup) Kind() Kind        { return KindCreateParameterGroup }
func (CreateParameterGroup) sealed()           {}
func (CreateParameterGroup) Edge() Edge        { return EdgeAWS }
func (CreateParameterGroup) Serves() []CheckID { return []CheckID{CheckLogicalReplication} }

func (SetParameters) Kind() Kind        { return KindSetParameters }
func (SetParameters) sealed()           {}
func (SetParameters) Edge() Edge        { return EdgeAWS }
func (SetParameters) Serves() []CheckID { return []CheckID{CheckLogicalReplication} }

func (AttachParameterGroup) Kind() Kind        { return KindAttachParameterGroup }
func (AttachParameterGroup) sealed()           {}
func (AttachParameterGroup) Edge() Edge        { return EdgeAWS }
func (AttachParameterGroup) Serves() []CheckID { return []CheckID{CheckLogicalReplication} }

func (RebootCluster) Kind() Kind        { return KindReboot }
func (RebootCluster) sealed()           {}
func (RebootCluster) Edge() Edge        { return EdgeAWS }
func (RebootCluster) Serves() []CheckID { return []CheckID{CheckLogicalReplication} }
