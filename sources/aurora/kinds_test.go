package aurora

import (
	"testing"

	"github.com/auroracfg/auroracfg/internal/kindcheck"
	"github.com/auroracfg/auroracfg/plan"
)

// TestEveryAWSKindIsExecuted: the Aurora executor's switches (exec.go, and
// endpointservice_exec.go, which dispatches both private paths) handle
// every kind that runs on AWS, and only those.
func TestEveryAWSKindIsExecuted(t *testing.T) {
	kindcheck.Exhaustive(t, plan.EdgeAWS, "exec.go", "endpointservice_exec.go")
}
