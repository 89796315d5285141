package plan

import (
	"sort"
)

// The diff of replica identities: the application's writes come first.

// replicaIdentity guards the application's writes: a published table without
// a replica identity makes PostgreSQL reject its UPDATE and DELETE.
func (b *builder) replicaIdentity() {
	var failingNow, wouldFail []TableName
	for _, t := range b.tables {
		if !b.toPublish(t) || t.HasReplicaIdentity() || b.generatedBlocked[t.TableName] {
			continue
		}
		already := b.published(t)
		if !b.fixesNoKey(t) {
			if already {
				b.unfixed[t.TableName] = string(FindingReplicaIdentityFailing)
				failingNow = append(failingNow, t.TableName)
			} else {
				b.unfixed[t.TableName] = string(FindingReplicaIdentity)
				wouldFail = append(wouldFail, t.TableName)
			}
			continue
		}
		why := NoReplicaIdentity{Table: t.TableName, Published: already}
		id := "replica-identity/" + t.Schema + "." + t.Name
		b.identityIDs = append(b.identityIDs, id)
		if _, ok := b.identityIndex[t.TableName]; ok {
			b.add(b.identityIndexAction(t, id, why))
			continue
		}
		b.add(Action{
			ID: id, Op: OpUpdate, Risk: RiskDisruptive, Change: ReplicaIdentityFull{Table: t.TableName},
			Why: []Reason{why},
		})
	}
	if len(failingNow) > 0 {
		b.found(FindingReplicaIdentityFailing, "", SeverityBlocker, b.noIdentity(failingNow, true))
	}
	if len(wouldFail) > 0 {
		b.found(FindingReplicaIdentity, "", SeverityBlocker, b.noIdentity(wouldFail, false))
	}
	// Findings about failing writes come first: the application is broken.
	sort.SliceStable(b.sp.Findings, func(i, j int) bool {
		return b.sp.Findings[i].Code.aboutIdentity() && !b.sp.Findings[j].Code.aboutIdentity()
	})
}

// fixesNoKey reports whether the spec has auroracfg give t, a table without
// a replica identity, REPLICA IDENTITY FULL (withoutPrimaryKey: full). A
// table outside the scope (published only by tables: all) is never changed:
// nothing outside the spec is touched, so it blocks instead.
func (b *builder) fixesNoKey(t Table) bool {
	ds, ok := b.scopeOf(t)
	return ok && ds.FixNoKey
}

// noIdentity is the fact of tables without a replica identity, each with
// what its explicit identity was when that is why "add a primary key"
// alone would not help: NOTHING, or USING INDEX on an index since dropped
// (PostgreSQL only accepts unique, non-partial indexes on NOT NULL columns,
// and refuses to make such a column nullable later, so a dropped index is
// the way there). withoutPrimaryKey: full helps only in the scope, since
// auroracfg never changes a table outside it (published by tables: all).
func (b *builder) noIdentity(names []TableName, failingNow bool) NoIdentity {
	byName := map[TableName]Table{}
	for _, t := range b.tables {
		byName[t.TableName] = t
	}
	fact := NoIdentity{FailingNow: failingNow}
	for _, n := range names {
		it := IdentitylessTable{Table: n}
		switch byName[n].ReplicaIdentity {
		case 'n':
			it.Note = IdentityNothing
		case 'i':
			it.Note = IdentityIndexDropped
		}
		fact.Tables = append(fact.Tables, it)
		if _, inScope := b.scopeOf(Table{TableName: n}); !inScope {
			fact.OutOfScope = true
		}
	}
	return fact
}
