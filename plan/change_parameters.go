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

// CreateParameterGroup creates a cluster parameter group.
type CreateParameterGroup struct{ Name, Family string }

// SetParameters sets parameters in a cluster parameter group.
type SetParameters struct {
	Group      string
	Parameters []Parameter
}

// AttachParameterGroup makes a cluster use a parameter group.
type AttachParameterGroup struct{ Cluster, Group string }

// RebootCluster reboots a cluster's instances, in order (the writer).
type RebootCluster struct {
	Cluster   string
	Instances []string
}

func init() {
	registerKind(KindCreateParameterGroup, func(f Fields) Change { return CreateParameterGroup{Name: f.ParameterGroup, Family: f.Family} })
	registerKind(KindSetParameters, func(f Fields) Change { return SetParameters{Group: f.ParameterGroup, Parameters: f.Parameters} })
	registerKind(KindAttachParameterGroup, func(f Fields) Change { return AttachParameterGroup{Cluster: f.Cluster, Group: f.ParameterGroup} })
	registerKind(KindReboot, func(f Fields) Change { return RebootCluster{Cluster: f.Cluster, Instances: f.Instances} })
}

func (CreateParameterGroup) Kind() Kind       { return KindCreateParameterGroup }
func (CreateParameterGroup) Edge() Edge       { return EdgeAWS }
func (CreateParameterGroup) Serves() []string { return []string{CheckLogicalReplication} }
func (c CreateParameterGroup) Fields() Fields {
	return Fields{ParameterGroup: c.Name, Family: c.Family}
}

func (SetParameters) Kind() Kind       { return KindSetParameters }
func (SetParameters) Edge() Edge       { return EdgeAWS }
func (SetParameters) Serves() []string { return []string{CheckLogicalReplication} }
func (c SetParameters) Fields() Fields {
	return Fields{ParameterGroup: c.Group, Parameters: c.Parameters}
}

func (AttachParameterGroup) Kind() Kind       { return KindAttachParameterGroup }
func (AttachParameterGroup) Edge() Edge       { return EdgeAWS }
func (AttachParameterGroup) Serves() []string { return []string{CheckLogicalReplication} }
func (c AttachParameterGroup) Fields() Fields {
	return Fields{Cluster: c.Cluster, ParameterGroup: c.Group}
}

func (RebootCluster) Kind() Kind       { return KindReboot }
func (RebootCluster) Edge() Edge       { return EdgeAWS }
func (RebootCluster) Serves() []string { return []string{CheckLogicalReplication} }
func (c RebootCluster) Fields() Fields { return Fields{Cluster: c.Cluster, Instances: c.Instances} }
