package plan

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// Change is what one action does, with exactly the payload it needs. Each
// kind of change is a type of its own (change_*.go) that says everything
// about itself: its kind name, the edge that runs it, the readiness checks
// it makes pass, and its place in the flat payload of the JSON plan. Adding
// a kind is that type, the diff that emits it and the edge that executes it
// (a type switch there); nothing else lists kinds.
type Change interface {
	// Kind is the change's name in plans ("create-role").
	Kind() Kind
	// Edge is where it runs.
	Edge() Edge
	// Serves are the ids of the readiness checks it makes pass.
	Serves() []string
	// Fields is its payload in the flat form of the JSON plan and saved
	// plans (format version 1).
	Fields() Fields
	// sealed keeps Change to this package's types, as Atlas seals its
	// schema changes: every kind is registered here (registerKind), so the
	// executors' type switches can be checked against Kinds.
	sealed()
}

// Kind names a kind of change.
type Kind string

// Edge is where a change runs.
type Edge string

// Edges.
const (
	EdgePostgres Edge = "postgresql" // in the apply's transaction on the database
	EdgeAWS      Edge = "aws"        // an AWS API call, at once
)

// Fields is the flat payload of an action in format version 1 of the JSON
// plan and of saved plans: every kind's fields side by side, each kind
// filling its own. It exists for those two formats only; code reads the
// typed change.
type Fields struct {
	Role            string      `json:"role,omitempty"`
	Attributes      []string    `json:"attributes,omitempty"`
	Owner           string      `json:"owner,omitempty"`
	Schemas         []string    `json:"schemas,omitempty"`
	Tables          []TableName `json:"tables,omitempty"`
	Publication     string      `json:"publication,omitempty"`
	AllTables       bool        `json:"all_tables,omitempty"`
	ViaRoot         bool        `json:"publish_via_partition_root,omitempty"`
	GeneratedStored bool        `json:"publish_generated_columns_stored,omitempty"`
	Index           string      `json:"index,omitempty"`
	GrantedRole     string      `json:"granted_role,omitempty"`
	Slot            string      `json:"slot,omitempty"`

	Cluster           string      `json:"cluster,omitempty"`
	Instances         []string    `json:"instances,omitempty"`
	ParameterGroup    string      `json:"parameter_group,omitempty"`
	Family            string      `json:"family,omitempty"`
	Parameters        []Parameter `json:"parameters,omitempty"`
	SecurityGroup     string      `json:"security_group,omitempty"`
	SecurityGroupName string      `json:"security_group_name,omitempty"`
	VpcID             string      `json:"vpc_id,omitempty"`
	CIDRs             []string    `json:"cidrs,omitempty"`
	Port              int         `json:"port,omitempty"`
	Description       string      `json:"description,omitempty"`
	RuleIDs           []string    `json:"rule_ids,omitempty"`

	Name                  string   `json:"name,omitempty"`
	LoadBalancer          string   `json:"load_balancer,omitempty"`
	TargetGroup           string   `json:"target_group,omitempty"`
	Subnets               []string `json:"subnets,omitempty"`
	SecurityGroups        []string `json:"security_groups,omitempty"`
	TargetIP              string   `json:"target_ip,omitempty"`
	StaleTargets          []string `json:"stale_targets,omitempty"`
	Principals            []string `json:"principals,omitempty"`
	AddRegions            []string `json:"add_regions,omitempty"`
	RemoveRegions         []string `json:"remove_regions,omitempty"`
	Endpoints             []string `json:"endpoints,omitempty"`
	ResourceGateway       string   `json:"resource_gateway,omitempty"`
	ResourceConfiguration string   `json:"resource_configuration,omitempty"`
	ResourceARN           string   `json:"resource_arn,omitempty"`
	GlobalCluster         string   `json:"global_cluster,omitempty"`
}

// decoders turn a saved plan's flat payload back into a typed change; each
// kind registers its own (registerKind, in its file).
var decoders = map[Kind]func(Fields) Change{}

// Kinds are every registered kind of change, sorted.
func Kinds() []Kind {
	return slices.Sorted(maps.Keys(decoders))
}

// ZeroChange is a change of kind k with no payload: its type, for checks
// over every kind (which edge runs it, which executor case handles it).
func ZeroChange(k Kind) (Change, bool) {
	decode, ok := decoders[k]
	if !ok {
		return nil, false
	}
	return decode(Fields{}), true
}

func registerKind(k Kind, decode func(Fields) Change) {
	if _, dup := decoders[k]; dup {
		panic("plan: kind registered twice: " + string(k))
	}
	decoders[k] = decode
}

// actionJSON is an action in a saved plan: the common fields, then the
// change's flat payload under its kind, in the field order of format 1.
type actionJSON struct {
	ID        string   `json:"id"`
	Source    string   `json:"source"`
	Kind      Kind     `json:"action"`
	Op        Op       `json:"op"`
	Risk      Risk     `json:"risk"`
	Summary   string   `json:"summary"`
	Reason    string   `json:"reason"`
	DependsOn []string `json:"depends_on"`
	BlockedBy []string `json:"blocked_by,omitempty"`
	Fields
	Gate      string `json:"gate,omitempty"`
	Unmanaged bool   `json:"unmanaged,omitempty"`
}

// MarshalJSON writes the action in the saved-plan form.
func (a Action) MarshalJSON() ([]byte, error) {
	return json.Marshal(actionJSON{ID: a.ID, Source: a.Source, Kind: a.Kind(), Op: a.Op, Risk: a.Risk,
		Summary: a.Summary, Reason: a.Reason, DependsOn: a.DependsOn, BlockedBy: a.BlockedBy,
		Fields: a.Change.Fields(), Gate: a.Gate, Unmanaged: a.Unmanaged})
}

// UnmarshalJSON reads an action of a saved plan; an unknown kind is an
// error (a plan from a newer auroracfg).
func (a *Action) UnmarshalJSON(data []byte) error {
	var j actionJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	decode, ok := decoders[j.Kind]
	if !ok {
		return fmt.Errorf("action %s: unknown kind %q", j.ID, j.Kind)
	}
	*a = Action{ID: j.ID, Source: j.Source, Op: j.Op, Risk: j.Risk, Summary: j.Summary, Reason: j.Reason,
		DependsOn: j.DependsOn, BlockedBy: j.BlockedBy, Gate: j.Gate, Unmanaged: j.Unmanaged, Change: decode(j.Fields)}
	return nil
}
