package main

import (
	"os"
	"strings"
	"testing"

	"github.com/auroracfg/auroracfg/schema"
)

func explainOf(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out strings.Builder
	code := run(t.Context(), append([]string{"explain"}, args...), env{stdout: &out, stderr: &out, getenv: os.Getenv})
	return out.String(), code
}

// TestExplainCoversEveryKey walks the spec types and explains each key:
// every one is found and described, with its type, default and values.
func TestExplainCoversEveryKey(t *testing.T) {
	var walk func([]schema.Key)
	n := 0
	walk = func(keys []schema.Key) {
		for _, k := range keys {
			n++
			out, code := explainOf(t, k.Path)
			if code != exitOK || !strings.HasPrefix(out, "KEY:      "+k.Path+"\n") {
				t.Errorf("explain %s: exit %d\n%s", k.Path, code, out)
			}
			if !strings.Contains(strings.Join(strings.Fields(out), " "), k.Doc) {
				t.Errorf("explain %s lacks its description %q:\n%s", k.Path, k.Doc, out)
			}
			walk(k.Keys)
		}
	}
	walk(schema.Keys())
	if n < 50 {
		t.Errorf("explained %d keys", n)
	}
}

func TestExplain(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"sources[0].parameterGroup.reboot"}, exitOK, []string{"TYPE:     string", "DEFAULT:  never", "VALUES:   allowed, never", "SOURCES:  aurora-postgresql only"}},
		{[]string{"sources.type"}, exitOK, []string{"REQUIRED: yes", "VALUES:   postgresql, aurora-postgresql"}},
		{[]string{"sources.user"}, exitOK, []string{"KEYS:\n  name <string>", "  password <object> (required)"}},
		{[]string{"--recursive"}, exitOK, []string{"\n  sources <[]object>", "\n    connect <object>", "\n      sslrootcert <string>"}},
		{[]string{"sources.privateLink"}, exitError, []string{"Error: the spec has no key sources.privateLink; did you mean networks.privateLink?"}},
		{[]string{"nope"}, exitError, []string{"the spec has no key nope (auroracfg explain lists its keys)"}},
		{[]string{"a", "b"}, exitError, []string{"one KEY at most"}},
	} {
		out, code := explainOf(t, c.args...)
		if code != c.code {
			t.Errorf("explain %v: exit %d, want %d\n%s", c.args, code, c.code, out)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("explain %v lacks %q:\n%s", c.args, w, out)
			}
		}
	}
}
