package plan

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
func (MarkGlobalWriter) Edge() Edge       { return EdgeAWS }
func (MarkGlobalWriter) Serves() []string { return []string{CheckPrimary} }
func (c MarkGlobalWriter) Fields() Fields {
	return Fields{GlobalCluster: c.GlobalCluster, Name: c.Source, Cluster: c.Writer}
}
