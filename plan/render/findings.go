package render

import (
	"fmt"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
)

// findingWords are a finding's message and fix: worded from its fact, or
// the words it carries (findings not moved to facts yet).
func findingWords(f plan.Finding) (message, fix string) {
	if f.Fact == nil {
		return f.Message, f.Fix
	}
	if message, fix, ok := serverFindingWords(f.Fact); ok {
		return message, fix
	}
	return reasonWords(f.Fact), "" // a fact without finding words: TestEveryFactIsWorded fails on it
}

func serverFindingWords(r plan.Reason) (message, fix string, ok bool) {
	q := plan.QuoteIdent
	switch r := r.(type) {
	case plan.ServerTooOld:
		return fmt.Sprintf("PostgreSQL %s is not supported: ClickPipes needs PostgreSQL 12 or later", plan.VersionString(r.Version)),
			"upgrade the server to PostgreSQL 12 or later", true
	case plan.IsStandby:
		return "the server is a standby (pg_is_in_recovery() is true): publications, grants and slots are made on the primary, and ClickPipes needs the primary",
			"connect to the primary (on Aurora the cluster's writer endpoint)", true
	case plan.BeingApplied:
		who := fmt.Sprintf("pid %d", r.PID)
		if r.Application != "" {
			who += ", " + r.Application
		}
		if r.Since != "" {
			who += ", since " + r.Since
		}
		return fmt.Sprintf("source %s is being applied by another process (%s): what it shows now is that apply's unfinished work, not drift", r.Source, who),
			"plan again once that apply has finished", true
	case plan.AdminIsUser:
		return fmt.Sprintf("auroracfg connects as %s, which is the replication user itself: it never changes the role it connects as (its password, attributes and grants would be reset)", q(r.Admin)),
			"connect as another admin (admin.user, or PGUSER when it comes from the environment), or name another user.name", true
	case plan.WalLevelNotLogical:
		return fmt.Sprintf("wal_level is %s, want logical: logical replication cannot start", r.WalLevel),
			"run ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL (auroracfg does not restart servers it does not manage)", true
	case plan.TooFewWalSenders:
		return fmt.Sprintf("max_wal_senders is %d, want at least 2", r.MaxWalSenders), "run ALTER SYSTEM SET max_wal_senders = 10; then restart PostgreSQL", true
	case plan.SchemaMissing:
		return fmt.Sprintf("schema %s (scope %s) does not exist in database %s: nothing in it is granted or published until it does",
			q(r.Schema), strings.Join(r.Scopes, ", "), q(r.Database)), "", true
	case plan.OwnerMissing:
		return fmt.Sprintf("role %s (futureTablesOwnedBy) does not exist: no default privileges are set for it", q(r.Owner)), "", true
	}
	return "", "", false
}
