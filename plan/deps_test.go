package plan

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPureCore keeps plan and schema free of network and database code:
// they must be testable, and reasoned about, without any server.
func TestPureCore(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/auroracfg/auroracfg/plan", "github.com/auroracfg/auroracfg/schema").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/jackc/", "github.com/aws/", "net", "net/http", "crypto/tls", "database/sql", "os/exec"} {
			if dep == banned || (strings.HasSuffix(banned, "/") && strings.HasPrefix(dep, banned)) {
				t.Errorf("plan/schema depend on %s", dep)
			}
		}
	}
}
