package schema

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLoadAllRulesAcrossFiles: what one file refuses in itself is refused
// across files too, naming both positions.
func TestLoadAllRulesAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	source := func(name, pub string) string {
		return `version: 1
schemas: [{name: s, include: [app]}]
sources:
  - name: ` + name + `
    type: postgresql
    database: shop
    connect: {host: db.internal, port: 5432}
    admin: {user: admin, password: {fromEnv: A}}
    user: {name: cp_` + name + `, password: {fromEnv: U}}
    publication: {name: ` + pub + `}
    schemas: [s]
`
	}
	files := map[string]string{"a.yaml": source("a", "pub"), "b.yaml": source("b", "pub"), "c.yaml": source("a", "other")}
	for name, content := range files {
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
	}
	_, diags := LoadAll([]string{"a.yaml", "b.yaml", "c.yaml"}, func(p string) string { return filepath.Join(dir, p) })
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	want := []string{
		`b.yaml:10:25: publication "pub" in db.internal:5432/shop is also source a's (a.yaml:10:25): give each source a publication of its own`,
		`c.yaml:4:11: source "a" is also declared in a.yaml`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
