package schema

import (
	"fmt"
	"regexp"
	"strings"
)

// Defaults for keys a spec may leave out.
const (
	DefaultUserName        = "clickpipes_user"
	DefaultPublicationName = "clickpipes_publication"
)

// maxIdentifierBytes is PostgreSQL's NAMEDATALEN-1: longer names are
// silently truncated by the server, so two spec names could collide.
const maxIdentifierBytes = 63

var (
	nameRE   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$`)
	envVarRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	sslModes = []string{"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}
)

func applyDefaults(s *Spec) {
	for i := range s.Schemas {
		if s.Schemas[i].WithoutPrimaryKey == "" {
			s.Schemas[i].WithoutPrimaryKey = NoKeyFail
		}
	}
	for i := range s.Sources {
		src := &s.Sources[i]
		if src.User.Name == "" {
			src.User.Name = DefaultUserName
		}
		if src.Publication.Name == "" {
			src.Publication.Name = DefaultPublicationName
		}
		if src.Publication.Tables == "" {
			src.Publication.Tables = TablesSchemas
		}
	}
}

type validator struct {
	f     *File
	diags Diagnostics
}

func (v *validator) errorf(path, format string, args ...any) {
	if v.f.undecodable[path] {
		return
	}
	v.diags = append(v.diags, Diagnostic{File: v.f.Path, Pos: v.f.PosOf(path), Message: fmt.Sprintf(format, args...)})
}

// validate checks the meaning of a decoded spec: every problem, not the first.
func validate(f *File, decodeFailed bool) Diagnostics {
	v := &validator{f: f}
	s := &f.Spec
	if s.Version != 1 && f.positions["version"] != (Pos{}) {
		v.errorf("version", "version: unsupported spec version %d (this auroracfg reads version 1)", s.Version)
	}
	scopes := map[string]bool{}
	for i, sc := range s.Schemas {
		p := fmt.Sprintf("schemas[%d]", i)
		v.name(p+".name", "schema scope", sc.Name, scopes)
		if len(sc.Include) == 0 && f.positions[p+".include"] != (Pos{}) {
			v.errorf(p+".include", "include: list at least one PostgreSQL schema")
		}
		v.identifiers(p+".include", "schema", sc.Include)
		v.identifiers(p+".futureTablesOwnedBy", "role", sc.FutureTablesOwnedBy)
		v.oneOf(p+".withoutPrimaryKey", "withoutPrimaryKey", sc.WithoutPrimaryKey, NoKeyFail, NoKeyFull)
	}
	sources := map[string]bool{}
	for i := range s.Sources {
		v.source(fmt.Sprintf("sources[%d]", i), &s.Sources[i], scopes, sources)
	}
	if len(s.Sources) == 0 && len(v.diags) == 0 && !decodeFailed {
		v.errorf("", "spec declares no sources")
	}
	return v.diags
}

func (v *validator) source(p string, src *Source, scopes, seen map[string]bool) {
	v.name(p+".name", "source", src.Name, seen)
	v.oneOf(p+".type", "type", src.Type, TypePostgreSQL)
	v.identifier(p+".database", "database", src.Database)
	if c := src.Connect; c.Port != 0 && (c.Port < 1 || c.Port > 65535) {
		v.errorf(p+".connect.port", "port: %d is not a TCP port (1-65535)", c.Port)
	}
	v.oneOf(p+".connect.sslmode", "sslmode", src.Connect.SSLMode, sslModes...)
	if src.Admin.User != "" {
		v.identifier(p+".admin.user", "role", src.Admin.User)
	}
	v.secret(p+".admin.password", src.Admin.Password)
	v.identifier(p+".user.name", "role", src.User.Name)
	v.secret(p+".user.password", src.User.Password)
	if src.Admin.User != "" && src.Admin.User == src.User.Name {
		v.errorf(p+".user.name", "user.name: the replication user must not be the admin role %q (auroracfg never changes the admin's own privileges)", src.Admin.User)
	}
	v.identifier(p+".publication.name", "publication", src.Publication.Name)
	v.oneOf(p+".publication.tables", "tables", src.Publication.Tables, TablesAll, TablesSchemas)
	if len(src.Schemas) == 0 && v.f.positions[p+".schemas"] != (Pos{}) {
		v.errorf(p+".schemas", "schemas: list at least one schema scope")
	}
	used := map[string]bool{}
	for j, name := range src.Schemas {
		ep := fmt.Sprintf("%s.schemas[%d]", p, j)
		switch {
		case used[name]:
			v.errorf(ep, "schema scope %q is listed twice", name)
		case !scopes[name]:
			v.errorf(ep, "unknown schema scope %q (declare it under the top-level schemas:)", name)
		}
		used[name] = true
	}
}

// name checks a spec-level name (scope, source) and its uniqueness.
func (v *validator) name(path, what, name string, seen map[string]bool) {
	if name == "" {
		if v.f.positions[path] != (Pos{}) {
			v.errorf(path, "name: %s name must not be empty", what)
		}
		return
	}
	if !nameRE.MatchString(name) {
		v.errorf(path, "name: %s name %q must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit", what, name)
	}
	if seen[name] {
		v.errorf(path, "duplicate %s name %q", what, name)
	}
	seen[name] = true
}

func (v *validator) identifiers(path, what string, names []string) {
	seen := map[string]bool{}
	for i, n := range names {
		p := fmt.Sprintf("%s[%d]", path, i)
		v.identifier(p, what, n)
		if seen[n] {
			v.errorf(p, "%s %q is listed twice", what, n)
		}
		seen[n] = true
	}
}

// identifier checks a PostgreSQL identifier. Any character but NUL is
// allowed (quotes, spaces, unicode): auroracfg always quotes identifiers.
func (v *validator) identifier(path, what, name string) {
	switch {
	case name == "":
		if v.f.positions[path] != (Pos{}) {
			v.errorf(path, "%s name must not be empty", what)
		}
	case strings.ContainsRune(name, 0):
		v.errorf(path, "%s name %q contains a NUL byte", what, name)
	case len(name) > maxIdentifierBytes:
		v.errorf(path, "%s name %q is %d bytes; PostgreSQL identifiers are at most %d", what, name, len(name), maxIdentifierBytes)
	}
}

func (v *validator) oneOf(path, key, value string, allowed ...string) {
	if value == "" {
		return
	}
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	v.errorf(path, "%s: %q is not one of %s", key, value, strings.Join(allowed, ", "))
}

func (v *validator) secret(path string, r *SecretRef) {
	if r == nil {
		return
	}
	set := 0
	if r.FromEnv != "" {
		set++
		if !envVarRE.MatchString(r.FromEnv) {
			v.errorf(path+".fromEnv", "fromEnv: %q is not an environment variable name", r.FromEnv)
		}
	}
	if r.FromFile != "" {
		set++
	}
	if set != 1 {
		v.errorf(path, "%s: give exactly one of fromEnv or fromFile", keyName(path))
	}
}
