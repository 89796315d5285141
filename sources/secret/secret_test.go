package secret

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/auroracfg/auroracfg/schema"
)

const pw = "s3cr3t-Recognisable"

func TestValueNeverPrints(t *testing.T) {
	v := New(pw)
	j, _ := json.Marshal(struct{ P Value }{v})
	for _, out := range []string{fmt.Sprint(v), fmt.Sprintf("%v %+v %#v %s %q %x", v, v, v, v, v, v), v.String(), string(j)} {
		if strings.Contains(out, pw) {
			t.Errorf("secret leaked in %q", out)
		}
	}
	if v.Reveal() != pw {
		t.Errorf("Reveal() lost the value")
	}
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "pw.txt"), []byte(pw+"\n"), 0o600)
	r := Resolver{Getenv: func(k string) string { return map[string]string{"PW": pw}[k] }, BaseDir: dir}
	for _, ref := range []*schema.SecretRef{{FromEnv: "PW"}, {FromFile: "pw.txt"}, {FromFile: filepath.Join(dir, "pw.txt")}} {
		v, err := r.Resolve(context.Background(), ref)
		if err != nil || v.Reveal() != pw {
			t.Errorf("Resolve(%s) = %v, %v; want the password", ref, v, err)
		}
	}
	for _, ref := range []*schema.SecretRef{{FromEnv: "MISSING"}, {FromFile: "nope.txt"}} {
		if _, err := r.Resolve(context.Background(), ref); err == nil {
			t.Errorf("Resolve(%s) succeeded, want an error", ref)
		} else if strings.Contains(err.Error(), pw) {
			t.Errorf("error leaks the secret: %v", err)
		}
	}
}
