package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/auroracfg/auroracfg/plan"
)

// findingWords are a finding's message and fix, worded from its fact (or
// the words a finding of an older saved plan carries); actions are its
// source's, which a finding about an action names.
func findingWords(f plan.Finding, actions []plan.Action) (message, fix string) {
	if f.Fact == nil {
		return f.Message, f.Fix
	}
	if c, ok := f.Fact.(plan.AdminCannot); ok {
		return adminCannotWords(c, actions)
	}
	for _, words := range findingWordsByDomain {
		if message, fix, ok := words(f.Fact); ok {
			return message, fix
		}
	}
	return reasonWords(f.Fact), "" // a fact without finding words: TestEveryFactIsWorded fails on it
}

// findingWordsByDomain word the facts of findings, a function a domain.
var findingWordsByDomain = []func(plan.Reason) (message, fix string, ok bool){serverFindingWords, preflightFindingWords, scopeFindingWords, publicationFindingWords, privilegeFindingWords, awsFindingWords, privateLinkFindingWords}

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

func preflightFindingWords(r plan.Reason) (message, fix string, ok bool) {
	q := plan.QuoteIdent
	hba := "allow the user's connections to this database in pg_hba.conf (logical replication connections match the database name, not the replication keyword)"
	switch r := r.(type) {
	case plan.PoolerInTheWay:
		return "the connection reached PostgreSQL through a pooler or proxy (the session's backend is not the process the server announced): logical replication does not work through poolers such as PgBouncer or RDS Proxy",
			"point connect.host and connect.port at PostgreSQL itself (on Aurora the cluster's writer endpoint)", true
	case plan.SendersBusy:
		return fmt.Sprintf("the replication connection as %s could not be tried: every WAL sender was taken at that moment (%s)", q(r.User), r.Error),
			"plan again; if it persists, raise max_wal_senders (each pipe holds a sender, and ClickPipes' validation needs one more)", true
	case plan.ReplicationRefused:
		message = fmt.Sprintf("a replication connection (replication=database, IDENTIFY_SYSTEM) as %s failed: %s; ClickPipes validates a source this way and will fail the same", q(r.User), r.Error)
		switch {
		case r.Cause == plan.RefusedPrivilege && r.Aurora:
			fix = fmt.Sprintf("the user lacks the replication privilege: GRANT rds_replication TO %s (apply does), and check that rds.logical_replication is on", q(r.User))
		case r.Cause == plan.RefusedPrivilege:
			fix = fmt.Sprintf("the user lacks the replication privilege: ALTER ROLE %s REPLICATION (apply does)", q(r.User))
		case r.Cause == plan.RefusedByHBA:
			fix = hba + ", then reload"
		default:
			fix = hba + ", check that max_wal_senders has a free sender, and connect without a pooler or proxy"
		}
		return message, fix, true
	case plan.LoginDenied:
		return fmt.Sprintf("logging in as %s was refused: ClickPipes will be refused the same way", q(r.User)),
			"allow the user in pg_hba.conf (and for replication connections), then reload", true
	case plan.SlotsFull:
		fix = "raise max_replication_slots (a restart) or drop a slot nothing uses (auroracfg apply --drop-slot NAME)"
		if r.Aurora {
			fix = "raise max_replication_slots in the cluster parameter group (a reboot) or drop a slot nothing uses (auroracfg apply --drop-slot NAME)"
		}
		return fmt.Sprintf("all %d replication slots (max_replication_slots) are in use: ClickPipes cannot create its slot", r.MaxReplicationSlots), fix, true
	case plan.SlotInactive:
		slot := plan.Slot{Name: r.Slot, Type: r.Type, Plugin: r.Plugin, Database: r.Database}
		message = fmt.Sprintf("replication slot %s (%s) is inactive and retains %s of WAL: the WAL grows until a consumer returns or the slot is dropped",
			r.Slot, slotDescription(slot), plan.FormatBytes(r.RetainedBytes))
		if r.Lost {
			message = fmt.Sprintf("replication slot %s (%s) is lost: the WAL it needed was removed, so a pipe on it must resync", r.Slot, slotDescription(slot))
		}
		return message, fmt.Sprintf("if nothing will consume it again: auroracfg apply --drop-slot %s", r.Slot), true
	case plan.SlotWalUnbounded:
		return "max_slot_wal_keep_size is -1 (unbounded): a paused or lagging pipe's slot keeps WAL until the disk fills", slotWalFix(r.Aurora), true
	case plan.SlotWalLow:
		return fmt.Sprintf("max_slot_wal_keep_size is %s, below the guide's 100 GB: a lagging pipe's slot may be invalidated, which forces a full resync", plan.FormatBytes(r.KeepMB<<20)),
			slotWalFix(r.Aurora), true
	case plan.IdleSlotTimeoutShort:
		fix = "ALTER SYSTEM SET idle_replication_slot_timeout = 0; SELECT pg_reload_conf(); (0 turns it off; or at least '1d', longer than any pause of a pipe)"
		if r.Aurora {
			fix = "set idle_replication_slot_timeout to 0 (off) or at least a day (in seconds) in the cluster parameter group"
		}
		return fmt.Sprintf("idle_replication_slot_timeout is %s: a pipe paused longer than that loses its replication slot, which forces a full resync", shortDuration(r.Seconds)), fix, true
	case plan.DropSlotMissing:
		return fmt.Sprintf("there is no replication slot %s: nothing to drop", r.Slot), "", true
	case plan.DropSlotActive:
		return fmt.Sprintf("replication slot %s is active (a consumer is reading it): auroracfg drops only inactive slots", r.Slot),
			"stop its consumer first, or leave the slot alone", true
	case plan.WideFullIdentity:
		wide := make([]string, len(r.Tables))
		for i, t := range r.Tables {
			size := fmt.Sprintf("%d columns", t.Columns)
			if t.RowBytes > 0 {
				size += ", about " + plan.FormatBytes(t.RowBytes) + " a row"
			}
			wide[i] = fmt.Sprintf("%s (%s)", t.Table, size)
		}
		return "REPLICA IDENTITY FULL writes the whole old row to WAL on every UPDATE and DELETE, and ClickPipes uses every column as the key: " + strings.Join(wide, ", "),
			"give these tables a primary key (then ALTER TABLE … REPLICA IDENTITY DEFAULT)", true
	case plan.PublicCanCreate:
		return fmt.Sprintf("PUBLIC can create tables in schema %s (the default for schema public before PostgreSQL 15): any role that can connect to the database can create tables there that %s cannot read (and the pipe will fail on them) until the next apply",
				plan.QuoteAll(r.Schemas), q(r.User)),
			fmt.Sprintf("REVOKE CREATE ON SCHEMA %s FROM PUBLIC (PostgreSQL 15's default), grant CREATE to the roles that create tables, and list them in futureTablesOwnedBy",
				plan.QuoteAll(r.Schemas)), true
	case plan.CreatorNotOwner:
		return fmt.Sprintf("role %s can create tables in schema %s but is not in futureTablesOwnedBy: tables it creates will be unreadable by %s (and the pipe will fail on them) until the next apply",
				q(r.Role), plan.QuoteAll(r.Schemas), q(r.User)),
			fmt.Sprintf("add %s to futureTablesOwnedBy of the scope, or set futureTablesOwnedByAllCreators: true", q(r.Role)), true
	}
	return "", "", false
}

func slotWalFix(aurora bool) string {
	if aurora {
		return "set parameterGroup.maxSlotWalKeepSize (MB, e.g. 204800) in the spec: auroracfg sets it in the cluster parameter group, no reboot"
	}
	return "ALTER SYSTEM SET max_slot_wal_keep_size = '200GB'; SELECT pg_reload_conf(); (a reload, no restart; size it at 2-3 days of peak WAL)"
}

// slotDescription is a slot's type, plugin and database.
func slotDescription(s plan.Slot) string {
	parts := []string{s.Type}
	if s.Plugin != "" {
		parts = append(parts, s.Plugin)
	}
	if s.Database != "" {
		parts = append(parts, "database "+plan.QuoteIdent(s.Database))
	}
	return strings.Join(parts, ", ")
}

// shortDuration renders seconds as 1h, 1h30m, 45s.
func shortDuration(seconds int64) string {
	s := (time.Duration(seconds) * time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func scopeFindingWords(r plan.Reason) (message, fix string, ok bool) {
	q := plan.QuoteIdent
	switch r := r.(type) {
	case plan.EmptyScope:
		message = fmt.Sprintf("scope %s: none of its schemas (%s) exists in database %s: its publication would replicate nothing",
			r.Scope, plan.QuoteAll(r.Schemas), q(r.Database))
		fix = "create the schemas, or correct the scope's include (PostgreSQL schema names are exact)"
		if len(r.OtherCase) > 0 {
			hints := plan.QuoteAll(r.OtherCase)
			message += "; did you mean " + hints + "?"
			fix = "write the schema names as PostgreSQL has them in the scope's include: " + hints
		}
		return message, fix, true
	case plan.NothingToPublish:
		return fmt.Sprintf("publication %s would publish no table: the schemas %s of %s %s hold none, so a pipe on it would replicate nothing",
				q(r.Publication), plan.QuoteAll(r.Schemas), plan.Plural(len(r.Scopes), "scope", "scopes"), strings.Join(r.Scopes, ", ")),
			"create the tables to replicate, or add the schemas that hold them to the scope; the source is ready once a table is published", true
	case plan.RowSecurity:
		return "row-level security is on for these tables: the pipe's initial load reads only the rows the user's policies allow, and says nothing of the rest: " + plan.ListTables(r.Tables),
			fmt.Sprintf("add a policy that lets %s read every row, or ALTER ROLE %s BYPASSRLS, or leave the tables out", q(r.User), q(r.User)), true
	case plan.GeneratedKey:
		return "a generated column is in the primary key of these tables, and logical replication before PostgreSQL 18 does not carry generated columns: changes would arrive without their key: " + plan.ListTables(r.Tables),
			"make the primary key of columns that are not generated (PostgreSQL 18 can publish stored generated columns, and auroracfg then does)", true
	case plan.DottedNames:
		return "ClickPipes cannot replicate tables whose schema or table name contains \".\": " + plan.ListTables(r.Tables),
			"rename them (ALTER TABLE … RENAME, ALTER SCHEMA … RENAME), or leave them out", true
	case plan.UnloggedTables:
		return "unlogged tables write no WAL, so no publication can carry them and the pipe will not replicate them: " + plan.ListTables(r.Tables),
			"ALTER TABLE … SET LOGGED for each one the pipe needs (a rewrite of the table), or leave them out", true
	case plan.PartitionsOutOfScope:
		parts := make([]string, len(r.Partitions))
		for i, p := range r.Partitions {
			parts[i] = fmt.Sprintf("%s (of %s)", p.Table, p.Root)
		}
		return "on PostgreSQL 12 a publication lists partitions, not partitioned tables, and these partitions of tables in scope are in schemas out of scope: rows written to them would never reach the pipe: " + strings.Join(parts, ", "),
			"add their schemas to the scope's include list, or move the partitions into a scoped schema (ALTER TABLE … SET SCHEMA)", true
	case plan.UnreadableElsewhere:
		return "the publication publishes every table (tables: all), and the user cannot read these outside the scope, so the pipe's initial load of them fails: " + plan.ListTables(r.Tables),
			"add their schemas to the scope (auroracfg then grants SELECT on them), or publish the scoped schemas only (publication.tables: schemas)", true
	case plan.PasswordExpired:
		return fmt.Sprintf("the password of %s expired at %s (VALID UNTIL): no login works, whatever the password", q(r.User), r.ValidUntil),
			fmt.Sprintf("ALTER ROLE %s VALID UNTIL 'infinity' (or a later date); auroracfg does not change an expiry someone set", q(r.User)), true
	case plan.UserPowers:
		no := make([]string, len(r.Powers))
		for i, p := range r.Powers {
			no[i] = "NO" + p
		}
		return fmt.Sprintf("%s has %s: more than a pipe needs, and the pipe's credentials carry it (least privilege)", q(r.User), strings.Join(r.Powers, ", ")),
			fmt.Sprintf("ALTER ROLE %s %s, unless something else needs them", q(r.User), strings.Join(no, " ")), true
	}
	return "", "", false
}

func publicationFindingWords(r plan.Reason) (message, fix string, ok bool) {
	q := plan.QuoteIdent
	switch r := r.(type) {
	case plan.PublicationForm:
		have, want := "a list of tables or schemas", "all tables"
		if r.HasAllTables {
			have, want = "all tables", "the scoped schemas only"
		}
		return fmt.Sprintf("publication %s publishes %s, the spec wants %s", q(r.Publication), have, want),
			"change the spec's publication.tables, or drop the publication and apply again (a recreated publication forces every pipe on it to resync)", true
	case plan.ViaRootAdvice:
		return fmt.Sprintf("publication %s (for all tables) publishes partitions under their own names: ClickPipes then sees each partition as a table of its own", q(r.Publication)),
			fmt.Sprintf("to see one table per partitioned table: ALTER PUBLICATION %s SET (publish_via_partition_root = true), then resync the pipes on it (disruptive)", q(r.Publication)), true
	case plan.PublishedInPart:
		return publishedInPartWords(r)
	case plan.NoIdentity:
		return noIdentityWords(r)
	case plan.VirtualInIdentity:
		message = "on PostgreSQL 18, publishing tables whose replica identity would hold a virtual generated column (no publication can publish one) would make PostgreSQL reject their UPDATE and DELETE: "
		if r.FailingNow {
			message = "UPDATE and DELETE are failing now on published tables whose replica identity holds a virtual generated column, which no publication can publish: "
		}
		parts := make([]string, len(r.Tables))
		for i, g := range r.Tables {
			parts[i] = fmt.Sprintf("%s (%s)", g.Table, strings.Join(g.Columns, ", "))
		}
		return message + strings.Join(parts, ", "),
			"give each table a primary key, or a unique index on NOT NULL columns that are not generated " +
				"(auroracfg then makes it the replica identity), or make the virtual columns STORED", true
	}
	return "", "", false
}

func publishedInPartWords(r plan.PublishedInPart) (message, fix string, ok bool) {
	name := plan.QuoteIdent(r.Publication)
	var parts, fixes []string
	if len(r.Unpublished) > 0 {
		parts = append(parts, fmt.Sprintf("it does not publish %s (the pipe would never see them)", strings.Join(r.Unpublished, ", ")))
	}
	if len(r.RowFiltered) > 0 {
		parts = append(parts, "a row filter (WHERE) leaves out rows of "+plan.ListTables(r.RowFiltered))
	}
	if len(r.ColumnListed) > 0 {
		parts = append(parts, "a column list leaves out columns of "+plan.ListTables(r.ColumnListed))
	}
	if len(r.Unpublished) > 0 {
		fixes = append(fixes, fmt.Sprintf("ALTER PUBLICATION %s SET (publish = 'insert, update, delete, truncate')", name))
	}
	if len(r.RowFiltered)+len(r.ColumnListed) > 0 {
		fixes = append(fixes, fmt.Sprintf("ALTER PUBLICATION %s SET TABLE … listing those tables without WHERE or column list (or give the pipe a publication of its own)", name))
	}
	return fmt.Sprintf("publication %s publishes only part of the data: %s", name, strings.Join(parts, "; ")), strings.Join(fixes, "; "), true
}

func noIdentityWords(r plan.NoIdentity) (message, fix string, ok bool) {
	names := make([]plan.TableName, len(r.Tables))
	var notes []string
	for i, t := range r.Tables {
		names[i] = t.Table
		switch t.Note {
		case plan.IdentityNothing:
			notes = append(notes, t.Table.String()+": REPLICA IDENTITY NOTHING")
		case plan.IdentityIndexDropped:
			notes = append(notes, t.Table.String()+": its replica identity index was dropped")
		}
	}
	message = "publishing tables without a replica identity would make PostgreSQL reject their UPDATE and DELETE: "
	if r.FailingNow {
		message = "UPDATE and DELETE are failing now on published tables without a replica identity: "
	}
	message += plan.ListTables(names)
	if len(notes) > 0 {
		message += " (" + strings.Join(notes, "; ") + ")"
	}
	fix = "add a primary key (or REPLICA IDENTITY USING INDEX) to each"
	if r.OutOfScope {
		fix += " (auroracfg changes no table outside the scope, whatever withoutPrimaryKey says)"
	} else {
		fix += ", or set withoutPrimaryKey: full on the scope to have auroracfg set REPLICA IDENTITY FULL"
	}
	return message, fix, true
}

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

func awsFindingWords(r plan.Reason) (message, fix string, ok bool) {
	switch r := r.(type) {
	case plan.EngineNotAurora:
		return fmt.Sprintf("cluster %s runs %s, not aurora-postgresql", r.Cluster, r.Engine), "", true
	case plan.EngineTooOld:
		return fmt.Sprintf("cluster %s runs Aurora PostgreSQL %s: ClickPipes needs 12 or later", r.Cluster, r.Version),
			"upgrade the cluster to Aurora PostgreSQL 12 or later", true
	case plan.CloudFormationStack:
		return fmt.Sprintf("cluster %s belongs to CloudFormation stack %s, which may revert parameter group or security group changes made here", r.Cluster, r.Stack),
			"set aws: {manage: observe} on the source and make the changes in the stack", true
	case plan.CustomParameterGroup:
		return fmt.Sprintf("cluster %s uses the custom parameter group %s, not %s: switching would drop its settings", r.Cluster, r.Group, r.Want),
			fmt.Sprintf("set parameterGroup.name: %s in the spec to manage the group the cluster uses", r.Group), true
	case plan.ParameterGroupShared:
		params := make([]string, len(r.Parameters))
		for i, p := range r.Parameters {
			params[i] = p.Name + " = " + p.Value
		}
		return fmt.Sprintf("parameter group %s is also attached to cluster %s: setting %s in it would change %s too",
				r.Group, strings.Join(r.Clusters, ", "), strings.Join(params, ", "), plan.Plural(len(r.Clusters), "that cluster", "those clusters")),
			"name a parameter group of this cluster's own in parameterGroup.name (auroracfg creates it), or make the change knowing it applies to every cluster of the group", true
	case plan.WalLevelStale:
		return fmt.Sprintf("wal_level is %s although rds.logical_replication is on", r.WalLevel), "reboot the cluster's writer", true
	case plan.SecurityGroupIDMissing:
		return fmt.Sprintf("security group %s (network %s) does not exist", r.Group, r.Network), "fix securityGroup.id in the spec", true
	case plan.ClusterVPCUnknown:
		return fmt.Sprintf("network %s needs security group %s, but the VPC of cluster %s could not be found (it is found through the cluster's security groups, and none could be read)", r.Network, r.Group, r.Cluster),
			"give the cluster a security group of its VPC (or name an existing group with securityGroup.id), then plan again", true
	case plan.IngressStaleKept:
		return fmt.Sprintf("security group %s has %d %s auroracfg created that the spec no longer wants: %s", r.Group, len(r.CIDRs), plan.Plural(len(r.CIDRs), "rule", "rules"), strings.Join(r.CIDRs, ", ")),
			"run apply --prune to remove them", true
	case plan.PrimaryMoved:
		return fmt.Sprintf("global database %s's primary moved from %s to %s: the source now lives there (parameter group, network and hand-off follow it), but replication slots do not cross clusters: a ClickPipe keeps no CDC position on the new writer", r.Global, r.From, r.To),
			"resync the ClickPipe (or create it again) once apply has prepared the new writer; apply records the move", true
	case plan.WriterUnrecorded:
		return fmt.Sprintf("publication %s exists on %s, but neither global database %s's tag nor the publication records which cluster source %s was prepared on: if the primary moved since, a ClickPipe on it keeps no CDC position here, and auroracfg cannot tell",
				plan.QuoteIdent(r.Publication), r.Writer, r.Global, r.Source),
			"check the ClickPipe (resync it if it stopped after a switchover or failover); apply records the writer, so that the next move is seen", true
	}
	return "", "", false
}
