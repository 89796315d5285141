package plan

// Qualifier is why apply will not run an action it plans (or not yet): the
// one model of these conditions that every output renders (text, Markdown,
// JSON's blocked_by / gate / unmanaged, check's "apply makes it pass").
type Qualifier struct {
	Kind QualifierKind `json:"kind"`
	// Findings are the blocking findings' ids (QualifierBlocked).
	Findings []string `json:"findings,omitempty"`
	// Gate is the permission missing (QualifierGated).
	Gate string `json:"gate,omitempty"`
}

// QualifierKind is what holds an action back.
type QualifierKind string

// Qualifier kinds.
const (
	QualifierBlocked   QualifierKind = "blocked"   // a blocking finding must be fixed first
	QualifierGated     QualifierKind = "gated"     // a permission the run lacks (a reboot not allowed)
	QualifierUnmanaged QualifierKind = "unmanaged" // aws.manage is observe: the user's IaC makes it
)

// Qualifiers lists what holds the action back; none means apply runs it.
func (a Action) Qualifiers() []Qualifier {
	var out []Qualifier
	if len(a.BlockedBy) > 0 {
		out = append(out, Qualifier{Kind: QualifierBlocked, Findings: a.BlockedBy})
	}
	if a.Gate != "" {
		out = append(out, Qualifier{Kind: QualifierGated, Gate: a.Gate})
	}
	if a.Unmanaged {
		out = append(out, Qualifier{Kind: QualifierUnmanaged})
	}
	return out
}

// Runs reports whether apply will run the action.
func (a Action) Runs() bool { return len(a.Qualifiers()) == 0 }
