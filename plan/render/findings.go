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
