package schema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestExamplesStayValid loads every example spec and parses every example
// IAM policy, so that examples/ cannot rot.
func TestExamplesStayValid(t *testing.T) {
	specs, _ := filepath.Glob("../examples/*.yaml")
	if len(specs) < 2 {
		t.Fatalf("found %d example specs, want at least 2", len(specs))
	}
	for _, path := range specs {
		if _, err := Load(path); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	policies, _ := filepath.Glob("../examples/iam-*.json")
	for _, path := range policies {
		data, err := os.ReadFile(path)
		var doc struct {
			Version   string
			Statement []struct{ Effect string }
		}
		if err == nil {
			err = json.Unmarshal(data, &doc)
		}
		if err != nil || doc.Version != "2012-10-17" || len(doc.Statement) == 0 {
			t.Errorf("%s: not an IAM policy document: %v", path, err)
		}
	}
}
