package render

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/auroracfg/auroracfg/internal/tftest"
)

// TestAWSHCLPassesTerraformValidate: every golden of plan --format
// terraform is valid for the real terraform and AWS provider.
func TestAWSHCLPassesTerraformValidate(t *testing.T) {
	goldens, _ := filepath.Glob("testdata/plan*.tf")
	if len(goldens) < 3 {
		t.Fatalf("found %d plan goldens, want the public, endpoint-service and resource ones", len(goldens))
	}
	dir := tftest.New(t)
	for _, path := range goldens {
		hcl, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := dir.Validate(t, hcl); err != nil {
			t.Errorf("terraform validate %s: %v", path, err)
		}
	}
}
