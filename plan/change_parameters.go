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
	Scope        ParameterGroupScope
	Name, Family string
}

// SetParameters sets parameters in a parameter group.
type SetParameters struct {
	Scope      ParameterGroupScope
	Group      string
	Parameters []Parameter
}

// AttachParameterGroup makes a cluster (a cluster group) or an instance
// (an instance group) use a parameter group.
type AttachParameterGroup struct {
	Scope  ParameterGroupScope
	Target string // the cluster or instance id
	Group  string
}

// RebootCluster reboots a cluster's instances, in order (the writer).
type RebootCluster struct {
	Cluster   string
	Instances []string
}

// Format 1 of the JSON plan and of saved plans knows cluster groups only:
// their fields carry no scope.
func init() {
	registerKind(KindCreateParameterGroup, func(f Fields) Change {
		return CreateParameterGroup{Scope: ClusterParameterGroup, Name: f.ParameterGroup, Family: f.Family}
	})
	registerKind(KindSetParameters, func(f Fields) Change {
		return SetParameters{Scope: ClusterParameterGroup, Group: f.ParameterGroup, Parameters: f.Parameters}
	})
	registerKind(KindAttachParameterGroup, func(f Fields) Change {
		return AttachParameterGroup{Scope: ClusterParameterGroup, Target: f.Cluster, Group: f.ParameterGroup}
	})
	registerKind(KindReboot, func(f Fields) Change { return RebootCluster{Cluster: f.Cluster, Instances: f.Instances} })
}

func (CreateParameterGroup) Kind() Kind       { return KindCreateParameterGroup }
func (CreateParameterGroup) sealed()          {}
func (CreateParameterGroup) Edge() Edge       { return EdgeAWS }
func (CreateParameterGroup) Serves() []string { return []string{CheckLogicalReplication} }
func (c CreateParameterGroup) Fields() Fields {
	return Fields{ParameterGroup: c.Name, Family: c.Family}
}

func (SetParameters) Kind() Kind       { return KindSetParameters }
func (SetParameters) sealed()          {}
func (SetParameters) Edge() Edge       { return EdgeAWS }
func (SetParameters) Serves() []string { return []string{CheckLogicalReplication} }
func (c SetParameters) Fields() Fields {
	return Fields{ParameterGroup: c.Group, Parameters: c.Parameters}
}

func (AttachParameterGroup) Kind() Kind       { return KindAttachParameterGroup }
func (AttachParameterGroup) sealed()          {}
func (AttachParameterGroup) Edge() Edge       { return EdgeAWS }
func (AttachParameterGroup) Serves() []string { return []string{CheckLogicalReplication} }
func (c AttachParameterGroup) Fields() Fields {
	return Fields{Cluster: c.Target, ParameterGroup: c.Group}
}

func (RebootCluster) Kind() Kind       { return KindReboot }
func (RebootCluster) sealed()          {}
func (RebootCluster) Edge() Edge       { return EdgeAWS }
func (RebootCluster) Serves() []string { return []string{CheckLogicalReplication} }
func (c RebootCluster) Fields() Fields { return Fields{Cluster: c.Cluster, Instances: c.Instances} }
