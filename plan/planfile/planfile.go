// Package planfile is saved plans (plan -out FILE, apply FILE): what to do,
// and what it was computed from (the specs' digests, the run's options,
// each source's observed digest), in a format of its own version. A saved
// plan holds names and references only, never a secret value.
package planfile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"

	"github.com/auroracfg/auroracfg/plan"
)

// Version is the version of the saved-plan format; a file of another
// version is refused.
const Version = "1"

// kind marks a saved plan, so apply can tell it from a spec.
const kind = "auroracfg-plan"

// File is a saved plan.
type File struct {
	Kind             string    `json:"kind"`
	PlanFileVersion  string    `json:"planfile_version"`
	AuroracfgVersion string    `json:"auroracfg_version"`
	Specs            []Spec    `json:"specs"`
	Options          Options   `json:"options"`
	Plan             plan.Plan `json:"plan"`
}

// Spec is a spec the plan was computed from, with its content's digest.
// Path is relative to the saved plan's directory (Locate), so that the
// plan applies from any working directory.
type Spec struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// SpecOf is a spec file's entry in a saved plan.
func SpecOf(path string, content []byte) Spec {
	sum := sha256.Sum256(content)
	return Spec{Path: path, SHA256: hex.EncodeToString(sum[:])}
}

// Options are the run options the plan was computed with.
type Options struct {
	AllowReboot bool     `json:"allow_reboot,omitempty"`
	Prune       bool     `json:"prune,omitempty"`
	Sources     []string `json:"sources,omitempty"`
}

// New wraps a plan for saving.
func New(p *plan.Plan, version string, specs []Spec, opts Options) *File {
	return &File{Kind: kind, PlanFileVersion: Version, AuroracfgVersion: version, Specs: specs, Options: opts, Plan: *p}
}

// Write saves the plan file as JSON.
func (f *File) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(f)
}

// Read reads a saved plan. ok is false when data is not a saved plan at all
// (a spec, say); err reports a saved plan that cannot be used.
func Read(data []byte) (f *File, ok bool, err error) {
	var probe struct {
		Kind string `json:"kind"`
	}
	if json.Unmarshal(data, &probe) != nil || probe.Kind != kind {
		return nil, false, nil
	}
	f = &File{}
	if err := json.Unmarshal(data, f); err != nil {
		return nil, true, fmt.Errorf("read saved plan: %w", err)
	}
	if f.PlanFileVersion != Version {
		return nil, true, fmt.Errorf("saved plan format %q is not supported (this auroracfg reads %q): run plan again", f.PlanFileVersion, Version)
	}
	return f, true, nil
}

// SpecPath is how a saved plan at planPath records the spec at specPath
// (both absolute): relative to the plan's directory when it can be.
func SpecPath(planPath, specPath string) string {
	if rel, err := filepath.Rel(filepath.Dir(planPath), specPath); err == nil {
		return rel
	}
	return specPath
}

// Locate is where a spec of the saved plan at planPath (absolute) is.
func Locate(planPath string, s Spec) string {
	if filepath.IsAbs(s.Path) {
		return s.Path
	}
	return filepath.Join(filepath.Dir(planPath), s.Path)
}

// CheckSpecs says whether every spec is still where and what it was when
// the plan was made, reading them with read at their Locate path; the
// error says which spec and which problem (gone or changed).
func (f *File) CheckSpecs(planPath string, read func(path string) ([]byte, error)) error {
	for _, s := range f.Specs {
		at := Locate(planPath, s)
		content, err := read(at)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("spec %s is not at %s, where the saved plan expects it (next to the plan as when it was made)", s.Path, at)
		case err != nil:
			return fmt.Errorf("spec %s: %w", s.Path, err)
		case SpecOf(s.Path, content).SHA256 != s.SHA256:
			return fmt.Errorf("spec %s changed since the plan was made", s.Path)
		}
	}
	return nil
}
