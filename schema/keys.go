package schema

import (
	"reflect"
	"slices"
	"strings"
)

// The spec's keys, read from the spec types themselves (their yaml, doc,
// default and enum tags): `auroracfg explain`, the JSON Schema
// (jsonschema.go) and docs/spec-reference.md are all printed from this one
// walk, and a test fails for a key without documentation.

// Key is one spec key.
type Key struct {
	// Path is where the key is: sources.connect.host (lists are not
	// indexed: sources is a list of sources).
	Path     string
	Name     string
	Kind     KeyKind
	Doc      string
	Default  string   // empty: none, or the default depends on the type
	Enum     []string // the values it takes, when they are a fixed set
	Required bool
	// Types are the source types that take the key; nil when every type
	// does (or the key is not a source's).
	Types []SourceType
	// Items is what a list holds (KindList): a scalar kind, or KindObject.
	Items KeyKind
	// Keys are an object's (or a list of objects') own keys.
	Keys []Key
}

// KeyKind is what a key's value is.
type KeyKind string

// Key kinds.
const (
	KindString  KeyKind = "string"
	KindInteger KeyKind = "integer"
	KindBoolean KeyKind = "boolean"
	KindObject  KeyKind = "object"
	KindList    KeyKind = "list"
)

// Keys are the spec's top-level keys, each with its keys below it.
func Keys() []Key { return keysOf(reflect.TypeFor[Spec](), "", nil) }

// LookupKey finds the key at path (sources.connect.host; sources[].connect
// and sources[0].connect are accepted too).
func LookupKey(path string) (Key, bool) {
	keys := Keys()
	var found Key
	for _, part := range strings.Split(normalKeyPath(path), ".") {
		i := slices.IndexFunc(keys, func(k Key) bool { return k.Name == part })
		if i < 0 {
			return Key{}, false
		}
		found, keys = keys[i], keys[i].Keys
	}
	return found, found.Name != ""
}

// KeysNamed are the keys, anywhere, whose last name is name: the "did you
// mean" of a path that does not exist.
func KeysNamed(name string) []string {
	var out []string
	var walk func([]Key)
	walk = func(keys []Key) {
		for _, k := range keys {
			if strings.EqualFold(k.Name, name) {
				out = append(out, k.Path)
			}
			walk(k.Keys)
		}
	}
	walk(Keys())
	return out
}

func normalKeyPath(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return strings.Trim(b.String(), ".")
}

// keysOf are t's keys below prefix; a key some source types only take
// passes them on to the keys below it.
func keysOf(t reflect.Type, prefix string, types []SourceType) []Key {
	var keys []Key
	for f := range t.Fields() {
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		k := Key{Path: strings.TrimPrefix(prefix+"."+name, "."), Name: name, Doc: f.Tag.Get("doc"), Default: f.Tag.Get("default"),
			Required: slices.Contains(strings.Split(opts, ","), "required")}
		if enum := f.Tag.Get("enum"); enum != "" {
			k.Enum = strings.Split(enum, "|")
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft == reflect.TypeFor[SourceType]() {
			for _, st := range SourceTypes() {
				k.Enum = append(k.Enum, string(st))
			}
		}
		k.Types = types
		if rel, ok := strings.CutPrefix(k.Path, "sources."); ok && k.Types == nil {
			k.Types = typesTaking(rel)
		}
		k.Kind = kindOf(ft)
		switch k.Kind {
		case KindObject:
			k.Keys = keysOf(ft, k.Path, k.Types)
		case KindList:
			elem := ft.Elem()
			k.Items = kindOf(elem)
			if k.Items == KindObject {
				k.Keys = keysOf(elem, k.Path, k.Types)
			}
		}
		keys = append(keys, k)
	}
	return keys
}

func kindOf(t reflect.Type) KeyKind {
	switch t.Kind() {
	case reflect.String:
		return KindString
	case reflect.Int, reflect.Int64, reflect.Int32:
		return KindInteger
	case reflect.Bool:
		return KindBoolean
	case reflect.Slice:
		return KindList
	}
	return KindObject
}

// typesTaking are the source types that take a source key (its path below
// sources), nil when every type does.
func typesTaking(rel string) []SourceType {
	var takers []SourceType
	owned := false
	for _, t := range sourceTypes {
		if strings.HasSuffix(rel, ".fromSecretsManager") {
			owned = true
			if t.aws {
				takers = append(takers, t.name)
			}
		} else if slices.Contains(t.keys, rel) {
			owned = true
			takers = append(takers, t.name)
		}
	}
	if !owned {
		return nil
	}
	return takers
}
