package plan

// The facts behind AWS actions (Reason); plan/render words them.

// DefaultParameterGroup: the cluster uses its engine's default parameter
// group, which nobody can modify.
type DefaultParameterGroup struct {
	Cluster string `json:"cluster"`
	Group   string `json:"parameter_group"`
}

// SettingDiffers: a parameter of the group has another value ("" is the
// engine default).
type SettingDiffers struct {
	Name string `json:"name"`
	Have string `json:"have,omitempty"`
	Want string `json:"want"`
}

// GroupNotAttached: the cluster uses another parameter group.
type GroupNotAttached struct {
	Cluster string `json:"cluster"`
	Group   string `json:"parameter_group"`
}

// LogicalReplicationOff: the writer's live rds.logical_replication is not
// on ("" when it is not set).
type LogicalReplicationOff struct {
	Live string `json:"live,omitempty"`
}

// PendingReboot: instances wait for a reboot to take their group's values.
type PendingReboot struct {
	Instances []string `json:"instances"`
}

// StaticParameterChanges: this plan changes a static parameter, which
// takes effect at reboot.
type StaticParameterChanges struct {
	Name string `json:"name"`
}

// AttachLeavesPending: this plan attaches a parameter group, which leaves
// every instance pending-reboot.
type AttachLeavesPending struct{}

// SecurityGroupMissing: the network's security group does not exist in
// the cluster's VPC.
type SecurityGroupMissing struct {
	Network string `json:"network"`
	Group   string `json:"security_group"`
}

// SecurityGroupNotAttached: the cluster does not use the group.
type SecurityGroupNotAttached struct {
	Cluster string `json:"cluster"`
	Group   string `json:"security_group"`
}

// IngressMissing: the group does not let CIDRs reach the port; Region is
// the ClickPipes region they are the addresses of (empty for the private
// path's subnets).
type IngressMissing struct {
	Group  string   `json:"security_group"`
	CIDRs  []string `json:"cidrs"`
	Region string   `json:"clickpipes_region,omitempty"`
	// Extra are those of CIDRs that are the spec's extraCIDRs, not
	// ClickPipes' own addresses.
	Extra []string `json:"extra_cidrs,omitempty"`
}

// IngressStale: rules auroracfg created for CIDRs the spec no longer
// wants (--prune).
type IngressStale struct {
	Group string   `json:"security_group"`
	CIDRs []string `json:"cidrs"`
}

// GlobalUnrecorded: the global database does not record yet where the
// source is prepared.
type GlobalUnrecorded struct {
	Global string `json:"global_cluster"`
	Source string `json:"source"`
}

// GlobalMoved: the source moved with the global database's primary, from
// one cluster to another (REGION/CLUSTER), maybe to another region.
type GlobalMoved struct {
	Global      string `json:"global_cluster"`
	From        string `json:"from"`
	To          string `json:"to"`
	OtherRegion bool   `json:"other_region,omitempty"`
}

// GlobalUnknown: neither the tag nor the publication records where the
// source is prepared.
type GlobalUnknown struct {
	Source string `json:"source"`
}

// GlobalTagMissing: the global database's tag is missing, while the
// publication records the writer.
type GlobalTagMissing struct {
	Global   string `json:"global_cluster"`
	Source   string `json:"source"`
	Recorded string `json:"recorded"`
}

func (DefaultParameterGroup) reasonCode() ReasonCode    { return "default-parameter-group" }
func (SettingDiffers) reasonCode() ReasonCode           { return "setting-differs" }
func (GroupNotAttached) reasonCode() ReasonCode         { return "parameter-group-not-attached" }
func (LogicalReplicationOff) reasonCode() ReasonCode    { return "logical-replication-off" }
func (PendingReboot) reasonCode() ReasonCode            { return "pending-reboot" }
func (StaticParameterChanges) reasonCode() ReasonCode   { return "static-parameter-changes" }
func (AttachLeavesPending) reasonCode() ReasonCode      { return "attach-leaves-pending-reboot" }
func (SecurityGroupMissing) reasonCode() ReasonCode     { return "security-group-missing" }
func (SecurityGroupNotAttached) reasonCode() ReasonCode { return "security-group-not-attached" }
func (IngressMissing) reasonCode() ReasonCode           { return "ingress-missing" }
func (IngressStale) reasonCode() ReasonCode             { return "ingress-stale" }
func (GlobalUnrecorded) reasonCode() ReasonCode         { return "global-writer-unrecorded" }
func (GlobalMoved) reasonCode() ReasonCode              { return "global-writer-moved" }
func (GlobalUnknown) reasonCode() ReasonCode            { return "global-writer-unknown" }
func (GlobalTagMissing) reasonCode() ReasonCode         { return "global-tag-missing" }

func init() {
	registerReasons(DefaultParameterGroup{}, SettingDiffers{}, GroupNotAttached{}, LogicalReplicationOff{}, PendingReboot{},
		StaticParameterChanges{}, AttachLeavesPending{}, SecurityGroupMissing{}, SecurityGroupNotAttached{}, IngressMissing{},
		IngressStale{}, GlobalUnrecorded{}, GlobalMoved{}, GlobalUnknown{}, GlobalTagMissing{})
}
