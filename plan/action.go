package plan

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/auroracfg/auroracfg/schema"
)

// Op is what an action does to its object, as in Terraform: + ~ -.
type Op string

// Operations.
const (
	OpCreate Op = "create"
	OpUpdate Op = "update"
	OpDelete Op = "delete"
)

// Symbol is the one-character marker of an operation in text plans.
func (o Op) Symbol() string {
	switch o {
	case OpCreate:
		return "+"
	case OpUpdate:
		return "~"
	case OpDelete:
		return "-"
	}
	return "?"
}

// Risk classifies what an action can do to a running system.
type Risk string

// Risks.
const (
	RiskSafe        Risk = "safe"
	RiskDisruptive  Risk = "disruptive"  // changes behaviour or cost of the running system
	RiskDestructive Risk = "destructive" // removes something
)

// Action is one idempotent change to a source: what every action has (its
// id, risk, reason, dependencies, gates) and one typed change. Its targets
// are names, never secrets: a password is resolved by the executor at apply
// time. Saved plans hold it in the flat form of change.go.
type Action struct {
	ID     string
	Source string
	Op     Op
	Risk   Risk
	// Summary is what an action read from a plan saved before actions
	// carried facts said it does; plan never sets it (render words what an
	// action does from its change and facts).
	Summary string
	// Why are the facts that make the action necessary, in order; the
	// words are plan/render's.
	Why       []Reason
	DependsOn []string
	// BlockedBy names the findings that must be resolved before this action can run.
	BlockedBy []string
	// Gate names the permission an action needs beyond approval ("reboot").
	Gate string
	// Unmanaged actions are planned and explained but never executed
	// (aws.manage: observe): the user's infrastructure code makes them.
	Unmanaged bool
	Change    Change
}

// Kind is the kind of the action's change.
func (a Action) Kind() Kind { return a.Change.Kind() }

// OnAWS reports whether the action runs against AWS rather than PostgreSQL.
func (a Action) OnAWS() bool { return a.Change.Edge() == EdgeAWS }

// SourcePlan is the plan for one source.
type SourcePlan struct {
	Source string            `json:"source"`
	Type   schema.SourceType `json:"type"`
	Target string            `json:"target"` // host:port/database, for people
	// ObservedDigest fingerprints the state the plan was computed from.
	ObservedDigest string    `json:"observed_digest,omitempty"`
	Findings       []Finding `json:"findings"`
	Actions        []Action  `json:"actions"`
	// Error says why the source could not be observed: its state is
	// unknown, it has no findings or actions, and it is never ready.
	Error string `json:"error,omitempty"`
}

// Unobserved is the plan of a source that could not be observed.
func Unobserved(source string, typ schema.SourceType, err error) SourcePlan {
	return SourcePlan{Source: source, Type: typ, Findings: []Finding{}, Actions: []Action{}, Error: Visible(err.Error())}
}

// Failed reports whether the source could not be observed.
func (sp *SourcePlan) Failed() bool { return sp.Error != "" }

// Blockers returns the blocking findings.
func (sp *SourcePlan) Blockers() []Finding {
	var out []Finding
	for _, f := range sp.Findings {
		if f.Severity == SeverityBlocker {
			out = append(out, f)
		}
	}
	return out
}

// Ready reports whether the source was observed and needs nothing more.
func (sp *SourcePlan) Ready() bool {
	return !sp.Failed() && len(sp.Actions) == 0 && len(sp.Blockers()) == 0
}

// Plan is the plan for every source, in spec order.
type Plan struct {
	Sources []SourcePlan `json:"sources"`
}

// Counts is the summary of a plan: actions by operation.
type Counts struct {
	Add     int `json:"add"`
	Change  int `json:"change"`
	Destroy int `json:"destroy"`
}

// Counts tallies the plan's actions.
func (p *Plan) Counts() Counts {
	var c Counts
	for _, sp := range p.Sources {
		for _, a := range sp.Actions {
			switch a.Op {
			case OpCreate:
				c.Add++
			case OpUpdate:
				c.Change++
			case OpDelete:
				c.Destroy++
			}
		}
	}
	return c
}

// HasChanges reports whether applying the plan would change anything, or an
// observed source is not ready. Sources that could not be observed are
// counted apart (Failures): nothing is known of them.
func (p *Plan) HasChanges() bool {
	for i := range p.Sources {
		if sp := &p.Sources[i]; !sp.Failed() && !sp.Ready() {
			return true
		}
	}
	return false
}

// Failures counts the sources that could not be observed.
func (p *Plan) Failures() int {
	n := 0
	for i := range p.Sources {
		if p.Sources[i].Failed() {
			n++
		}
	}
	return n
}

// QuoteIdent renders an identifier for people the way PostgreSQL's
// quote_ident does: bare when it is a plain lower-case name, otherwise in
// double quotes with inner quotes doubled. Unlike quote_ident it shows
// control characters as escapes (\n, \t, \u0007): a name holding a newline
// must not start a line of its own in a plan ("No changes." …). SQL is
// never built from it.
func QuoteIdent(name string) string {
	plain := name != ""
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r == '_':
		case (r >= '0' && r <= '9') || r == '$':
			plain = plain && i > 0
		default:
			plain = false
		}
	}
	if plain && !reserved[name] {
		return name
	}
	return `"` + Visible(strings.ReplaceAll(name, `"`, `""`)) + `"`
}

// Visible shows control characters as escapes (\n, \r, \t, \u001B): text
// from outside (a server's or AWS's error message, a name) can then neither
// move the cursor, clear the screen nor start a line of its own.
func Visible(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// reserved are the reserved words most likely to be used as names.
var reserved = map[string]bool{
	"all": true, "analyse": true, "analyze": true, "and": true, "any": true, "as": true, "asc": true,
	"check": true, "column": true, "constraint": true, "create": true, "default": true, "desc": true,
	"distinct": true, "do": true, "else": true, "end": true, "for": true, "from": true, "grant": true,
	"group": true, "in": true, "limit": true, "not": true, "null": true, "offset": true, "on": true,
	"or": true, "order": true, "select": true, "table": true, "to": true, "union": true, "user": true,
	"where": true, "with": true,
}
