package postgres

import (
	"testing"

	"github.com/auroracfg/auroracfg/internal/kindcheck"
	"github.com/auroracfg/auroracfg/plan"
)

// TestEveryPostgresKindHasAStatement: statements() has a case for every
// kind that runs in the transaction, and only those.
func TestEveryPostgresKindHasAStatement(t *testing.T) {
	kindcheck.Exhaustive(t, plan.EdgePostgres, "statements.go")
}
