package schema

import (
	"slices"
	"strings"
)

// SourceType is a kind of source (sources[].type). Each is registered once
// here with what the spec layer knows of it: the keys only it takes, its
// defaults, its rules and where the spec says its database is. The layers
// above key their own part of a type by the same value (plan's desired
// state, cmd's edge), and their tests check that every type registered
// here has one.
type SourceType string

// Source types.
const (
	TypePostgreSQL SourceType = "postgresql"
	TypeAurora     SourceType = "aurora-postgresql"
)

// sourceType is a source type's registration in the spec layer.
type sourceType struct {
	name SourceType
	// keys are the source keys (paths under sources[i]) only types that
	// list them take.
	keys []string
	// aws: its sources name a region, so fromSecretsManager works.
	aws bool
	// defaults fills in the keys its sources may leave out.
	defaults func(*Source)
	// validate checks what only its sources have.
	validate func(v *validator, p string, src *Source, networks map[string]bool)
	// database is where the source's database is, as a sentence's object,
	// when the spec names it all the way.
	database func(*Source) (where string, ok bool)
}

// sourceTypes are the registered types, in the order they are documented.
var sourceTypes = []sourceType{postgresqlType, auroraType}

// SourceTypes lists the registered source types.
func SourceTypes() []SourceType {
	out := make([]SourceType, len(sourceTypes))
	for i, t := range sourceTypes {
		out[i] = t.name
	}
	return out
}

// typeOf is t's registration; a type that is not registered (a spec error
// reported on its own) is checked as a plain PostgreSQL source, which takes
// no keys of its own.
func typeOf(t SourceType) sourceType {
	for _, st := range sourceTypes {
		if st.name == t {
			return st
		}
	}
	return postgresqlType
}

// typeNames are the registered types' names, for an error message.
func typeNames() []string {
	var names []string
	for _, t := range sourceTypes {
		names = append(names, string(t.name))
	}
	return names
}

// sourceOfType checks what depends on a source's type: no key of another
// type's, and its own type's rules.
func (v *validator) sourceOfType(p string, src *Source, networks map[string]bool) {
	v.typeKeys(p, src)
	if t := typeOf(src.Type); t.name == src.Type && t.validate != nil {
		t.validate(v, p, src, networks)
	}
}

// typeKeys checks that a source uses no key only other types take.
func (v *validator) typeKeys(p string, src *Source) {
	own := typeOf(src.Type)
	seen := map[string]bool{}
	for _, other := range sourceTypes {
		for _, key := range other.keys {
			if seen[key] || slices.Contains(own.keys, key) || v.f.positions[p+"."+key] == (Pos{}) {
				continue
			}
			seen[key] = true
			v.errorf(p+"."+key, "%s: only %s sources take this key", keyName(key), takers(func(t sourceType) bool { return slices.Contains(t.keys, key) }))
		}
	}
	if own.aws {
		return
	}
	for _, path := range []string{"admin.password", "user.password"} {
		if v.f.positions[p+"."+path+".fromSecretsManager"] != (Pos{}) {
			v.errorf(p+"."+path+".fromSecretsManager", "fromSecretsManager: only %s sources (which name a region) take this key",
				takers(func(t sourceType) bool { return t.aws }))
		}
	}
}

// takers names the types that match, for an error message.
func takers(match func(sourceType) bool) string {
	var names []string
	for _, t := range sourceTypes {
		if match(t) {
			names = append(names, string(t.name))
		}
	}
	return strings.Join(names, " and ")
}
