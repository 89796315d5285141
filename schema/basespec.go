package schema

import (
	"fmt"
	"strconv"
)

// A spec decides where auroracfg connects and which secrets it reads to
// log in there: a pull request that points connect.host at its author's
// server and admin.password at another secret would have the PR job read
// that secret and offer it to that server. ChangedTargets compares the
// specs of a run with those of a base branch and refuses every change of
// where a source lives or which secret it reads (plan --base-spec).

// targetFields are the keys that decide where a source's connections go
// and which secrets travel on them.
var targetFields = []struct {
	path  string
	value func(*Source) string
}{
	{"type", func(s *Source) string { return string(s.Type) }},
	{"region", func(s *Source) string { return s.Region }},
	{"cluster", func(s *Source) string { return s.Cluster }},
	{"globalCluster", func(s *Source) string { return s.GlobalCluster }},
	{"database", func(s *Source) string { return s.Database }},
	{"connect.host", func(s *Source) string { return s.Connect.Host }},
	{"connect.port", func(s *Source) string { return portString(s.Connect.Port) }},
	{"connect.sslmode", func(s *Source) string { return s.Connect.SSLMode }},
	{"connect.sslrootcert", func(s *Source) string { return s.Connect.SSLRootCert }},
	{"admin.user", func(s *Source) string { return s.Admin.User }},
	{"admin.password", func(s *Source) string { return refString(s.Admin.Password) }},
	{"admin.managedSecret", func(s *Source) string { return strconv.FormatBool(s.Admin.ManagedSecret) }},
	{"user.password", func(s *Source) string { return refString(s.User.Password) }},
}

func portString(p int) string {
	if p == 0 {
		return ""
	}
	return strconv.Itoa(p)
}

func refString(r *SecretRef) string {
	if r == nil {
		return ""
	}
	return r.String()
}

// ChangedTargets lists, at its position in head, every source that is not
// in base or whose target or secret references differ from base's.
func ChangedTargets(base, head []*File) Diagnostics {
	byName := map[string]*Source{}
	for _, f := range base {
		for i := range f.Spec.Sources {
			byName[f.Spec.Sources[i].Name] = &f.Spec.Sources[i]
		}
	}
	var diags Diagnostics
	for _, f := range head {
		for i := range f.Spec.Sources {
			src, p := &f.Spec.Sources[i], fmt.Sprintf("sources[%d]", i)
			was, ok := byName[src.Name]
			if !ok {
				diags = append(diags, Diagnostic{File: f.Path, Pos: f.PosOf(p + ".name"), Message: fmt.Sprintf(
					"source %q is not in the base spec: --base-spec refuses new sources (where they connect and which secrets they read are the spec author's to choose)", src.Name)})
				continue
			}
			for _, field := range targetFields {
				before, after := field.value(was), field.value(src)
				if before == after {
					continue
				}
				pos := f.PosOf(p + "." + field.path)
				if pos == (Pos{}) {
					pos = f.PosOf(p + ".name")
				}
				diags = append(diags, Diagnostic{File: f.Path, Pos: pos, Message: fmt.Sprintf(
					"source %q: %s changed from %s to %s against the base spec: --base-spec refuses changed hosts and secret references",
					src.Name, field.path, shown(before), shown(after))})
			}
		}
	}
	return diags
}

func shown(v string) string {
	if v == "" {
		return "(unset)"
	}
	return strconv.Quote(v)
}
