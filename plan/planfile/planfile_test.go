package planfile

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/auroracfg/auroracfg/plan"
)

// TestRoundTrip: a saved plan reads back as it was written, with every
// action's typed change; a spec is not taken for a saved plan, and an old
// format is refused.
func TestRoundTrip(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "fixtures", "drift-and-ready.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p plan.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	f := New(&p, "test", []Spec{SpecOf("spec.yaml", []byte("version: 1\n"))}, Options{AllowReboot: true})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, ok, err := Read(buf.Bytes())
	if !ok || err != nil {
		t.Fatalf("Read: ok=%v err=%v", ok, err)
	}
	if diff := cmp.Diff(f, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if _, ok, _ := Read([]byte("version: 1\n")); ok {
		t.Errorf("a spec was taken for a saved plan")
	}
	if _, ok, err := Read([]byte(`{"kind": "auroracfg-plan", "planfile_version": "0"}`)); !ok || err == nil {
		t.Errorf("an old saved plan format was accepted")
	}
}

// TestCheckSpecs: specs are found relative to the saved plan, wherever
// apply runs; a spec that changed, or is gone, is named with its problem.
func TestCheckSpecs(t *testing.T) {
	planPath := "/work/plans/p.plan"
	if got := SpecPath(planPath, "/work/specs/a.yaml"); got != "../specs/a.yaml" {
		t.Errorf("SpecPath = %q, want ../specs/a.yaml", got)
	}
	f := New(&plan.Plan{}, "test", []Spec{SpecOf("../specs/a.yaml", []byte("a")), SpecOf("b.yaml", []byte("b"))}, Options{})
	files := map[string]string{"/work/specs/a.yaml": "a", "/work/plans/b.yaml": "b"}
	read := func(path string) ([]byte, error) {
		if c, ok := files[path]; ok {
			return []byte(c), nil
		}
		return nil, fs.ErrNotExist
	}
	if err := f.CheckSpecs(planPath, read); err != nil {
		t.Errorf("unchanged specs: %v", err)
	}
	files["/work/plans/b.yaml"] = "b, edited"
	if err := f.CheckSpecs(planPath, read); err == nil || err.Error() != "spec b.yaml changed since the plan was made" {
		t.Errorf("edited spec: %v", err)
	}
	delete(files, "/work/specs/a.yaml")
	want := "spec ../specs/a.yaml is not at /work/specs/a.yaml, where the saved plan expects it (next to the plan as when it was made)"
	if err := f.CheckSpecs(planPath, read); err == nil || err.Error() != want {
		t.Errorf("removed spec: %v, want %s", err, want)
	}
}
