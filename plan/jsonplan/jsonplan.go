// Package jsonplan is the contract of the JSON plan, format_version "1":
// the document `plan --format json` writes and the action form saved plans
// share. Scripts and CI jobs read it, so it is written by types of its own
// and one step that joins an action's envelope (the fields every action
// has) and its kind's payload (the fields of that kind, from the change's
// own json tags) into one flat object. The model's structs can change
// without changing what consumers read; a payload key not listed here is an
// error, so a new field is a decision about the contract. This package
// knows nothing of the model: plan and plan/render both depend on it.
package jsonplan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// FormatVersion is the version of the JSON plan; bump it on any change a
// consumer must adapt to.
const FormatVersion = "1"

// PayloadKeys are every payload key format 1 has, in the order an action
// writes them (after its envelope, before its trailer). Kinds share keys
// of the same meaning: "cluster" is the cluster of every AWS change on one.
var PayloadKeys = []string{
	"role", "attributes", "owner", "schemas", "tables", "publication", "all_tables",
	"publish_via_partition_root", "publish_generated_columns_stored", "index", "granted_role", "slot",
	"cluster", "instances", "parameter_group", "family", "parameters", "security_group",
	"security_group_name", "vpc_id", "cidrs", "port", "description", "rule_ids",
	"name", "load_balancer", "target_group", "subnets", "security_groups", "target_ip", "stale_targets",
	"principals", "add_regions", "remove_regions", "endpoints", "resource_gateway",
	"resource_configuration", "resource_arn", "global_cluster",
}

// Envelope is what every action has, written first.
type Envelope struct {
	ID      string `json:"id"`
	Source  string `json:"source"`
	Action  string `json:"action"`
	Op      string `json:"op"`
	Risk    string `json:"risk"`
	Summary string `json:"summary"`
	Reason  string `json:"reason"`
	// Why are the reason's facts, each an object of its "code" and
	// operands (the words in Reason are written from them).
	Why       []json.RawMessage `json:"why,omitempty"`
	DependsOn []string          `json:"depends_on"`
	BlockedBy []string          `json:"blocked_by,omitempty"`
}

// Trailer is what an action may have, written last.
type Trailer struct {
	Gate      string `json:"gate,omitempty"`
	Unmanaged bool   `json:"unmanaged,omitempty"`
}

// MarshalAction is the flat object of one action: the envelope's members,
// the payload's in PayloadKeys order, then the trailer's. The payload must
// marshal to a JSON object whose keys are all in PayloadKeys.
func MarshalAction(env Envelope, payload any, tr Trailer) ([]byte, error) {
	members, err := payloadMembers(payload)
	if err != nil {
		return nil, fmt.Errorf("action %s (%s): %w", env.ID, env.Action, err)
	}
	var b bytes.Buffer
	for _, part := range []any{env, members, tr} {
		inner, err := objectMembers(part)
		if err != nil {
			return nil, err
		}
		if len(inner) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.Write(inner)
	}
	return append(append([]byte{'{'}, b.Bytes()...), '}'), nil
}

// UnmarshalAction reads an action's envelope and trailer; the payload is
// read from the same object by the kind's own decoder.
func UnmarshalAction(data []byte) (Envelope, Trailer, error) {
	var env Envelope
	var tr Trailer
	if err := json.Unmarshal(data, &env); err != nil {
		return env, tr, err
	}
	err := json.Unmarshal(data, &tr)
	return env, tr, err
}

// orderedMembers is payload members already in contract order.
type orderedMembers []byte

// payloadMembers is the payload's members, in PayloadKeys order.
func payloadMembers(payload any) (orderedMembers, error) {
	data, err := json.Marshal(payload)
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, fmt.Errorf("payload is not an object: %s", data)
	}
	var b bytes.Buffer
	for _, key := range PayloadKeys {
		raw, ok := fields[key]
		if !ok {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%s", key, raw)
		delete(fields, key)
	}
	if len(fields) > 0 {
		keys := slices.Sorted(maps.Keys(fields))
		return nil, fmt.Errorf("payload keys not in format %s: %s", FormatVersion, strings.Join(keys, ", "))
	}
	return orderedMembers(b.Bytes()), nil
}

// objectMembers is what is inside a JSON object's braces.
func objectMembers(v any) ([]byte, error) {
	if m, ok := v.(orderedMembers); ok {
		return m, nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return data[1 : len(data)-1], nil
}
