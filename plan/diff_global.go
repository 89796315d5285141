package plan

import (
	"fmt"
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
		b.finding(FindingGlobalMoved, SeverityBlocker,
			fmt.Sprintf("global database %s's primary moved from %s to %s: the source now lives there (parameter group, network and hand-off follow it), but replication slots do not cross clusters: a ClickPipe keeps no CDC position on the new writer", g.ID, from, to),
			"resync the ClickPipe (or create it again) once apply has prepared the new writer; apply records the move")
		why = GlobalMoved{Global: g.ID, From: from, To: to, OtherRegion: strings.SplitN(from, "/", 2)[0] != g.Region}
	case pub != nil && inDB == "" && g.Marked == "":
		b.finding(FindingGlobalUnknown, SeverityBlocker,
			fmt.Sprintf("publication %s exists on %s, but neither global database %s's tag nor the publication records which cluster source %s was prepared on: if the primary moved since, a ClickPipe on it keeps no CDC position here, and auroracfg cannot tell",
				QuoteIdent(b.d.Publication), g.Writer(), g.ID, b.d.Source),
			"check the ClickPipe (resync it if it stopped after a switchover or failover); apply records the writer, so that the next move is seen")
		why = GlobalUnknown{Source: b.d.Source}
	case g.Marked != g.Writer() && inDB != "":
		why = GlobalTagMissing{Global: g.ID, Source: b.d.Source, Recorded: inDB}
	}
	if g.Marked != g.Writer() {
		b.addAWS(Action{ID: "global-writer/" + g.ID, Op: OpUpdate,
			Change:  MarkGlobalWriter{GlobalCluster: g.ARN, Source: b.d.Source, Writer: g.Writer()},
			Summary: fmt.Sprintf("record on global database %s that source %s is prepared on %s", g.ID, b.d.Source, g.Writer()),
			Why:     []Reason{why}})
	}
	if inDB != g.Writer() {
		b.globalRecordInDB = &Action{ID: "writer-record/" + b.d.Publication, Op: OpUpdate,
			Change:  RecordWriter{Publication: b.d.Publication, Writer: g.Writer()},
			Summary: fmt.Sprintf("record in publication %s's comment that source %s is prepared on %s", QuoteIdent(b.d.Publication), b.d.Source, g.Writer()),
			Why:     []Reason{why}}
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
