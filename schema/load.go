package schema

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/auroracfg/auroracfg/internal/readfile"
)

// MaxFileSize bounds a spec file; anything larger is rejected before parsing.
const MaxFileSize = 4 << 20

// maxNodes bounds how many YAML nodes one file may expand to, so an alias
// bomb is rejected quickly instead of exhausting memory.
const maxNodes = 200_000

// Pos is a 1-based line and column in a spec file.
type Pos struct{ Line, Column int }

// Diagnostic is one problem found in a spec file.
type Diagnostic struct {
	File    string
	Pos     Pos
	Message string
}

func (d Diagnostic) Error() string {
	if d.Pos.Line == 0 {
		return fmt.Sprintf("%s: %s", d.File, d.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Pos.Line, d.Pos.Column, d.Message)
}

// Diagnostics is every problem found in one or more files, in file order.
type Diagnostics []Diagnostic

func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

// File is a loaded, defaulted and validated spec file.
type File struct {
	Path string
	Spec Spec
	// positions maps a value path ("sources[0].user.name") to where it stands.
	positions map[string]Pos
	// undecodable holds the paths whose value could not be decoded, so that
	// validation does not pile a second, misleading message on top.
	undecodable map[string]bool
}

// PosOf returns where the value at path stands in the file (zero if unknown).
func (f *File) PosOf(path string) Pos { return f.positions[path] }

// Dir is the directory relative file references in the spec are resolved from.
func (f *File) Dir() string { return filepath.Dir(f.Path) }

// Load reads, decodes, defaults and validates a spec file.
func Load(path string) (*File, error) {
	// Only a regular file: opening a FIFO would block forever, and a
	// device such as /dev/zero never ends.
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, Diagnostics{{File: path, Message: "read spec: not a regular file but " + readfile.Kind(fi.Mode())}}
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, Diagnostics{{File: path, Message: fmt.Sprintf("read spec: %v", errors.Unwrap(err))}}
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, MaxFileSize+1))
	if err != nil {
		return nil, Diagnostics{{File: path, Message: fmt.Sprintf("read spec: %v", err)}}
	}
	return Parse(path, data)
}

// Parse decodes, defaults and validates spec data; path is used in diagnostics.
func Parse(path string, data []byte) (*File, error) {
	if len(data) > MaxFileSize {
		return nil, Diagnostics{{File: path, Message: fmt.Sprintf("spec is larger than %d bytes", MaxFileSize)}}
	}
	f := &File{Path: path, positions: map[string]Pos{}, undecodable: map[string]bool{}}
	d := &decoder{file: f}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, Diagnostics{{File: path, Pos: Pos{1, 1}, Message: "spec is empty"}}
		}
		return nil, Diagnostics{yamlError(path, err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.errorf(&extra, "a spec file holds one YAML document; found another")
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	d.decode(doc, reflect.ValueOf(&f.Spec).Elem(), "")
	if len(d.diags) == 0 {
		applyDefaults(&f.Spec)
	}
	d.diags = append(d.diags, validate(f, len(d.diags) > 0)...)
	if len(d.diags) > 0 {
		sortDiagnostics(d.diags)
		return nil, d.diags
	}
	return f, nil
}

// yamlError turns a yaml.v3 syntax error ("yaml: line 3: …") into a diagnostic.
func yamlError(path string, err error) Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ":"); ok {
			if l, convErr := strconv.Atoi(n); convErr == nil {
				line, msg = l, strings.TrimSpace(tail)
			}
		}
	}
	return Diagnostic{File: path, Pos: Pos{Line: line, Column: 1}, Message: "invalid YAML: " + msg}
}

func sortDiagnostics(ds Diagnostics) {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Pos.Line != ds[j].Pos.Line {
			return ds[i].Pos.Line < ds[j].Pos.Line
		}
		return ds[i].Pos.Column < ds[j].Pos.Column
	})
}

type decoder struct {
	file  *File
	diags Diagnostics
	nodes int
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.fail(n, "", format, args...)
}

// fail reports a problem with the value at path and marks it undecodable.
func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.file.undecodable[path] = true
	d.diags = append(d.diags, Diagnostic{File: d.file.Path, Pos: Pos{n.Line, n.Column}, Message: fmt.Sprintf(format, args...)})
}

var secretRefType = reflect.TypeOf(SecretRef{})

// decode walks n into v strictly: unknown and duplicate keys, wrong kinds and
// missing required keys are all reported, and decoding carries on so that
// one run reports every problem.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if d.nodes++; d.nodes > maxNodes {
		if d.nodes == maxNodes+1 {
			d.errorf(n, "spec expands to more than %d YAML nodes (alias bomb?)", maxNodes)
		}
		return
	}
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	d.file.positions[path] = Pos{n.Line, n.Column}
	switch v.Kind() {
	case reflect.Pointer:
		if isNull(n) {
			return
		}
		elem := reflect.New(v.Type().Elem())
		d.decode(n, elem.Elem(), path)
		if !d.file.undecodable[path] {
			v.Set(elem)
		}
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, path, "%s: expected a list, got %s", keyName(path), describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.String:
		if n.Kind != yaml.ScalarNode || isNull(n) {
			d.fail(n, path, "%s: expected a string, got %s", keyName(path), describe(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		i, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil {
			d.fail(n, path, "%s: expected an integer, got %s", keyName(path), describe(n))
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.fail(n, path, "%s: expected true or false, got %s", keyName(path), describe(n))
			return
		}
		v.SetBool(n.Value == "true")
	default:
		panic(fmt.Sprintf("schema: no decoder for %s", v.Type()))
	}
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		if v.Type() == secretRefType && n.Kind == yaml.ScalarNode {
			d.fail(n, path, "%s: literal secrets are not allowed in a spec; use {fromEnv: VAR}, {fromFile: PATH} or {fromSecretsManager: {secret: NAME}}", keyName(path))
			return
		}
		d.fail(n, path, "%s: expected a mapping, got %s", keyName(path), describe(n))
		return
	}
	fields := structFields(v.Type())
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "mapping keys must be plain strings")
			continue
		}
		if seen[k.Value] {
			d.errorf(k, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		f, ok := fields[k.Value]
		if !ok {
			d.errorf(k, "unknown key %q%s (valid keys: %s)", k.Value, where(path), strings.Join(fieldNames(fields), ", "))
			continue
		}
		d.decode(val, v.Field(f.index), join(path, k.Value))
	}
	for _, name := range fieldNames(fields) {
		if fields[name].required && !seen[name] {
			d.errorf(n, "missing required key %q%s", name, where(path))
		}
	}
}

type fieldInfo struct {
	index    int
	required bool
}

func structFields(t reflect.Type) map[string]fieldInfo {
	out := map[string]fieldInfo{}
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" {
			continue
		}
		out[name] = fieldInfo{index: i, required: opts == "required"}
	}
	return out
}

func fieldNames(fields map[string]fieldInfo) []string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!null":
		return "nothing (null)"
	case "!!str":
		return fmt.Sprintf("string %q", n.Value)
	}
	return fmt.Sprintf("%s %s", strings.TrimPrefix(n.Tag, "!!"), n.Value)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// keyName is the last key of a path, for messages ("sources[0].port" → "port").
func keyName(path string) string {
	if path == "" {
		return "spec"
	}
	if i := strings.LastIndex(path, "."); i >= 0 {
		return path[i+1:]
	}
	return path
}

func where(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}
