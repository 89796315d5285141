package render

import (
	"encoding/json"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/jsonplan"
)

// The JSON plan (format_version "1") is a contract with scripts and CI jobs,
// written by the types of plan/jsonplan: the model's structs can change
// without changing what consumers read. Each action is its envelope and
// its change's own payload, joined by jsonplan.

func planDocOf(p *plan.Plan) jsonplan.Plan {
	c := p.Counts()
	doc := jsonplan.Plan{FormatVersion: FormatVersion, Sources: []jsonplan.Source{},
		Summary: jsonplan.Counts{Add: c.Add, Change: c.Change, Destroy: c.Destroy, Errors: p.Failures()}, Changes: p.HasChanges()}
	for i := range p.Sources {
		doc.Sources = append(doc.Sources, sourceDocOf(&p.Sources[i]))
	}
	return doc
}

func sourceDocOf(sp *plan.SourcePlan) jsonplan.Source {
	d := jsonplan.Source{Source: sp.Source, Type: string(sp.Type), Target: sp.Target, ObservedDigest: sp.ObservedDigest,
		Status: status(sp), Error: sp.Error, Findings: []jsonplan.Finding{}, Actions: []jsonplan.Action{}}
	for _, f := range sp.Findings {
		message, fix := findingWords(f, sp.Actions)
		var fact json.RawMessage
		if f.Fact != nil {
			facts, _ := plan.MarshalWhy([]plan.Reason{f.Fact}) // names and numbers: cannot fail
			fact = facts[0]
		}
		d.Findings = append(d.Findings, jsonplan.Finding{ID: f.ID(), Severity: string(f.Severity), Message: message, Fix: fix, Fact: fact})
	}
	for _, a := range sp.Actions {
		d.Actions = append(d.Actions, actionDocOf(a))
	}
	return d
}

func actionDocOf(a plan.Action) jsonplan.Action {
	why, _ := plan.MarshalWhy(a.Why) // structs of names and numbers: json.Marshal cannot fail on them
	env := jsonplan.Envelope{
		ID: a.ID, Source: a.Source, Action: string(a.Kind()), Op: string(a.Op), Risk: string(a.Risk),
		Summary: summaryText(a), Reason: reasonText(a), Why: why, DependsOn: a.DependsOn, BlockedBy: a.BlockedBy,
	}
	if env.DependsOn == nil {
		env.DependsOn = []string{}
	}
	return jsonplan.Action{Envelope: env, Payload: a.Change, Trailer: jsonplan.Trailer{Gate: a.Gate, Unmanaged: a.Unmanaged}}
}

// status is a source's verdict in one word.
func status(sp *plan.SourcePlan) string {
	switch {
	case sp.Failed():
		return "error"
	case sp.Ready():
		return "ready"
	}
	return "changes"
}
