package plan

import (
	"strings"
)

// Op is what an action does to its object, as in Terraform: + ~ -.
type Op string

// Operations.
const (
	OpCreate Op = "create"
	OpUpdate Op = "update"
	OpDelete Op = "delete"
)

// Symbol is the one-character marker of an operation in text plans.
func (o Op) Symbol() string {
	switch o {
	case OpCreate:
		return "+"
	case OpUpdate:
		return "~"
	case OpDelete:
		return "-"
	}
	return "?"
}

// Risk classifies what an action can do to a running system.
type Risk string

// Risks.
const (
	RiskSafe        Risk = "safe"
	RiskDisruptive  Risk = "disruptive"  // changes behaviour or cost of the running system
	RiskDestructive Risk = "destructive" // removes something
)

// Kind names what an action does; sources execute actions by kind.
type Kind string

// Action kinds.
const (
	KindCreateRole        Kind = "create-role"
	KindAlterRole         Kind = "alter-role"
	KindSetPassword       Kind = "set-password"
	KindGrantUsage        Kind = "grant-usage"
	KindGrantSelect       Kind = "grant-select"
	KindDefaultPrivileges Kind = "default-privileges"
	KindReplicaIdentity   Kind = "replica-identity-full"
	// KindReplicaIdentityIndex is REPLICA IDENTITY USING INDEX, for a
	// key-less table whose FULL identity would hold a generated column (18+).
	KindReplicaIdentityIndex Kind = "replica-identity-index"
	KindCreatePublication    Kind = "create-publication"
	KindPublicationAdd       Kind = "publication-add"
	KindPublicationOption    Kind = "publication-options"
)

// Action is one idempotent change to a source. Its targets are names, never
// secrets: a password is resolved by the executor at apply time.
type Action struct {
	ID        string   `json:"id"`
	Source    string   `json:"source"`
	Kind      Kind     `json:"action"`
	Op        Op       `json:"op"`
	Risk      Risk     `json:"risk"`
	Summary   string   `json:"summary"`
	Reason    string   `json:"reason"`
	DependsOn []string `json:"depends_on"`
	// BlockedBy names the findings that must be resolved before this action can run.
	BlockedBy []string `json:"blocked_by,omitempty"`

	Role        string      `json:"role,omitempty"`
	Attributes  []string    `json:"attributes,omitempty"` // role attributes: LOGIN, REPLICATION
	Owner       string      `json:"owner,omitempty"`
	Schemas     []string    `json:"schemas,omitempty"`
	Tables      []TableName `json:"tables,omitempty"`
	Publication string      `json:"publication,omitempty"`
	AllTables   bool        `json:"all_tables,omitempty"`
	ViaRoot     bool        `json:"publish_via_partition_root,omitempty"`
	// GeneratedStored is publish_generated_columns = stored (PostgreSQL 18+).
	GeneratedStored bool   `json:"publish_generated_columns_stored,omitempty"`
	Index           string `json:"index,omitempty"` // the replica identity index
	GrantedRole     string `json:"granted_role,omitempty"`
	Slot            string `json:"slot,omitempty"`

	// AWS targets.
	Cluster           string      `json:"cluster,omitempty"`
	Instances         []string    `json:"instances,omitempty"` // reboot order
	ParameterGroup    string      `json:"parameter_group,omitempty"`
	Family            string      `json:"family,omitempty"`
	Parameters        []Parameter `json:"parameters,omitempty"`
	SecurityGroup     string      `json:"security_group,omitempty"` // id; empty until created
	SecurityGroupName string      `json:"security_group_name,omitempty"`
	VpcID             string      `json:"vpc_id,omitempty"`
	CIDRs             []string    `json:"cidrs,omitempty"`
	Port              int         `json:"port,omitempty"`
	Description       string      `json:"description,omitempty"`
	RuleIDs           []string    `json:"rule_ids,omitempty"`
	// Gate names the permission an action needs beyond approval ("reboot").
	Gate string `json:"gate,omitempty"`
	// Unmanaged actions are planned and explained but never executed
	// (aws.manage: observe): the user's infrastructure code makes them.
	Unmanaged bool `json:"unmanaged,omitempty"`
}

// Severity of a finding.
type Severity string

// Severities.
const (
	SeverityBlocker Severity = "blocker" // the source is not ready until it is fixed
	SeverityWarning Severity = "warning"
)

// Finding is something the plan cannot fix by itself: a precondition the
// user must fix, or a warning.
type Finding struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Fix      string   `json:"fix,omitempty"`
}

// SourcePlan is the plan for one source.
type SourcePlan struct {
	Source string `json:"source"`
	Type   string `json:"type"`
	Target string `json:"target"` // host:port/database, for people
	// ObservedDigest fingerprints the state the plan was computed from.
	ObservedDigest string    `json:"observed_digest,omitempty"`
	Findings       []Finding `json:"findings"`
	Actions        []Action  `json:"actions"`
	// Checks are the readiness checks derived from the same state; the
	// check command renders them (plans and plan files do not carry them).
	Checks []Check `json:"-"`
}

// Blockers returns the blocking findings.
func (sp *SourcePlan) Blockers() []Finding {
	var out []Finding
	for _, f := range sp.Findings {
		if f.Severity == SeverityBlocker {
			out = append(out, f)
		}
	}
	return out
}

// Ready reports whether the source needs nothing more.
func (sp *SourcePlan) Ready() bool { return len(sp.Actions) == 0 && len(sp.Blockers()) == 0 }

// Plan is the plan for every source, in spec order.
type Plan struct {
	Sources []SourcePlan `json:"sources"`
}

// Counts is the summary of a plan: actions by operation.
type Counts struct {
	Add     int `json:"add"`
	Change  int `json:"change"`
	Destroy int `json:"destroy"`
}

// Counts tallies the plan's actions.
func (p *Plan) Counts() Counts {
	var c Counts
	for _, sp := range p.Sources {
		for _, a := range sp.Actions {
			switch a.Op {
			case OpCreate:
				c.Add++
			case OpUpdate:
				c.Change++
			case OpDelete:
				c.Destroy++
			}
		}
	}
	return c
}

// HasChanges reports whether applying the plan would change anything, or a
// source is not ready.
func (p *Plan) HasChanges() bool {
	for i := range p.Sources {
		if !p.Sources[i].Ready() {
			return true
		}
	}
	return false
}

// QuoteIdent renders an identifier for people the way PostgreSQL's
// quote_ident does: bare when it is a plain lower-case name, otherwise in
// double quotes with inner quotes doubled. SQL is never built from it.
func QuoteIdent(name string) string {
	plain := name != ""
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r == '_':
		case (r >= '0' && r <= '9') || r == '$':
			plain = plain && i > 0
		default:
			plain = false
		}
	}
	if plain && !reserved[name] {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// reserved are the reserved words most likely to be used as names.
var reserved = map[string]bool{
	"all": true, "analyse": true, "analyze": true, "and": true, "any": true, "as": true, "asc": true,
	"check": true, "column": true, "constraint": true, "create": true, "default": true, "desc": true,
	"distinct": true, "do": true, "else": true, "end": true, "for": true, "from": true, "grant": true,
	"group": true, "in": true, "limit": true, "not": true, "null": true, "offset": true, "on": true,
	"or": true, "order": true, "select": true, "table": true, "to": true, "union": true, "user": true,
	"where": true, "with": true,
}
