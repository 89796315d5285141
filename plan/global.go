package plan

import (
	"fmt"
	"strings"
)

// GlobalObserved is the Aurora Global Database a source names
// (globalCluster): the primary cluster it resolved to, and where auroracfg
// last prepared the source (a tag on the global database).
type GlobalObserved struct {
	ID, ARN         string
	Region, Cluster string // the primary cluster, where the source lives now
	// Marked is the writer recorded by the last apply ("region/cluster"),
	// empty before the first.
	Marked string `json:",omitempty"`
}

// Writer is the primary cluster as the marker records it.
func (g GlobalObserved) Writer() string { return g.Region + "/" + g.Cluster }

// GlobalWriterTagPrefix starts the tag, one per source, that records on the
// global database which cluster the source was prepared on.
const GlobalWriterTagPrefix = "auroracfg:writer:"

// global plans the marker of a Global Database source and says so, as a
// blocker, when the primary moved to another cluster since the last apply:
// the new writer has the data (storage is replicated) and, after this
// apply, the publication and user, but no replication slot: a pipe keeps no
// position there and must resync.
func (b *builder) global() {
	g := b.o.AWS.Global
	if g == nil || g.Marked == g.Writer() {
		return
	}
	reason := fmt.Sprintf("global database %s does not record where source %s is prepared yet: the tag lets the next plan see a switchover or failover to another cluster", g.ID, b.d.Source)
	if g.Marked != "" {
		from, to := g.Marked, g.Writer()
		b.finding(FindingGlobalMoved, SeverityBlocker,
			fmt.Sprintf("global database %s's primary moved from %s to %s: the source now lives there (parameter group, network and hand-off follow it), but replication slots do not cross clusters: a ClickPipe keeps no CDC position on the new writer", g.ID, from, to),
			"resync the ClickPipe (or create it again) once apply has prepared the new writer; apply records the move")
		reason = fmt.Sprintf("the source moved from %s to %s with global database %s's primary", from, to, g.ID)
		if strings.SplitN(from, "/", 2)[0] != g.Region {
			reason += " (another region)"
		}
	}
	b.addAWS(Action{ID: "global-writer/" + g.ID, Op: OpUpdate,
		Change:  MarkGlobalWriter{GlobalCluster: g.ARN, Source: b.d.Source, Writer: g.Writer()},
		Summary: fmt.Sprintf("record on global database %s that source %s is prepared on %s", g.ID, b.d.Source, g.Writer()),
		Reason:  reason})
}
