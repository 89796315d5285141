package plan

import (
	"fmt"
	"slices"
	"sort"
	"strings"
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
		b.found(FindingPooler, "", SeverityBlocker, PoolerInTheWay{})
	case r.Tried && !r.OK && strings.Contains(r.Error, "SQLSTATE 53300") && b.o.Settings.MaxWalSenders >= 2:
		// Every sender was taken when auroracfg tried (other probes,
		// pipes, standbys): a moment's condition, not a verdict.
		b.found(FindingSendersBusy, "", SeverityWarning, SendersBusy{User: b.d.User, Error: r.Error})
	case r.Tried && !r.OK && b.logicalReplicationOn():
		b.found(FindingReplicationConnection, "", SeverityBlocker,
			ReplicationRefused{User: b.d.User, Error: r.Error, Cause: refusalCause(r.Error), Aurora: b.d.IsAurora()})
	}
	if b.o.Login == LoginRefused && b.o.User != nil && b.o.User.CanLogin {
		b.found(FindingLoginRefused, "", SeverityBlocker, LoginDenied{User: b.d.User})
	}
}

// refusalCause reads the cause the server named in its refusal.
func refusalCause(refusal string) RefusalCause {
	switch {
	case strings.Contains(refusal, "SQLSTATE 42501"): // insufficient privilege
		return RefusedPrivilege
	case strings.Contains(refusal, "SQLSTATE 28000"), strings.Contains(refusal, "pg_hba.conf"):
		return RefusedByHBA
	}
	return RefusedOther
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
		b.found(FindingReplicationSlots, "", SeverityBlocker, SlotsFull{MaxReplicationSlots: s.MaxReplicationSlots, Aurora: b.d.IsAurora()})
	}
	dropping := map[string]bool{}
	for _, name := range b.d.DropSlots {
		dropping[name] = true
	}
	for _, slot := range b.o.Slots {
		if slot.Active || dropping[slot.Name] {
			continue
		}
		b.found(FindingInactiveSlot, slot.Name, SeverityWarning, SlotInactive{Slot: slot.Name, Type: slot.Type, Plugin: slot.Plugin,
			Database: slot.Database, RetainedBytes: slot.RetainedBytes, Lost: slot.WalStatus == "lost"})
	}
	b.dropSlots()
	b.slotWalBound()
	b.idleSlotTimeout()
}

func (b *builder) slotWalBound() {
	keep := b.o.Settings.MaxSlotWalKeepSizeMB
	if keep == nil || (b.d.IsAurora() && b.d.Aurora.MaxSlotWalKeepSize != "") {
		return // PostgreSQL 12 has no bound; on Aurora the spec sets it
	}
	switch {
	case *keep < 0:
		b.found(FindingMaxSlotWalKeepSize, "", SeverityWarning, SlotWalUnbounded{Aurora: b.d.IsAurora()})
	case *keep < RecommendedMaxSlotWalKeepSizeMB:
		b.found(FindingMaxSlotWalKeepSize, "", SeverityWarning, SlotWalLow{KeepMB: *keep, Aurora: b.d.IsAurora()})
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
	b.found(FindingIdleSlotTimeout, "", SeverityWarning, IdleSlotTimeoutShort{Seconds: *idle, Aurora: b.d.IsAurora()})
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
			b.found(FindingDropSlot, name, SeverityWarning, DropSlotMissing{Slot: name})
		case slot.Active:
			b.found(FindingDropSlot, name, SeverityBlocker, DropSlotActive{Slot: name})
		default:
			b.add(Action{
				ID: "drop-slot/" + name, Op: OpDelete, Risk: RiskDestructive, Change: DropSlot{Slot: name},
				Why: []Reason{SlotDropAsked{Slot: name, Type: slot.Type, Plugin: slot.Plugin, Database: slot.Database, RetainedBytes: slot.RetainedBytes}},
			})
		}
	}
}

// wideFullIdentity warns about published tables whose FULL identity writes
// large old rows to WAL on every UPDATE and DELETE.
func (b *builder) wideFullIdentity() {
	var wide []WideTable
	for _, t := range b.tables {
		if t.ReplicaIdentity != 'f' || !b.toPublish(t) || (t.Columns < wideColumns && t.RowBytes < wideRowBytes) {
			continue
		}
		wide = append(wide, WideTable{Table: t.TableName, Columns: t.Columns, RowBytes: t.RowBytes})
	}
	if len(wide) == 0 {
		return
	}
	b.found(FindingWideFullIdentity, "", SeverityWarning, WideFullIdentity{Tables: wide})
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
		b.found(FindingFutureTablesPublic, "", SeverityWarning, PublicCanCreate{Schemas: b.o.PublicCreateSchemas, User: b.d.User})
	}
	sort.Strings(roles)
	for _, r := range roles {
		b.found(FindingFutureTables, r, SeverityWarning, CreatorNotOwner{Role: r, Schemas: missing[r], User: b.d.User})
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
