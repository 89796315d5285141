package schema

import (
	"fmt"
	"net/netip"
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
		if t := typeOf(src.Type); t.defaults != nil {
			t.defaults(src)
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
	networks := map[string]bool{}
	for i := range s.Networks {
		v.network(fmt.Sprintf("networks[%d]", i), &s.Networks[i], networks)
	}
	sources := map[string]bool{}
	publications := map[string]string{} // database and publication → the source that has them
	for i := range s.Sources {
		v.source(fmt.Sprintf("sources[%d]", i), &s.Sources[i], scopes, sources)
		v.sourceOfType(fmt.Sprintf("sources[%d]", i), &s.Sources[i], networks)
		v.samePublication(fmt.Sprintf("sources[%d]", i), &s.Sources[i], publications)
	}
	if len(s.Sources) == 0 && len(v.diags) == 0 && !decodeFailed {
		v.errorf("", "spec declares no sources")
	}
	return v.diags
}

func (v *validator) source(p string, src *Source, scopes, seen map[string]bool) {
	v.name(p+".name", "source", src.Name, seen)
	v.oneOf(p+".type", "type", string(src.Type), typeNames()...)
	v.identifier(p+".database", "database", src.Database)
	if c := src.Connect; c.Port != 0 && (c.Port < 1 || c.Port > 65535) {
		v.errorf(p+".connect.port", "port: %d is not a TCP port (1-65535)", c.Port)
	}
	v.oneOf(p+".connect.sslmode", "sslmode", src.Connect.SSLMode, sslModes...)
	if src.Admin.User != "" {
		v.identifier(p+".admin.user", "role", src.Admin.User)
	}
	v.secret(p+".admin.password", src.Admin.Password)
	if src.Admin.ManagedSecret && src.Admin.Password != nil {
		v.errorf(p+".admin.managedSecret", "managedSecret: give either admin.password or admin.managedSecret, not both")
	}
	v.identifier(p+".user.name", "role", src.User.Name)
	v.secret(p+".user.password", src.User.Password)
	if at := p + ".user.password"; src.User.Password == nil && v.f.positions[at] != (Pos{}) {
		// "password:" with no value (a missing key is reported as such).
		// Without it apply could create the user but never log in as it,
		// and the login probe would fall back to libpq's PGPASSWORD.
		v.errorf(at, "password: must name where the replication user's password comes from (fromEnv, fromFile or fromSecretsManager), not be empty")
	}
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
	if r.FromSecretsManager != nil {
		set++
		if r.FromSecretsManager.Secret == "" && v.f.positions[path+".fromSecretsManager.secret"] != (Pos{}) {
			v.errorf(path+".fromSecretsManager.secret", "secret: name or ARN must not be empty")
		}
	}
	if set != 1 {
		v.errorf(path, "%s: give exactly one of fromEnv, fromFile or fromSecretsManager", keyName(path))
	}
}

func (v *validator) network(p string, n *Network, seen map[string]bool) {
	v.name(p+".name", "network", n.Name, seen)
	if n.PrivateLink != nil {
		v.privateLink(p, n)
		return
	}
	for _, key := range []string{"clickpipesRegion", "securityGroup"} {
		if v.f.positions[p+"."+key] == (Pos{}) && !v.f.undecodable[p] && v.f.positions[p+".privateLink"] == (Pos{}) {
			v.errorf(p, "missing required key %q in %s (a network without privateLink needs it)", key, p)
		}
	}
	if _, ok := ClickPipesCIDRs(n.ClickPipesRegion); !ok && n.ClickPipesRegion != "" {
		v.errorf(p+".clickpipesRegion", "clickpipesRegion: unknown ClickPipes region %q (known: %s)", n.ClickPipesRegion, strings.Join(ClickPipesRegions(), ", "))
	}
	sg := n.SecurityGroup
	if (sg.Name == "") == (sg.ID == "") && v.f.positions[p+".securityGroup"] != (Pos{}) {
		v.errorf(p+".securityGroup", "securityGroup: give exactly one of name or id")
	}
	if sg.ID != "" && !strings.HasPrefix(sg.ID, "sg-") {
		v.errorf(p+".securityGroup.id", "id: %q is not a security group id (sg-…)", sg.ID)
	}
	for i, c := range n.ExtraCIDRs {
		if _, err := netip.ParsePrefix(c); err != nil {
			v.errorf(fmt.Sprintf("%s.extraCIDRs[%d]", p, i), "extraCIDRs: %q is not a CIDR (like 203.0.113.7/32)", c)
		}
	}
}

var awsRegionRE = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]$`)

// privateLink checks a PrivateLink network: it takes none of the public
// network's keys, and its ids look like AWS ids.
func (v *validator) privateLink(p string, n *Network) {
	for _, key := range []string{"clickpipesRegion", "securityGroup", "extraCIDRs"} {
		if v.f.positions[p+"."+key] != (Pos{}) {
			v.errorf(p+"."+key, "%s: a privateLink network takes no %s (ClickPipes reaches the writer through PrivateLink, not through public addresses)", key, key)
		}
	}
	pl, pp := n.PrivateLink, p+".privateLink"
	v.oneOf(pp+".type", "type", pl.Type, PrivateLinkResource, PrivateLinkEndpointService)
	if len(pl.Subnets) == 0 && v.f.positions[pp+".subnets"] != (Pos{}) {
		v.errorf(pp+".subnets", "subnets: list at least one subnet of the cluster's VPC")
	}
	v.awsIDs(pp+".subnets", "subnet", "subnet-", pl.Subnets)
	v.awsIDs(pp+".securityGroups", "security group", "sg-", pl.SecurityGroups)
	if len(pl.AllowedRegions) > 0 && pl.Type == PrivateLinkResource {
		v.errorf(pp+".allowedRegions", "allowedRegions: a resource configuration cannot be reached from another region; use type: endpointService for cross-region ClickPipes")
	}
	seen := map[string]bool{}
	for i, r := range pl.AllowedRegions {
		at := fmt.Sprintf("%s.allowedRegions[%d]", pp, i)
		switch {
		case !awsRegionRE.MatchString(r):
			v.errorf(at, "allowedRegions: %q is not an AWS region (like us-east-2)", r)
		case seen[r]:
			v.errorf(at, "allowedRegions: %q is listed twice", r)
		}
		seen[r] = true
	}
}

// awsIDs checks a list of AWS resource ids of one kind.
func (v *validator) awsIDs(path, what, prefix string, ids []string) {
	seen := map[string]bool{}
	for i, id := range ids {
		at := fmt.Sprintf("%s[%d]", path, i)
		switch {
		case !strings.HasPrefix(id, prefix) || len(id) == len(prefix):
			v.errorf(at, "%s: %q is not a %s id (%s…)", keyName(path), id, what, prefix)
		case seen[id]:
			v.errorf(at, "%s: %q is listed twice", keyName(path), id)
		}
		seen[id] = true
	}
}

// samePublication refuses two sources with one publication in one database:
// each would widen (or re-create) it for its own scope, and the pipes of
// both would stream both scopes. The database is known only where the spec
// names it all: host, port and database, or region, cluster and database.
func (v *validator) samePublication(p string, src *Source, seen map[string]string) {
	key, where, ok := publicationKey(src)
	if !ok {
		return
	}
	if other, dup := seen[key]; dup {
		v.errorf(publicationPath(v.f, p), "publication %q in %s is also source %s's: give each source a publication of its own", src.Publication.Name, where, other)
		return
	}
	seen[key] = src.Name
}

// publicationKey names a source's database and publication, when the spec
// names the database all the way: host, port and database, or region,
// cluster and database.
func publicationKey(src *Source) (key, where string, ok bool) {
	where, ok = typeOf(src.Type).database(src)
	if !ok {
		return "", "", false
	}
	return where + "|" + src.Publication.Name, where, true
}

// publicationPath is where a source's publication is written (its name,
// the block, or the source when the default name is used).
func publicationPath(f *File, p string) string {
	for _, try := range []string{p + ".publication.name", p + ".publication", p} {
		if f.positions[try] != (Pos{}) {
			return try
		}
	}
	return p + ".publication.name"
}
