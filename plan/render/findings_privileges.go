package render

import (
	"fmt"

	"github.com/auroracfg/auroracfg/plan"
)

// The words of the admin-privilege findings.

// Fixes for the usual refusals of the admin's privileges.
const (
	fixRunAsSuperuser = "run this once as a superuser (or have a DBA run it); auroracfg keeps the rest converged without one"
	fixOwnerMember    = "make auroracfg's admin a member of the owning role (GRANT owner TO admin; on PostgreSQL 16+ WITH INHERIT TRUE), or run apply as the owner"
)

// adminCannotWords name the action the admin cannot run by what it does.
func adminCannotWords(c plan.AdminCannot, actions []plan.Action) (message, fix string) {
	doing := c.Action
	for _, a := range actions {
		if a.ID == c.Action {
			doing = summaryText(a)
		}
	}
	why, fix := adminRefusalWords(c)
	return fmt.Sprintf("the admin %s cannot %s: %s", plan.QuoteIdent(c.Admin), doing, why), fix
}

func privilegeFindingWords(r plan.Reason) (message, fix string, ok bool) {
	c, ok := r.(plan.AdminCannot)
	if !ok {
		return "", "", false
	}
	message, fix = adminCannotWords(c, nil)
	return message, fix, true
}

// adminRefusalWords say why the server would refuse the action, and the fix.
func adminRefusalWords(c plan.AdminCannot) (why, fix string) {
	q := plan.QuoteIdent
	switch c.Refusal {
	case plan.RefusedNeedsCreateRole:
		return "creating or altering roles needs CREATEROLE", fixRunAsSuperuser
	case plan.RefusedReplicationOnCreate:
		return fmt.Sprintf("on PostgreSQL %d creating a role with REPLICATION needs a superuser", c.Major), fixRunAsSuperuser
	case plan.RefusedReplicationOnAlter:
		return fmt.Sprintf("on PostgreSQL %d altering a role with REPLICATION needs a superuser", c.Major), fixRunAsSuperuser
	case plan.RefusedReplicationNeedsOwn:
		return "on PostgreSQL 16+ only a role with REPLICATION may give REPLICATION", fixRunAsSuperuser
	case plan.RefusedAlterNeedsAdminOption:
		return fmt.Sprintf("on PostgreSQL 16+ altering %s needs CREATEROLE and ADMIN OPTION on it", q(c.Role)),
			fmt.Sprintf("GRANT %s TO %s WITH ADMIN OPTION as a superuser (a role the admin created has it already), or run this once as a superuser", q(c.Role), q(c.Admin))
	case plan.RefusedSchemaGrant:
		return fmt.Sprintf("it neither has the privileges of the owner of schema %s nor holds USAGE WITH GRANT OPTION there", plan.QuoteAll(c.Schemas)), fixOwnerMember
	case plan.RefusedTableGrant:
		return "it neither has the privileges of the owner of " + plan.ListTables(c.Tables) + " nor holds SELECT WITH GRANT OPTION", fixOwnerMember
	case plan.RefusedDefaultsNeedInherit:
		return fmt.Sprintf("on PostgreSQL 16+ ALTER DEFAULT PRIVILEGES FOR ROLE %s needs the privileges of %s (membership WITH INHERIT TRUE)", q(c.Owner), q(c.Owner)),
			fmt.Sprintf("GRANT %s TO %s WITH INHERIT TRUE, or run apply as %s", q(c.Owner), q(c.Admin), q(c.Owner))
	case plan.RefusedDefaultsNeedMembership:
		return fmt.Sprintf("ALTER DEFAULT PRIVILEGES FOR ROLE %s needs membership in %s", q(c.Owner), q(c.Owner)),
			fmt.Sprintf("GRANT %s TO %s, or run apply as %s", q(c.Owner), q(c.Admin), q(c.Owner))
	case plan.RefusedTableOwner:
		return "ALTER TABLE needs the privileges of the owner of " + plan.ListTables(c.Tables), fixOwnerMember
	case plan.RefusedAllTablesPublication:
		return "a FOR ALL TABLES publication needs a superuser", fixRunAsSuperuser
	case plan.RefusedSchemaPublication:
		return "publishing whole schemas (FOR TABLES IN SCHEMA) needs a superuser", fixRunAsSuperuser
	case plan.RefusedCreateOnDatabase:
		return "CREATE PUBLICATION needs CREATE on the database", fmt.Sprintf("GRANT CREATE ON DATABASE %s TO %s", q(c.Database), q(c.Admin))
	case plan.RefusedListedTablesOwner:
		return "publishing a table in a list needs the privileges of its owner, which it lacks for " + plan.ListTables(c.Tables), fixOwnerMember
	case plan.RefusedPublicationOwner:
		return "ALTER PUBLICATION needs the privileges of the publication's owner",
			"have the publication's owner or a superuser run it, or ALTER PUBLICATION … OWNER TO the admin"
	case plan.RefusedDropSlotNeedReplication:
		return "dropping a replication slot needs a superuser or the REPLICATION attribute", fixRunAsSuperuser
	}
	return string(c.Refusal), ""
}
