package plan

import (
	"slices"
	"strings"
)

// GlobalWriterTagPrefix starts the tag, one per source, that records on the
// global database which cluster the source was prepared on.
const GlobalWriterTagPrefix = "auroracfg:writer:"

// global plans the records of a Global Database source and says so, as a
// blocker, when the primary moved to another cluster since the last apply:
// the new writer has the data (storage is replicated) and, after this
// apply, the publication and user, but no replication slot: a pipe keeps no
// position there and must resync.
//
// The writer is recorded twice: a tag on the global database, and the
// publication's comment in the database itself, which the global database
// replicates to every region and tag rights cannot erase. A move seen by
// either is a move; a publication that exists with neither record is
// unknown (never a new source): the pipe may have to resync.
func (b *builder) global() {
	g := b.o.AWS.Global
	if g == nil {
		return
	}
	pub := b.o.Publication
	inDB := ""
	if pub != nil {
		inDB = recordedWriter(pub.Comment)
	}
	from := ""
	for _, recorded := range []string{inDB, g.Marked} {
		if recorded != "" && recorded != g.Writer() && from == "" {
			from = recorded
		}
	}
	var why Reason = GlobalUnrecorded{Global: g.ID, Source: b.d.Source}
	switch {
	case from != "":
		to := g.Writer()
		b.found(FindingGlobalMoved, "", SeverityBlocker, PrimaryMoved{Global: g.ID, From: from, To: to})
		why = GlobalMoved{Global: g.ID, From: from, To: to, OtherRegion: strings.SplitN(from, "/", 2)[0] != g.Region}
	case pub != nil && inDB == "" && g.Marked == "":
		b.found(FindingGlobalUnknown, "", SeverityBlocker, WriterUnrecorded{Publication: b.d.Publication, Writer: g.Writer(), Global: g.ID, Source: b.d.Source})
		why = GlobalUnknown{Source: b.d.Source}
	case g.Marked != g.Writer() && inDB != "":
		why = GlobalTagMissing{Global: g.ID, Source: b.d.Source, Recorded: inDB}
	}
	if g.Marked != g.Writer() {
		b.addAWS(Action{ID: "global-writer/" + g.ID, Op: OpUpdate,
			Change: MarkGlobalWriter{GlobalCluster: g.ARN, Source: b.d.Source, Writer: g.Writer()},
			Why:    []Reason{why}})
	}
	if inDB != g.Writer() {
		b.globalRecordInDB = &Action{ID: "writer-record/" + b.d.Publication, Op: OpUpdate,
			Change: RecordWriter{Publication: b.d.Publication, Writer: g.Writer()},
			Why:    []Reason{why}}
	}
}

// globalRecord adds the publication's record once the publication is
// planned (it depends on its creation).
func (b *builder) globalRecord() {
	a := b.globalRecordInDB
	if a == nil {
		return
	}
	if b.o.Publication == nil {
		a.DependsOn = []string{"publication/" + b.d.Publication}
		if !slices.ContainsFunc(b.sp.Actions, func(x Action) bool { return x.ID == "publication/"+b.d.Publication }) {
			return // no publication is made (a blocker says why): nothing to comment on
		}
	}
	b.add(*a)
}
