package plan

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// This file holds what the ClickPipes engine checks before a pipe starts and
// what keeps a running pipe alive, beyond the privileges and the publication:
// replication connections, slots and the WAL they retain, poolers, wide FULL
// identities and roles whose future tables nobody will be able to read.

// RecommendedMaxSlotWalKeepSizeMB is the setup guide's lower bound for
// max_slot_wal_keep_size: 100 GB.
const RecommendedMaxSlotWalKeepSizeMB = 102400

// PeerDBSlotPrefix starts the name of the slots the ClickPipes engine creates.
const PeerDBSlotPrefix = "peerflow_slot"

// Thresholds above which a REPLICA IDENTITY FULL table gets a cost warning.
const (
	wideColumns  = 50
	wideRowBytes = 2048
)

func (b *builder) replicationConnection() {
	r := b.o.Replication
	switch {
	case b.o.ThroughPooler:
		b.finding(FindingPooler, SeverityBlocker,
			"the connection reached PostgreSQL through a pooler or proxy (the session's backend is not the process the server announced): logical replication does not work through poolers such as PgBouncer or RDS Proxy",
			"point connect.host and connect.port at PostgreSQL itself (on Aurora the cluster's writer endpoint)")
	case r.Tried && !r.OK && strings.Contains(r.Error, "SQLSTATE 53300") && b.o.Settings.MaxWalSenders >= 2:
		// Every sender was taken when auroracfg tried (other probes,
		// pipes, standbys): a moment's condition, not a verdict.
		b.finding(FindingSendersBusy, SeverityWarning,
			fmt.Sprintf("the replication connection as %s could not be tried: every WAL sender was taken at that moment (%s)", QuoteIdent(b.d.User), r.Error),
			"plan again; if it persists, raise max_wal_senders (each pipe holds a sender, and ClickPipes' validation needs one more)")
	case r.Tried && !r.OK && b.logicalReplicationOn():
		b.finding(FindingReplicationConnection, SeverityBlocker,
			fmt.Sprintf("a replication connection (replication=database, IDENTIFY_SYSTEM) as %s failed: %s; ClickPipes validates a source this way and will fail the same", QuoteIdent(b.d.User), r.Error),
			b.replicationRefusalFix(r.Error))
	}
	if b.o.Login == LoginRefused && b.o.User != nil && b.o.User.CanLogin {
		b.finding(FindingLoginRefused, SeverityBlocker,
			fmt.Sprintf("logging in as %s was refused: ClickPipes will be refused the same way", QuoteIdent(b.d.User)),
			"allow the user in pg_hba.conf (and for replication connections), then reload")
	}
}

// replicationRefusalFix names the fix for the cause the server named.
func (b *builder) replicationRefusalFix(refusal string) string {
	switch {
	case strings.Contains(refusal, "SQLSTATE 42501"): // insufficient privilege
		if b.d.IsAurora() {
			return fmt.Sprintf("the user lacks the replication privilege: GRANT rds_replication TO %s (apply does), and check that rds.logical_replication is on", QuoteIdent(b.d.User))
		}
		return fmt.Sprintf("the user lacks the replication privilege: ALTER ROLE %s REPLICATION (apply does)", QuoteIdent(b.d.User))
	case strings.Contains(refusal, "SQLSTATE 28000"), strings.Contains(refusal, "pg_hba.conf"):
		return "allow the user's connections to this database in pg_hba.conf (logical replication connections match the database name, not the replication keyword), then reload"
	}
	return "allow the user's connections to this database in pg_hba.conf (logical replication connections match the database name, not the replication keyword), check that max_wal_senders has a free sender, and connect without a pooler or proxy"
}

// logicalReplicationOn reports whether nothing the plan already reports
// (wal_level, the reboot that turns rds.logical_replication on) stands in
// the way of replication connections: a refusal is only news after that.
func (b *builder) logicalReplicationOn() bool {
	if b.rebootAction != "" {
		return false
	}
	if b.d.IsAurora() {
		return settingOn(b.o.Settings.RDSLogicalReplication)
	}
	return b.o.Settings.WalLevel == "logical"
}

// ownsPipeSlot reports whether a slot the ClickPipes engine made exists: its
// pipe already has the slot it needs.
func (b *builder) ownsPipeSlot() bool {
	for _, s := range b.o.Slots {
		if strings.HasPrefix(s.Name, PeerDBSlotPrefix) {
			return true
		}
	}
	return false
}

// walSafety reports slots that pin WAL and a missing bound on what slots may
// retain, and plans the slot drops the user asked for by name.
func (b *builder) walSafety() {
	s := b.o.Settings
	if s.SlotsUsed >= s.MaxReplicationSlots && !b.ownsPipeSlot() {
		b.finding(FindingReplicationSlots, SeverityBlocker,
			fmt.Sprintf("all %d replication slots (max_replication_slots) are in use: ClickPipes cannot create its slot", s.MaxReplicationSlots),
			b.slotsFix())
	}
	dropping := map[string]bool{}
	for _, name := range b.d.DropSlots {
		dropping[name] = true
	}
	for _, slot := range b.o.Slots {
		if slot.Active || dropping[slot.Name] {
			continue
		}
		msg := fmt.Sprintf("replication slot %s (%s) is inactive and retains %s of WAL: the WAL grows until a consumer returns or the slot is dropped",
			slot.Name, slot.describe(), FormatBytes(slot.RetainedBytes))
		if slot.WalStatus == "lost" {
			msg = fmt.Sprintf("replication slot %s (%s) is lost: the WAL it needed was removed, so a pipe on it must resync", slot.Name, slot.describe())
		}
		b.findingOn(FindingInactiveSlot, slot.Name, SeverityWarning, msg,
			fmt.Sprintf("if nothing will consume it again: auroracfg apply --drop-slot %s", slot.Name))
	}
	b.dropSlots()
	b.slotWalBound()
	b.idleSlotTimeout()
}

func (b *builder) slotsFix() string {
	fix := "raise max_replication_slots (a restart) or drop a slot nothing uses (auroracfg apply --drop-slot NAME)"
	if b.d.IsAurora() {
		fix = "raise max_replication_slots in the cluster parameter group (a reboot) or drop a slot nothing uses (auroracfg apply --drop-slot NAME)"
	}
	return fix
}

func (b *builder) slotWalBound() {
	keep := b.o.Settings.MaxSlotWalKeepSizeMB
	if keep == nil || (b.d.IsAurora() && b.d.Aurora.MaxSlotWalKeepSize != "") {
		return // PostgreSQL 12 has no bound; on Aurora the spec sets it
	}
	fix := "ALTER SYSTEM SET max_slot_wal_keep_size = '200GB'; SELECT pg_reload_conf(); (a reload, no restart; size it at 2-3 days of peak WAL)"
	if b.d.IsAurora() {
		fix = "set parameterGroup.maxSlotWalKeepSize (MB, e.g. 204800) in the spec: auroracfg sets it in the cluster parameter group, no reboot"
	}
	switch {
	case *keep < 0:
		b.finding(FindingMaxSlotWalKeepSize, SeverityWarning,
			"max_slot_wal_keep_size is -1 (unbounded): a paused or lagging pipe's slot keeps WAL until the disk fills", fix)
	case *keep < RecommendedMaxSlotWalKeepSizeMB:
		b.finding(FindingMaxSlotWalKeepSize, SeverityWarning,
			fmt.Sprintf("max_slot_wal_keep_size is %s, below the guide's 100 GB: a lagging pipe's slot may be invalidated, which forces a full resync", FormatBytes(*keep<<20)), fix)
	}
}

// MinIdleSlotTimeoutSeconds is the shortest idle_replication_slot_timeout
// that lets a pipe be paused over a day without losing its slot.
const MinIdleSlotTimeoutSeconds = 24 * 60 * 60

// idleSlotTimeout warns when PostgreSQL 18 would invalidate the slot of a
// pipe paused (or its source unreachable) for less than a day: the pipe then
// needs a full resync.
func (b *builder) idleSlotTimeout() {
	idle := b.o.Settings.IdleSlotTimeoutSeconds
	if idle == nil || *idle == 0 || *idle >= MinIdleSlotTimeoutSeconds {
		return
	}
	fix := "ALTER SYSTEM SET idle_replication_slot_timeout = 0; SELECT pg_reload_conf(); (0 turns it off; or at least '1d', longer than any pause of a pipe)"
	if b.d.IsAurora() {
		fix = "set idle_replication_slot_timeout to 0 (off) or at least a day (in seconds) in the cluster parameter group"
	}
	b.finding(FindingIdleSlotTimeout, SeverityWarning,
		fmt.Sprintf("idle_replication_slot_timeout is %s: a pipe paused longer than that loses its replication slot, which forces a full resync", shortDuration(*idle)), fix)
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

// dropSlots plans the drops named with --drop-slot: only inactive slots,
// never one a consumer is reading.
func (b *builder) dropSlots() {
	byName := map[string]Slot{}
	for _, s := range b.o.Slots {
		byName[s.Name] = s
	}
	for _, name := range b.d.DropSlots {
		slot, ok := byName[name]
		switch {
		case !ok:
			b.findingOn(FindingDropSlot, name, SeverityWarning, fmt.Sprintf("there is no replication slot %s: nothing to drop", name), "")
		case slot.Active:
			b.findingOn(FindingDropSlot, name, SeverityBlocker,
				fmt.Sprintf("replication slot %s is active (a consumer is reading it): auroracfg drops only inactive slots", name),
				"stop its consumer first, or leave the slot alone")
		default:
			b.add(Action{
				ID: "drop-slot/" + name, Op: OpDelete, Risk: RiskDestructive, Change: DropSlot{Slot: name},
				Summary: fmt.Sprintf("drop replication slot %s (%s)", name, slot.describe()),
				Why:     []Reason{SlotDropAsked{Slot: name, RetainedBytes: slot.RetainedBytes}},
			})
		}
	}
}

func (s Slot) describe() string {
	parts := []string{s.Type}
	if s.Plugin != "" {
		parts = append(parts, s.Plugin)
	}
	if s.Database != "" {
		parts = append(parts, "database "+QuoteIdent(s.Database))
	}
	return strings.Join(parts, ", ")
}

// wideFullIdentity warns about published tables whose FULL identity writes
// large old rows to WAL on every UPDATE and DELETE.
func (b *builder) wideFullIdentity() {
	var wide []string
	for _, t := range b.tables {
		if t.ReplicaIdentity != 'f' || !b.toPublish(t) || (t.Columns < wideColumns && t.RowBytes < wideRowBytes) {
			continue
		}
		size := fmt.Sprintf("%d columns", t.Columns)
		if t.RowBytes > 0 {
			size += ", about " + FormatBytes(t.RowBytes) + " a row"
		}
		wide = append(wide, fmt.Sprintf("%s (%s)", t, size))
	}
	if len(wide) == 0 {
		return
	}
	b.finding(FindingWideFullIdentity, SeverityWarning,
		"REPLICA IDENTITY FULL writes the whole old row to WAL on every UPDATE and DELETE, and ClickPipes uses every column as the key: "+strings.Join(wide, ", "),
		"give these tables a primary key (then ALTER TABLE … REPLICA IDENTITY DEFAULT)")
}

// creatorOwners are the roles that own future tables in a schema: the
// spec's futureTablesOwnedBy plus, when the scope asks for it, every role
// that can create tables there.
func (b *builder) creatorOwners(ds DesiredSchema) []string {
	if !ds.AllCreators {
		return ds.Owners
	}
	var found []string
	for _, c := range b.o.Creators {
		if slices.Contains(c.Schemas, ds.Name) {
			found = append(found, c.Role)
		}
	}
	return union(ds.Owners, found)
}

// futureTables warns about roles that can create tables in a scoped schema
// but are not covered by futureTablesOwnedBy: the tables they create stay
// unreadable by the pipe until the next apply.
func (b *builder) futureTables() {
	missing := map[string][]string{}
	var roles []string
	for _, c := range b.o.Creators {
		for _, schemaName := range c.Schemas {
			ds, ok := b.scopes[schemaName]
			if !ok || slices.Contains(b.creatorOwners(ds), c.Role) {
				continue
			}
			if missing[c.Role] == nil {
				roles = append(roles, c.Role)
			}
			missing[c.Role] = append(missing[c.Role], schemaName)
		}
	}
	if len(b.o.PublicCreateSchemas) > 0 {
		b.finding(FindingFutureTablesPublic, SeverityWarning,
			fmt.Sprintf("PUBLIC can create tables in schema %s (the default for schema public before PostgreSQL 15): any role that can connect to the database can create tables there that %s cannot read (and the pipe will fail on them) until the next apply",
				QuoteAll(b.o.PublicCreateSchemas), QuoteIdent(b.d.User)),
			fmt.Sprintf("REVOKE CREATE ON SCHEMA %s FROM PUBLIC (PostgreSQL 15's default), grant CREATE to the roles that create tables, and list them in futureTablesOwnedBy",
				QuoteAll(b.o.PublicCreateSchemas)))
	}
	sort.Strings(roles)
	for _, r := range roles {
		b.findingOn(FindingFutureTables, r, SeverityWarning,
			fmt.Sprintf("role %s can create tables in schema %s but is not in futureTablesOwnedBy: tables it creates will be unreadable by %s (and the pipe will fail on them) until the next apply",
				QuoteIdent(r), QuoteAll(missing[r]), QuoteIdent(b.d.User)),
			fmt.Sprintf("add %s to futureTablesOwnedBy of the scope, or set futureTablesOwnedByAllCreators: true", QuoteIdent(r)))
	}
}

// FormatBytes renders a byte count for people: 0 B, 512 B, 1.5 kB, 3.2 GB.
func FormatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTP"[exp])
}
