package plan

import (
	"fmt"
	"strconv"
	"strings"
)

// AWSObserved is the AWS side of an Aurora source, as observed.
type AWSObserved struct {
	Region  string
	Cluster Cluster
	// AttachedParams are the values set in the cluster's attached parameter
	// group for the parameters auroracfg manages; a parameter that is not
	// set has the engine default (rds.logical_replication: 0, off).
	AttachedParams map[string]string
	// TargetGroup is the spec's parameter group, nil when it does not exist.
	TargetGroup *ParameterGroup
	// SecurityGroup is the network's security group, nil when it does not exist.
	SecurityGroup *SecurityGroup
	// Global is the Global Database the source names, if any.
	Global *GlobalObserved `json:",omitempty"`
	// PrivateLink is the private path's state, for a privateLink network.
	PrivateLink *PrivateLinkObserved `json:",omitempty"`
	// GroupSharedWith are the other clusters of the region the spec's
	// parameter group is attached to: changing it changes them too.
	GroupSharedWith []string `json:",omitempty"`
}

// Cluster is an observed Aurora DB cluster.
type Cluster struct {
	ID, ARN          string
	Engine           string
	EngineVersion    string
	Status           string
	Endpoint         string
	ReaderEndpoint   string
	Port             int
	ParameterGroup   string
	Members          []ClusterMember
	SecurityGroupIDs []string
	VpcID            string
	Tags             map[string]string
}

// ClusterMember is an instance of a cluster.
type ClusterMember struct {
	Instance             string
	Writer               bool
	ParameterGroupStatus string // in-sync, pending-reboot, applying
}

// Writer returns the writer instance's identifier.
func (c Cluster) Writer() string {
	for _, m := range c.Members {
		if m.Writer {
			return m.Instance
		}
	}
	return ""
}

// ParameterGroup is an observed DB cluster parameter group.
type ParameterGroup struct {
	Name   string
	Family string
	Params map[string]string
}

// SecurityGroup is an observed security group with its ingress rules.
type SecurityGroup struct {
	ID, Name, VpcID string
	Rules           []IngressRule
}

// IngressRule is one ingress rule of a security group.
type IngressRule struct {
	ID       string
	Protocol string // tcp, -1 (all)
	FromPort int
	ToPort   int
	CIDR     string
	// SourceGroup is the security group a rule lets in, instead of a CIDR.
	SourceGroup string `json:",omitempty"`
	Description string
}

// RuleDescriptionPrefix marks the ingress rules auroracfg created: only those
// are ever removed, and only with --prune.
const RuleDescriptionPrefix = "auroracfg"

// Parameters auroracfg manages in the cluster parameter group.
const (
	ParamLogicalReplication = "rds.logical_replication"
	ParamWalSenderTimeout   = "wal_sender_timeout"
	ParamMaxSlotWalKeepSize = "max_slot_wal_keep_size"
)

// DesiredAurora is the AWS side an Aurora source must have.
type DesiredAurora struct {
	Region           string
	Cluster          string
	ParameterGroup   string
	WalSenderTimeout string
	// MaxSlotWalKeepSize is set only when the spec names it.
	MaxSlotWalKeepSize string
	RebootAllowed      bool
	// Observe says AWS changes are planned and explained but never executed
	// (aws.manage: observe).
	Observe bool
	// Prune removes ingress rules auroracfg created that are no longer wanted.
	Prune   bool
	Network *DesiredNetwork
	// PrivateLink is the private path, for a privateLink network (then
	// Network is nil).
	PrivateLink *DesiredPrivateLink
	// GlobalCluster names the Global Database whose primary the source is
	// (then Cluster is resolved at each observation).
	GlobalCluster string
}

// DesiredNetwork is the ClickPipes ingress a source must allow.
type DesiredNetwork struct {
	Name             string
	ClickPipesRegion string
	CIDRs            []string // shipped ClickPipes addresses, then extraCIDRs
	Extra            map[string]bool
	SecurityGroupID  string
	SecurityGroup    string // name, when created by auroracfg
}

// GateReboot marks a reboot that was not allowed (by parameterGroup.reboot:
// allowed or apply --allow-reboot): apply stops before it.
const GateReboot = "reboot"

// Parameter is a parameter group change.
type Parameter struct {
	Name        string `json:"name"`
	Value       string `json:"value"`
	ApplyMethod string `json:"apply_method"` // immediate | pending-reboot
}

// Family maps an Aurora PostgreSQL engine version to its parameter group
// family ("15.4" → "aurora-postgresql15"), and its major version.
func Family(engineVersion string) (string, int) {
	major, _ := strconv.Atoi(strings.SplitN(engineVersion, ".", 2)[0])
	return fmt.Sprintf("aurora-postgresql%d", major), major
}

// IsDefaultParameterGroup reports whether a group is one of AWS's default
// groups, which cannot be modified (recognised by name, as AWS names them).
func IsDefaultParameterGroup(name string) bool { return strings.HasPrefix(name, "default.") }

// settingOn reads a boolean setting as PostgreSQL and Aurora print it
// (Aurora says "on", the emulation "1").
func settingOn(v string) bool {
	switch strings.ToLower(v) {
	case "on", "1", "true", "yes":
		return true
	}
	return false
}

// awsParameters plans the AWS side of an Aurora source up to the reboot, in
// the order the guide gives: parameter group, parameters, attach, (gated)
// reboot; network() plans the network last.
func (b *builder) awsParameters() {
	a, d := b.o.AWS, b.d.Aurora
	c := a.Cluster
	if c.Engine != "aurora-postgresql" {
		b.found(FindingEngine, "", SeverityBlocker, EngineNotAurora{Cluster: c.ID, Engine: c.Engine})
		return
	}
	family, major := Family(c.EngineVersion)
	if major < 12 {
		b.found(FindingEngineVersion, "", SeverityBlocker, EngineTooOld{Cluster: c.ID, Version: c.EngineVersion})
		return
	}
	if stack := c.Tags["aws:cloudformation:stack-name"]; stack != "" {
		b.found(FindingCloudFormation, "", SeverityWarning, CloudFormationStack{Cluster: c.ID, Stack: stack})
	}
	want := []Parameter{
		{Name: ParamLogicalReplication, Value: "1", ApplyMethod: "pending-reboot"},
		{Name: ParamWalSenderTimeout, Value: d.WalSenderTimeout, ApplyMethod: "immediate"},
	}
	if d.MaxSlotWalKeepSize != "" {
		want = append(want, Parameter{Name: ParamMaxSlotWalKeepSize, Value: d.MaxSlotWalKeepSize, ApplyMethod: "immediate"})
	}
	var current map[string]string
	var deps []string
	switch {
	case c.ParameterGroup == d.ParameterGroup:
		current = a.AttachedParams
	case IsDefaultParameterGroup(c.ParameterGroup):
		if a.TargetGroup == nil {
			id := "parameter-group/" + d.ParameterGroup
			b.addAWS(Action{ID: id, Op: OpCreate, Change: CreateParameterGroup{Scope: ClusterParameterGroup, Name: d.ParameterGroup, Family: family},
				Why: []Reason{DefaultParameterGroup{Cluster: c.ID, Group: c.ParameterGroup}}})
			deps = []string{id}
		} else {
			current = a.TargetGroup.Params
		}
	default:
		b.found(FindingParameterGroup, "", SeverityBlocker, CustomParameterGroup{Cluster: c.ID, Group: c.ParameterGroup, Want: d.ParameterGroup})
		return
	}
	var changes []Parameter
	var why, rebootWhy []Reason
	for _, p := range want {
		have := current[p.Name]
		if have == p.Value || (p.Name == ParamLogicalReplication && settingOn(have)) {
			continue
		}
		changes = append(changes, p)
		if p.ApplyMethod == "pending-reboot" {
			rebootWhy = append(rebootWhy, StaticParameterChanges{Name: p.Name})
		}
		why = append(why, SettingDiffers{Name: p.Name, Have: have, Want: p.Value})
	}
	if len(changes) > 0 && len(a.GroupSharedWith) > 0 {
		// Nothing outside the spec is touched: the other clusters would
		// take these settings (and a pending reboot) too.
		b.found(FindingParameterGroupShared, "", SeverityBlocker, ParameterGroupShared{Group: d.ParameterGroup, Clusters: a.GroupSharedWith, Parameters: changes})
		return
	}
	if len(changes) > 0 {
		id := "parameters/" + d.ParameterGroup
		b.addAWS(Action{ID: id, Op: OpUpdate, Change: SetParameters{Scope: ClusterParameterGroup, Group: d.ParameterGroup, Parameters: changes}, DependsOn: deps,
			Why: why})
		deps = append(deps, id)
	}
	if c.ParameterGroup != d.ParameterGroup {
		id := "attach-parameter-group/" + d.ParameterGroup
		b.addAWS(Action{ID: id, Op: OpUpdate, Change: AttachParameterGroup{Scope: ClusterParameterGroup, Target: c.ID, Group: d.ParameterGroup}, DependsOn: deps,
			Why: []Reason{GroupNotAttached{Cluster: c.ID, Group: c.ParameterGroup}}})
		deps = append(deps, id)
		rebootWhy = append(rebootWhy, AttachLeavesPending{})
	}
	b.reboot(deps, rebootWhy)
}

// reboot plans the disruptive reboot when the writer does not run with
// logical replication yet, an instance waits for one, or this plan's own
// changes will need one (planned, with their reasons, in changes).
func (b *builder) reboot(deps []string, changes []Reason) {
	c := b.o.AWS.Cluster
	var reasons []Reason
	if live := b.o.Settings.RDSLogicalReplication; !settingOn(live) {
		reasons = append(reasons, LogicalReplicationOff{Live: live})
	}
	var pending []string
	for _, m := range c.Members {
		if m.ParameterGroupStatus == "pending-reboot" {
			pending = append(pending, m.Instance)
		}
	}
	if len(pending) > 0 {
		reasons = append(reasons, PendingReboot{Instances: pending})
	}
	if len(reasons) == 0 {
		reasons = changes
	}
	if len(reasons) == 0 {
		if b.o.Settings.WalLevel != "logical" {
			b.found(FindingWalLevel, "", SeverityBlocker, WalLevelStale{WalLevel: b.o.Settings.WalLevel})
		}
		return
	}
	b.rebootAction = "reboot/" + c.ID
	gate := GateReboot
	if b.d.Aurora.RebootAllowed {
		gate = ""
	}
	b.addAWS(Action{ID: b.rebootAction, Op: OpUpdate, Risk: RiskDisruptive, Gate: gate,
		Change: RebootCluster{Cluster: c.ID, Instances: []string{c.Writer()}}, DependsOn: deps,
		Why: reasons})
}

// addAWS adds an AWS action; with aws.manage: observe it is planned but
// never executed.
func (b *builder) addAWS(a Action) {
	a.Unmanaged = b.d.Aurora.Observe
	b.add(a)
}

// GlobalObserved is the Aurora Global Database a source names
// (globalCluster): the primary cluster it resolved to, and where auroracfg
// last prepared the source (a tag on the global database).
type GlobalObserved struct {
	ID, ARN         string
	Region, Cluster string // the primary cluster, where the source lives now
	// Marked is the writer recorded by the last apply ("region/cluster"),
	// empty before the first.
	Marked string `json:",omitempty"`
}

// Writer is the primary cluster as the marker records it.
func (g GlobalObserved) Writer() string { return g.Region + "/" + g.Cluster }
