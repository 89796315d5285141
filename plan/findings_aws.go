package plan

// The facts of the findings about the cluster, its parameter groups, its
// security groups and its Global Database (a finding's Fact); plan/render
// words them.

// EngineNotAurora: the cluster's engine is not aurora-postgresql.
type EngineNotAurora struct {
	Cluster string `json:"cluster"`
	Engine  string `json:"engine"`
}

// EngineTooOld: the cluster runs Aurora PostgreSQL before 12.
type EngineTooOld struct {
	Cluster string `json:"cluster"`
	Version string `json:"engine_version"`
}

// CloudFormationStack: the cluster belongs to a CloudFormation stack.
type CloudFormationStack struct {
	Cluster string `json:"cluster"`
	Stack   string `json:"stack"`
}

// CustomParameterGroup: the cluster uses a custom group, not the spec's.
type CustomParameterGroup struct {
	Cluster string `json:"cluster"`
	Group   string `json:"parameter_group"`
	Want    string `json:"want"`
}

// ParameterGroupShared: the spec's group is attached to other clusters.
type ParameterGroupShared struct {
	Group      string      `json:"parameter_group"`
	Clusters   []string    `json:"clusters"`
	Parameters []Parameter `json:"parameters"`
}

// WalLevelStale: wal_level is not logical although rds.logical_replication
// is on (the writer was not rebooted since).
type WalLevelStale struct {
	WalLevel string `json:"wal_level"`
}

// SecurityGroupIDMissing: the network's securityGroup.id does not exist.
type SecurityGroupIDMissing struct {
	Group   string `json:"security_group"`
	Network string `json:"network"`
}

// ClusterVPCUnknown: the cluster's VPC could not be found, so no group can
// be made in it.
type ClusterVPCUnknown struct {
	Network string `json:"network"`
	Group   string `json:"security_group"`
	Cluster string `json:"cluster"`
}

// IngressStaleKept: rules auroracfg created that the spec no longer wants
// (kept without --prune).
type IngressStaleKept struct {
	Group string   `json:"security_group"`
	CIDRs []string `json:"cidrs"`
}

// PrimaryMoved: the global database's primary moved to another cluster.
type PrimaryMoved struct {
	Global string `json:"global_cluster"`
	From   string `json:"from"`
	To     string `json:"to"`
}

// WriterUnrecorded: a publication exists, but nothing records which
// cluster the source was prepared on.
type WriterUnrecorded struct {
	Publication string `json:"publication"`
	Writer      string `json:"writer"`
	Global      string `json:"global_cluster"`
	Source      string `json:"source"`
}

func (EngineNotAurora) reasonCode() ReasonCode        { return "engine-not-aurora" }
func (EngineTooOld) reasonCode() ReasonCode           { return "engine-too-old" }
func (CloudFormationStack) reasonCode() ReasonCode    { return "cloudformation-stack" }
func (CustomParameterGroup) reasonCode() ReasonCode   { return "custom-parameter-group" }
func (ParameterGroupShared) reasonCode() ReasonCode   { return "parameter-group-shared" }
func (WalLevelStale) reasonCode() ReasonCode          { return "wal-level-stale" }
func (SecurityGroupIDMissing) reasonCode() ReasonCode { return "security-group-id-missing" }
func (ClusterVPCUnknown) reasonCode() ReasonCode      { return "cluster-vpc-unknown" }
func (IngressStaleKept) reasonCode() ReasonCode       { return "ingress-stale-kept" }
func (PrimaryMoved) reasonCode() ReasonCode           { return "primary-moved" }
func (WriterUnrecorded) reasonCode() ReasonCode       { return "writer-unrecorded" }

func init() {
	registerReasons(EngineNotAurora{}, EngineTooOld{}, CloudFormationStack{}, CustomParameterGroup{}, ParameterGroupShared{},
		WalLevelStale{}, SecurityGroupIDMissing{}, ClusterVPCUnknown{}, IngressStaleKept{}, PrimaryMoved{}, WriterUnrecorded{})
}
