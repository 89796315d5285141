package plan

import "strings"

// KindMarkGlobalWriter records on a global database where a source is
// prepared.
const KindMarkGlobalWriter Kind = "mark-global-writer"

// MarkGlobalWriter tags the global database (by ARN) with the source's
// current writer.
type MarkGlobalWriter struct {
	GlobalCluster string `json:"global_cluster,omitempty"`
	Source        string `json:"name,omitempty"`
	Writer        string `json:"cluster,omitempty"`
}

func init() { registerKind[MarkGlobalWriter](KindMarkGlobalWriter) }

func (MarkGlobalWriter) Kind() Kind        { return KindMarkGlobalWriter }
func (MarkGlobalWriter) sealed()           {}
func (MarkGlobalWriter) Edge() Edge        { return EdgeAWS }
func (MarkGlobalWriter) Serves() []CheckID { return []CheckID{CheckPrimary} }

// KindRecordWriter records in the source's database, as the publication's
// comment, which cluster a Global Database source is prepared on.
const KindRecordWriter Kind = "record-writer"

// RecordWriter comments the publication with the source's writer: the
// database replicates it to every region with the data, so after a
// switchover the new primary still says where the pipe's slot was, whoever
// removed the tag on the global database.
type RecordWriter struct {
	Publication string `json:"publication,omitempty"`
	Writer      string `json:"cluster,omitempty"`
}

func init() { registerKind[RecordWriter](KindRecordWriter) }

func (RecordWriter) Kind() Kind        { return KindRecordWriter }
func (RecordWriter) sealed()           {}
func (RecordWriter) Edge() Edge        { return EdgePostgres }
func (RecordWriter) Serves() []CheckID { return []CheckID{CheckPrimary} }

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
