package schema

import (
	"encoding/json"
	"slices"
)

// JSONSchemaID is where editors find the spec's JSON Schema: a spec file
// whose first line is
//
//	# yaml-language-server: $schema=https://raw.githubusercontent.com/auroracfg/auroracfg/main/schema/auroracfg.schema.json
//
// is completed and checked by yaml-language-server (VS Code's YAML
// extension, Neovim, Helix).
const JSONSchemaID = "https://raw.githubusercontent.com/auroracfg/auroracfg/main/schema/auroracfg.schema.json"

// JSONSchema is the spec's JSON Schema (draft 2020-12), made from the same
// walk of the spec types as Keys: the keys, their types, values, required
// keys and documentation. It checks the shape only; validate checks the
// rest (rules across keys, sources and files).
func JSONSchema() ([]byte, error) {
	root := objectSchema(Keys())
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = JSONSchemaID
	root["title"] = "auroracfg spec (version 1)"
	out, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func objectSchema(keys []Key) map[string]any {
	props := map[string]any{}
	required := []string{}
	for _, k := range keys {
		props[k.Name] = keySchema(k)
		if k.Required {
			required = append(required, k.Name)
		}
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		slices.Sort(required)
		s["required"] = required
	}
	return s
}

func keySchema(k Key) map[string]any {
	var s map[string]any
	switch k.Kind {
	case KindObject:
		s = objectSchema(k.Keys)
	case KindList:
		items := map[string]any{"type": jsonType(k.Items)}
		if k.Items == KindObject {
			items = objectSchema(k.Keys)
		}
		s = map[string]any{"type": "array", "items": items}
	default:
		s = map[string]any{"type": jsonType(k.Kind)}
	}
	if k.Kind == KindString && len(k.Enum) == 0 {
		// YAML reads walSenderTimeout: 0 or port-like values as numbers,
		// which the loader takes for a string key.
		s["type"] = []string{"string", "number"}
	}
	if len(k.Enum) > 0 {
		s["enum"] = k.Enum
	}
	desc := k.Doc
	if k.Default != "" {
		desc += " (default: " + k.Default + ")"
	}
	if len(k.Types) > 0 {
		desc += " [" + typeList(k.Types) + " sources only]"
	}
	s["description"] = desc
	return s
}

func jsonType(k KeyKind) string {
	if k == KindObject {
		return "object"
	}
	return string(k)
}

func typeList(types []SourceType) string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	return joinAnd(names)
}

func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	out := names[0]
	for _, n := range names[1 : len(names)-1] {
		out += ", " + n
	}
	return out + " and " + names[len(names)-1]
}
