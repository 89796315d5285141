package jsonplan

import "encoding/json"

// Plan is the document `plan --format json` writes. Field names are those
// of the golden plan/render/testdata/plan.json; changing one is a new
// format version.
type Plan struct {
	FormatVersion string   `json:"format_version"`
	Sources       []Source `json:"sources"`
	Summary       Counts   `json:"summary"`
	Changes       bool     `json:"changes"`
}

// Counts are the plan's actions by operation, and the sources in error.
type Counts struct {
	Add     int `json:"add"`
	Change  int `json:"change"`
	Destroy int `json:"destroy"`
	// Errors counts the sources that could not be observed.
	Errors int `json:"errors"`
}

// Source is one source's plan.
type Source struct {
	Source         string `json:"source"`
	Type           string `json:"type"`
	Target         string `json:"target"`
	ObservedDigest string `json:"observed_digest,omitempty"`
	// Status is ready, changes (actions or blockers) or error (not
	// observed: Error says why, and nothing is known of its state).
	Status   string    `json:"status"`
	Error    string    `json:"error,omitempty"`
	Findings []Finding `json:"findings"`
	Actions  []Action  `json:"actions"`
}

// Finding is a problem plan found.
type Finding struct {
	ID       string `json:"id"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Fix      string `json:"fix,omitempty"`
	// Fact is what the words say, as a code and its operands (findings
	// not moved to facts yet have none).
	Fact json.RawMessage `json:"fact,omitempty"`
}

// Action is one action: envelope, payload (its change), trailer.
type Action struct {
	Envelope
	Payload any
	Trailer
}

// MarshalJSON writes the action flat (MarshalAction).
func (a Action) MarshalJSON() ([]byte, error) {
	return MarshalAction(a.Envelope, a.Payload, a.Trailer)
}
