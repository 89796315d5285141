package plan

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// Reason is one fact that makes an action necessary: a code and the
// operands the words need, as Terraform keeps an action's reason apart
// from the action and leaves the sentence to its views. An action's Why
// holds its facts in order; plan/render words each (reasonWords) and
// joins them. Each fact is a type of its own (reasons_*.go), sealed here
// and registered once (registerReasons), so saved plans read it back and a
// test checks that render words every one. Operands are names and numbers,
// never sentences.
type Reason interface {
	// reasonCode is the fact's stable code (SARIF rule ids and JSON key on
	// it); unexported, it also seals the set to this package's types.
	reasonCode() ReasonCode
}

// ReasonCode names a kind of fact.
type ReasonCode string

// CodeOf is the code of a fact.
func CodeOf(r Reason) ReasonCode { return r.reasonCode() }

// reasonTypes are the registered facts by code.
var reasonTypes = map[ReasonCode]reflect.Type{}

// registerReasons registers facts by their zero values.
func registerReasons(zeros ...Reason) {
	for _, z := range zeros {
		code := z.reasonCode()
		if _, dup := reasonTypes[code]; dup {
			panic("plan: reason registered twice: " + string(code))
		}
		reasonTypes[code] = reflect.TypeOf(z)
	}
}

// ReasonZeros are a zero value of every registered fact, for checks over
// all of them (render words each).
func ReasonZeros() []Reason {
	var out []Reason
	for _, t := range reasonTypes {
		out = append(out, reflect.Zero(t).Interface().(Reason))
	}
	return out
}

// MarshalWhy is the JSON of facts: each an object of its code and operands.
func MarshalWhy(why []Reason) ([]json.RawMessage, error) {
	var out []json.RawMessage
	for _, r := range why {
		operands, err := json.Marshal(r)
		if err != nil {
			return nil, err
		}
		code, err := json.Marshal(map[string]ReasonCode{"code": r.reasonCode()})
		if err != nil {
			return nil, err
		}
		if string(operands) != "{}" {
			code = append(append(code[:len(code)-1], ','), operands[1:]...)
		}
		out = append(out, code)
	}
	return out, nil
}

// unmarshalWhy reads facts back; an unknown code is an error (a plan from
// a newer auroracfg).
func unmarshalWhy(raw []json.RawMessage) ([]Reason, error) {
	var out []Reason
	for _, data := range raw {
		var probe struct {
			Code ReasonCode `json:"code"`
		}
		if err := json.Unmarshal(data, &probe); err != nil {
			return nil, err
		}
		t, ok := reasonTypes[probe.Code]
		if !ok {
			return nil, fmt.Errorf("unknown reason %q", probe.Code)
		}
		v := reflect.New(t)
		if err := json.Unmarshal(data, v.Interface()); err != nil {
			return nil, fmt.Errorf("reason %s: %w", probe.Code, err)
		}
		out = append(out, v.Elem().Interface().(Reason))
	}
	return out, nil
}

// Said is the words of a reason from a saved plan written before reasons
// were facts (its "reason" only): kept as they were said.
type Said struct {
	Text string `json:"text"`
}

func (Said) reasonCode() ReasonCode { return "said" }

func init() { registerReasons(Said{}) }
