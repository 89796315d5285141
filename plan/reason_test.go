package plan

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Every registered fact survives a saved plan, with its operands; a saved
// plan written before reasons were facts keeps its words as Said.
func TestReasonsInASavedPlan(t *testing.T) {
	facts := append(ReasonZeros(), TargetStale{TargetGroup: "tg", Stale: []string{"10.0.0.1:5432"}, Writer: "w", Target: "10.0.0.2:5432"},
		SettingDiffers{Name: "wal_sender_timeout", Want: "0"})
	a := Action{ID: "a", Source: "s", Op: OpCreate, Risk: RiskSafe, Change: CreateRole{Role: "cp"}, Why: facts}
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back Action
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(facts, back.Why); diff != "" {
		t.Errorf("facts after a saved plan (-want +got):\n%s", diff)
	}

	old := `{"id":"a","source":"s","action":"create-role","op":"create","risk":"safe","summary":"create role cp","reason":"role cp does not exist","depends_on":null,"role":"cp"}`
	if err := json.Unmarshal([]byte(old), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Reason{Said{Text: "role cp does not exist"}}, back.Why); diff != "" {
		t.Errorf("an older saved plan's reason (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"id":"a","action":"create-role","why":[{"code":"from-the-future"}]}`), &back); err == nil {
		t.Error("an unknown reason code was accepted")
	}
}
