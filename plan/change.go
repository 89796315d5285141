package plan

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/auroracfg/auroracfg/plan/jsonplan"
)

// Change is what one action does, with exactly the payload it needs. Each
// kind of change is a type of its own (change_*.go) that says everything
// about itself: its kind name, the edge that runs it, the readiness checks
// it makes pass, and (its json tags) its payload in the JSON plan and saved
// plans, whose keys plan/jsonplan lists. Adding
// a kind is that type, the diff that emits it and the edge that executes it
// (a type switch there); nothing else lists kinds.
type Change interface {
	// Kind is the change's name in plans ("create-role").
	Kind() Kind
	// Edge is where it runs.
	Edge() Edge
	// Serves are the ids of the readiness checks it makes pass.
	Serves() []CheckID
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

// decoders turn a saved plan's action back into a typed change; each kind
// registers its own (registerKind, in its file).
var decoders = map[Kind]func([]byte) (Change, error){}

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
	c, err := decode([]byte("{}"))
	return c, err == nil
}

// format1Defaulter is a change whose payload in format 1 leaves out a field
// that has a default (a parameter group's scope: format 1 knows cluster
// groups only).
type format1Defaulter interface{ format1Defaults() }

// registerKind registers kind k as change type C, decoded from its payload
// by C's json tags (or its UnmarshalJSON).
func registerKind[C Change](k Kind) {
	if _, dup := decoders[k]; dup {
		panic("plan: kind registered twice: " + string(k))
	}
	decoders[k] = func(data []byte) (Change, error) {
		var c C
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, err
		}
		if d, ok := any(&c).(format1Defaulter); ok {
			d.format1Defaults()
		}
		return c, nil
	}
}

// MarshalJSON writes the action in the flat form of format 1: the
// envelope, then its change's payload (plan/jsonplan).
func (a Action) MarshalJSON() ([]byte, error) {
	why, err := MarshalWhy(a.Why)
	if err != nil {
		return nil, fmt.Errorf("action %s: %w", a.ID, err)
	}
	env := jsonplan.Envelope{ID: a.ID, Source: a.Source, Action: string(a.Kind()), Op: string(a.Op), Risk: string(a.Risk),
		Summary: a.Summary, Why: why, DependsOn: a.DependsOn, BlockedBy: a.BlockedBy}
	return jsonplan.MarshalAction(env, a.Change, jsonplan.Trailer{Gate: a.Gate, Unmanaged: a.Unmanaged})
}

// UnmarshalJSON reads an action of a saved plan; an unknown kind is an
// error (a plan from a newer auroracfg).
func (a *Action) UnmarshalJSON(data []byte) error {
	env, tr, err := jsonplan.UnmarshalAction(data)
	if err != nil {
		return err
	}
	decode, ok := decoders[Kind(env.Action)]
	if !ok {
		return fmt.Errorf("action %s: unknown kind %q", env.ID, env.Action)
	}
	change, err := decode(data)
	if err != nil {
		return fmt.Errorf("action %s: %w", env.ID, err)
	}
	why, err := unmarshalWhy(env.Why)
	if err != nil {
		return fmt.Errorf("action %s: %w", env.ID, err)
	}
	if len(why) == 0 && env.Reason != "" {
		why = []Reason{Said{Text: env.Reason}} // saved before reasons were facts
	}
	*a = Action{ID: env.ID, Source: env.Source, Op: Op(env.Op), Risk: Risk(env.Risk), Summary: env.Summary, Why: why,
		DependsOn: env.DependsOn, BlockedBy: env.BlockedBy, Gate: tr.Gate, Unmanaged: tr.Unmanaged, Change: change}
	return nil
}
