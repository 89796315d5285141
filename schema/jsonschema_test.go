package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/auroracfg/auroracfg/internal/golden"
)

// TestJSONSchemaIsCurrent: schema/auroracfg.schema.json is what the spec
// types say now (-update rewrites it).
func TestJSONSchemaIsCurrent(t *testing.T) {
	got, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	golden.CheckFile(t, "auroracfg.schema.json", got)
}

// compiledSchema compiles the committed JSON Schema with a real validator.
func compiledSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("auroracfg.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(JSONSchemaID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(JSONSchemaID)
	if err != nil {
		t.Fatalf("compile the JSON Schema: %v", err)
	}
	return s
}

// yamlAsJSON is a YAML document as the JSON value yaml-language-server
// checks.
func yamlAsJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestExamplesMatchTheJSONSchema: every example spec is valid for the
// JSON Schema, and specs the loader refuses for their shape are not.
func TestExamplesMatchTheJSONSchema(t *testing.T) {
	s := compiledSchema(t)
	specs, _ := filepath.Glob("../examples/*.yaml")
	if len(specs) < 3 {
		t.Fatalf("found %d example specs", len(specs))
	}
	for _, path := range specs {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(yamlAsJSON(t, data)); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	if err := s.Validate(yamlAsJSON(t, []byte(validSpec))); err != nil {
		t.Errorf("the loader's valid spec: %v", err)
	}
	for name, bad := range map[string]string{
		"unknown key":     strings.Replace(validSpec, "database: shop", "database: shop\n    databse: shop", 1),
		"unknown type":    strings.Replace(validSpec, "type: postgresql", "type: mysql", 1),
		"missing version": strings.Replace(validSpec, "version: 1\n", "", 1),
		"wrong kind":      strings.Replace(validSpec, "include: [app, Sales, 'odd\"name']", "include: app", 1),
	} {
		if _, err := Parse("bad.yaml", []byte(bad)); err == nil {
			t.Errorf("%s: the loader accepts it, so the case proves nothing", name)
		}
		if err := s.Validate(yamlAsJSON(t, []byte(bad))); err == nil {
			t.Errorf("%s: the JSON Schema accepts it", name)
		}
	}
}

// TestEveryKeyIsExplained: a walk of the spec types finds documentation
// for every key, so explain and the schema describe each one.
func TestEveryKeyIsExplained(t *testing.T) {
	n := 0
	var walk func([]Key)
	walk = func(keys []Key) {
		for _, k := range keys {
			n++
			if strings.TrimSpace(k.Doc) == "" {
				t.Errorf("%s has no doc tag", k.Path)
			}
			walk(k.Keys)
		}
	}
	walk(Keys())
	if n < 50 {
		t.Errorf("walked %d keys, want every key of the spec (50 or more)", n)
	}
	for _, path := range []string{"sources.connect.sslrootcert", "sources[].parameterGroup.reboot", "networks[0].privateLink.type"} {
		if _, ok := LookupKey(path); !ok {
			t.Errorf("LookupKey(%q) found nothing", path)
		}
	}
}
