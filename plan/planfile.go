package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
)

// PlanFileVersion is the version of the saved-plan format; a file of another
// version is refused.
const PlanFileVersion = "1"

// planFileKind marks a saved plan, so apply can tell it from a spec.
const planFileKind = "auroracfg-plan"

// PlanFile is a saved plan: what to do, and what it was computed from. It
// holds names and references only, never a secret value.
type PlanFile struct {
	Kind             string      `json:"kind"`
	PlanFileVersion  string      `json:"planfile_version"`
	AuroracfgVersion string      `json:"auroracfg_version"`
	Specs            []SpecFile  `json:"specs"`
	Options          SavedOption `json:"options"`
	Plan             Plan        `json:"plan"`
}

// SpecFile is a spec the plan was computed from, with its content's digest.
type SpecFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// SavedOption are the run options the plan was computed with.
type SavedOption struct {
	AllowReboot bool     `json:"allow_reboot,omitempty"`
	Prune       bool     `json:"prune,omitempty"`
	Sources     []string `json:"sources,omitempty"`
}

// NewPlanFile wraps a plan for saving.
func NewPlanFile(p *Plan, version string, specs []SpecFile, opts SavedOption) *PlanFile {
	return &PlanFile{Kind: planFileKind, PlanFileVersion: PlanFileVersion, AuroracfgVersion: version, Specs: specs, Options: opts, Plan: *p}
}

// Write saves the plan file as JSON.
func (f *PlanFile) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(f)
}

// ReadPlanFile reads a saved plan. ok is false when data is not a saved
// plan at all (a spec, say); err reports a saved plan that cannot be used.
func ReadPlanFile(data []byte) (f *PlanFile, ok bool, err error) {
	var probe struct {
		Kind string `json:"kind"`
	}
	if json.Unmarshal(data, &probe) != nil || probe.Kind != planFileKind {
		return nil, false, nil
	}
	f = &PlanFile{}
	if err := json.Unmarshal(data, f); err != nil {
		return nil, true, fmt.Errorf("read saved plan: %w", err)
	}
	if f.PlanFileVersion != PlanFileVersion {
		return nil, true, fmt.Errorf("saved plan format %q is not supported (this auroracfg reads %q): run plan again", f.PlanFileVersion, PlanFileVersion)
	}
	return f, true, nil
}

// Digest fingerprints an observed state, independent of the order the
// catalog returned rows in. Apply compares it to refuse a stale saved plan.
func Digest(o *Observed) string {
	c := *o
	c.Tables = append([]Table(nil), o.Tables...)
	sort.Slice(c.Tables, func(i, j int) bool { return c.Tables[i].less(c.Tables[j].TableName) })
	c.Schemas = append([]SchemaState(nil), o.Schemas...)
	sort.Slice(c.Schemas, func(i, j int) bool { return c.Schemas[i].Name < c.Schemas[j].Name })
	c.Roles = sortedCopy(o.Roles)
	c.DefaultGrants = append([]DefaultGrant(nil), o.DefaultGrants...)
	sort.Slice(c.DefaultGrants, func(i, j int) bool {
		a, b := c.DefaultGrants[i], c.DefaultGrants[j]
		return a.Owner < b.Owner || (a.Owner == b.Owner && a.Schema < b.Schema)
	})
	if o.User != nil {
		u := *o.User
		u.MemberOf = sortedCopy(u.MemberOf)
		c.User = &u
	}
	if o.Publication != nil {
		p := *o.Publication
		p.Schemas = sortedCopy(p.Schemas)
		p.Tables = append([]TableName(nil), p.Tables...)
		sort.Slice(p.Tables, func(i, j int) bool { return p.Tables[i].less(p.Tables[j]) })
		c.Publication = &p
	}
	data, _ := json.Marshal(c) // maps marshal with sorted keys
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
