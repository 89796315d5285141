package plan

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFindingIDs: a finding's id is its code and subject; a saved plan's
// finding reads back with both, even when the subject holds "/" (an
// action id).
func TestFindingIDs(t *testing.T) {
	for _, f := range []Finding{
		{Code: FindingStandby, Severity: SeverityBlocker, Message: "m"},
		{Code: FindingMissingSchema, Subject: "billing", Severity: SeverityWarning, Message: "m", Fix: "f"},
		{Code: FindingPrivilege, Subject: "publication/clickpipes_publication/add", Severity: SeverityBlocker, Message: "m"},
	} {
		data, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		var back Finding
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(f, back); diff != "" {
			t.Errorf("%s (-saved +read):\n%s", f.ID(), diff)
		}
	}
	if got := (Finding{Code: FindingDropSlot, Subject: "old"}).ID(); got != "drop-slot/old" {
		t.Errorf("id = %q, want drop-slot/old", got)
	}
}
