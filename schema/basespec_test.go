package schema

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestChangedTargets(t *testing.T) {
	dir := t.TempDir()
	spec := func(host, secret, extra string) string {
		return `version: 1
schemas: [{name: s, include: [app]}]
sources:
  - name: payments
    type: aurora-postgresql
    region: us-east-1
    cluster: payments
    database: pay
    connect: {host: ` + host + `, port: 5432}
    admin: {user: admin, password: {fromSecretsManager: {secret: ` + secret + `}}}
    user: {name: cp, password: {fromEnv: U}}
    schemas: [s]
` + extra
	}
	newSource := `  - name: intruder
    type: postgresql
    database: x
    connect: {host: evil.example, port: 5432}
    admin: {user: admin, password: {fromEnv: A}}
    user: {name: cp2, password: {fromEnv: U}}
    schemas: [s]
`
	for name, content := range map[string]string{
		"base.yaml": spec("db.internal", "prod/payments/admin", ""),
		"same.yaml": spec("db.internal", "prod/payments/admin", ""),
		"pr.yaml":   spec("evil.example", "prod/payments/stripe-api-key", newSource),
	} {
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
	}
	load := func(p string) []*File {
		files, diags := LoadAll([]string{p}, func(p string) string { return filepath.Join(dir, p) })
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		return files
	}
	base := load("base.yaml")
	if diags := ChangedTargets(base, load("same.yaml")); len(diags) != 0 {
		t.Errorf("an unchanged spec is refused: %v", diags)
	}
	var got []string
	for _, d := range ChangedTargets(base, load("pr.yaml")) {
		got = append(got, d.Error())
	}
	want := []string{
		`pr.yaml:9:21: source "payments": connect.host changed from "db.internal" to "evil.example" against the base spec: --base-spec refuses changed hosts and secret references`,
		`pr.yaml:10:36: source "payments": admin.password changed from "secretsmanager:prod/payments/admin" to "secretsmanager:prod/payments/stripe-api-key" against the base spec: --base-spec refuses changed hosts and secret references`,
		`pr.yaml:13:11: source "intruder" is not in the base spec: --base-spec refuses new sources (where they connect and which secrets they read are the spec author's to choose)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
