package plan

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestDigestIgnoresRowOrderButSeesChanges(t *testing.T) {
	a, b := converged(), converged()
	b.Tables[0], b.Tables[1] = b.Tables[1], b.Tables[0]
	b.Schemas[0], b.Schemas[1] = b.Schemas[1], b.Schemas[0]
	if Digest(a) != Digest(b) {
		t.Errorf("digest depends on row order")
	}
	b.Tables[0].UserSelect = !b.Tables[0].UserSelect
	if Digest(a) == Digest(b) {
		t.Errorf("digest did not change when a grant changed")
	}
}

func TestPlanFileRoundTrip(t *testing.T) {
	p := renderPlan()
	f := NewPlanFile(p, "test", []SpecFile{{Path: "spec.yaml", SHA256: "abc"}}, SavedOption{AllowReboot: true})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, ok, err := ReadPlanFile(buf.Bytes())
	if !ok || err != nil {
		t.Fatalf("ReadPlanFile: ok=%v err=%v", ok, err)
	}
	// Checks are not saved: apply re-observes and derives them again.
	if diff := cmp.Diff(f, got, cmpopts.IgnoreFields(SourcePlan{}, "Checks")); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if _, ok, _ := ReadPlanFile([]byte("version: 1\n")); ok {
		t.Errorf("a spec was taken for a saved plan")
	}
	if _, ok, err := ReadPlanFile([]byte(`{"kind": "auroracfg-plan", "planfile_version": "0"}`)); !ok || err == nil {
		t.Errorf("an old saved plan format was accepted")
	}
}
