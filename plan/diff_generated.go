package plan

// PostgreSQL 18 rejects UPDATE and DELETE on a published table whose replica
// identity holds a generated column the publication does not publish
// ("Replica identity must not contain unpublished generated columns"). Before
// 18 generated columns were never published and never checked, so nothing
// here applies there. A FULL identity holds every column, a default one the
// primary key's, an index identity the index's. Stored generated columns can
// be published (publish_generated_columns = stored); virtual ones (18) never.
//
// For each table to publish whose identity, after the plan, would hold one:
//  1. a key-less table auroracfg would make FULL that has a unique index
//     PostgreSQL accepts as identity, without generated columns: use that
//     index instead (REPLICA IDENTITY USING INDEX), which touches nothing else;
//  2. otherwise, when the columns are all stored: publish stored generated
//     columns (publish_generated_columns = stored);
//  3. otherwise (a virtual column in a FULL identity): a blocker naming the
//     table; the publication is not extended to it.

const generatedColumnsVersion = 180000

// generatedTable is a table whose identity would hold generated columns.
type generatedTable struct {
	name    TableName
	columns []string
}

// generatedColumns classifies the tables to publish; it runs before
// replicaIdentity, which consults identityIndex and skips blocked tables.
func (b *builder) generatedColumns() {
	b.identityIndex = map[TableName]string{}
	if b.o.ServerVersionNum < generatedColumnsVersion {
		return
	}
	var blocked, failing []generatedTable
	for _, t := range b.tables {
		if !b.toPublish(t) || t.Partitioned {
			continue // a partitioned table's rows are written to, and checked on, its partitions
		}
		cols, virtual := b.identityGenerated(t)
		if len(cols) == 0 {
			continue
		}
		g := generatedTable{name: t.TableName, columns: cols}
		switch {
		case !t.HasReplicaIdentity() && t.IdentityCandidate != "":
			b.identityIndex[t.TableName] = t.IdentityCandidate
		case !virtual:
			if p := b.o.Publication; p == nil || !p.GeneratedStored {
				b.needStored = append(b.needStored, g)
			}
		case b.published(t):
			failing = append(failing, g)
		default:
			blocked = append(blocked, g)
		}
	}
	b.blockVirtual(FindingReplicaIdentityGeneratedFailing, failing, true)
	b.blockVirtual(FindingReplicaIdentityGenerated, blocked, false)
}

// identityGenerated lists the generated columns t's replica identity holds
// after the plan (FULL for a key-less table auroracfg fixes), and whether
// one of them is virtual.
func (b *builder) identityGenerated(t Table) (cols []string, virtual bool) {
	willBeFull := !t.HasReplicaIdentity() && b.fixesNoKey(t)
	if !t.HasReplicaIdentity() && !willBeFull {
		return nil, false // no identity at all: replicaIdentity blocks it
	}
	for _, c := range t.Generated {
		if willBeFull || c.InIdentity {
			cols = append(cols, c.Name)
			virtual = virtual || c.Virtual
		}
	}
	return cols, virtual
}

func (b *builder) blockVirtual(code FindingCode, tables []generatedTable, failingNow bool) {
	if len(tables) == 0 {
		return
	}
	fact := VirtualInIdentity{FailingNow: failingNow}
	for _, g := range tables {
		fact.Tables = append(fact.Tables, GeneratedTable{Table: g.name, Columns: g.columns})
		b.unfixed[g.name] = string(code)
		b.generatedBlocked[g.name] = true
	}
	b.found(code, "", SeverityBlocker, fact)
}

// identityIndexAction replaces REPLICA IDENTITY FULL for a key-less table
// whose FULL identity would hold a generated column.
func (b *builder) identityIndexAction(t Table, id string, why NoReplicaIdentity) Action {
	why.GeneratedColumns, _ = b.identityGenerated(t)
	why.Index = b.identityIndex[t.TableName]
	return Action{
		ID: id, Op: OpUpdate, Change: ReplicaIdentityIndex{Table: t.TableName, Index: why.Index},
		Why: []Reason{why},
	}
}

// generatedStored are the tables that need publish_generated_columns =
// stored, with their columns.
func (b *builder) generatedStored() []GeneratedTable {
	out := make([]GeneratedTable, len(b.needStored))
	for i, g := range b.needStored {
		out[i] = GeneratedTable{Table: g.name, Columns: g.columns}
	}
	return out
}

// generatedStoredOption plans publish_generated_columns = stored on an
// existing publication; the actions that widen it wait for it.
func (b *builder) generatedStoredOption(p *Publication) {
	if len(b.needStored) == 0 || p.GeneratedStored {
		return
	}
	name := b.d.Publication
	why := GeneratedStoredNeeded{Tables: b.generatedStored()}
	for _, g := range b.needStored {
		if b.published(Table{TableName: g.name}) {
			why.FailingNow = true
			break
		}
	}
	b.genOptionAction = "publication/" + name + "/generated-columns"
	b.add(Action{
		ID: b.genOptionAction, Op: OpUpdate, Risk: RiskDisruptive,
		Change: PublicationOptions{Name: name, GeneratedStored: true},
		Why:    []Reason{why},
	})
}
