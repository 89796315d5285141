package planfile

import (
	"bytes"
	"encoding/json"
	"errors"
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

// TestStaleSpec: a spec whose content changed, or that is gone, is named.
func TestStaleSpec(t *testing.T) {
	f := New(&plan.Plan{}, "test", []Spec{SpecOf("a.yaml", []byte("a")), SpecOf("b.yaml", []byte("b"))}, Options{})
	files := map[string]string{"a.yaml": "a", "b.yaml": "b"}
	read := func(path string) ([]byte, error) {
		if c, ok := files[path]; ok {
			return []byte(c), nil
		}
		return nil, errors.New("gone")
	}
	if got := f.StaleSpec(read); got != "" {
		t.Errorf("unchanged specs: %q is stale", got)
	}
	files["b.yaml"] = "b, edited"
	if got := f.StaleSpec(read); got != "b.yaml" {
		t.Errorf("edited spec: %q, want b.yaml", got)
	}
	delete(files, "a.yaml")
	if got := f.StaleSpec(read); got != "a.yaml" {
		t.Errorf("removed spec: %q, want a.yaml", got)
	}
}
