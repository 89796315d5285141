package plan

import "strings"

// KindMarkGlobalWriter records on a global database where a source is
// prepared.
const KindMarkGlobalWriter Kind = "mark-global-writer"

// MarkGlobalWriter tags the global database (by ARN) with the source's
// current writer.
type MarkGlobalWriter struct{ GlobalCluster, Source, Writer string }

func init() {
	registerKind(KindMarkGlobalWriter, func(f Fields) Change {
		return MarkGlobalWriter{GlobalCluster: f.GlobalCluster, Source: f.Name, Writer: f.Cluster}
	})
}

func (MarkGlobalWriter) Kind() Kind       { return KindMarkGlobalWriter }
func (MarkGlobalWriter) sealed()          {}
func (MarkGlobalWriter) Edge() Edge       { return EdgeAWS }
func (MarkGlobalWriter) Serves() []string { return []string{CheckPrimary} }
func (c MarkGlobalWriter) Fields() Fields {
	return Fields{GlobalCluster: c.GlobalCluster, Name: c.Source, Cluster: c.Writer}
}

// KindRecordWriter records in the source's database, as the publication's
// comment, which cluster a Global Database source is prepared on.
const KindRecordWriter Kind = "record-writer"

// RecordWriter comments the publication with the source's writer: the
// database replicates it to every region with the data, so after a
// switchover the new primary still says where the pipe's slot was, whoever
// removed the tag on the global database.
type RecordWriter struct{ Publication, Writer string }

func init() {
	registerKind(KindRecordWriter, func(f Fields) Change {
		return RecordWriter{Publication: f.Publication, Writer: f.Cluster}
	})
}

func (RecordWriter) Kind() Kind       { return KindRecordWriter }
func (RecordWriter) sealed()          {}
func (RecordWriter) Edge() Edge       { return EdgePostgres }
func (RecordWriter) Serves() []string { return []string{CheckPrimary} }
func (c RecordWriter) Fields() Fields { return Fields{Publication: c.Publication, Cluster: c.Writer} }

// writerCommentPrefix starts the publication comment RecordWriter sets.
const writerCommentPrefix = "auroracfg: prepared on "

// WriterComment is the publication comment recording writer.
func WriterComment(writer string) string { return writerCommentPrefix + writer }

// recordedWriter is the writer a publication comment records, if any.
func recordedWriter(comment string) string {
	w, ok := strings.CutPrefix(comment, writerCommentPrefix)
	if !ok {
		return ""
	}
	return w
}
