package schema

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const validSpec = `version: 1
schemas:
  - name: shop
    include: [app, Sales, 'odd"name']
    futureTablesOwnedBy: [app_owner]
    withoutPrimaryKey: full
sources:
  - name: shop-dev
    type: postgresql
    database: shop
    connect: {host: 127.0.0.1, port: 5432, sslmode: disable}
    admin: {user: admin, password: {fromEnv: SHOP_ADMIN_PASSWORD}}
    user: {name: clickpipes_user, password: {fromEnv: CLICKPIPES_PASSWORD}}
    publication: {name: clickpipes_publication, tables: schemas}
    schemas: [shop]
`

func TestParseValid(t *testing.T) {
	f, err := Parse("spec.yaml", []byte(validSpec))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := Spec{
		Version: 1,
		Schemas: []Scope{{Name: "shop", Include: []string{"app", "Sales", `odd"name`}, FutureTablesOwnedBy: []string{"app_owner"}, WithoutPrimaryKey: "full"}},
		Sources: []Source{{
			Name: "shop-dev", Type: "postgresql", Database: "shop",
			Connect:     Connect{Host: "127.0.0.1", Port: 5432, SSLMode: "disable"},
			Admin:       Admin{User: "admin", Password: &SecretRef{FromEnv: "SHOP_ADMIN_PASSWORD"}},
			User:        User{Name: "clickpipes_user", Password: &SecretRef{FromEnv: "CLICKPIPES_PASSWORD"}},
			Publication: Publication{Name: "clickpipes_publication", Tables: "schemas"},
			Schemas:     []string{"shop"},
		}},
	}
	if diff := cmp.Diff(want, f.Spec); diff != "" {
		t.Errorf("spec mismatch (-want +got):\n%s", diff)
	}
	if got := f.PosOf("sources[0].schemas[0]"); got != (Pos{15, 15}) {
		t.Errorf("PosOf(sources[0].schemas[0]) = %v, want 15:15", got)
	}
}

func TestParseDefaults(t *testing.T) {
	f, err := Parse("spec.yaml", []byte(`version: 1
schemas: [{name: s, include: [public]}]
sources:
  - {name: a, type: postgresql, database: d, user: {password: {fromFile: pw.txt}}, schemas: [s]}
`))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	src := f.Spec.Sources[0]
	got := []string{src.User.Name, src.Publication.Name, src.Publication.Tables, f.Spec.Schemas[0].WithoutPrimaryKey}
	want := []string{"clickpipes_user", "clickpipes_publication", "schemas", "fail"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	tests := []struct {
		name string
		spec string
		want []string
	}{
		{
			name: "many problems at once",
			spec: `version: 1
schemas:
  - name: shop
    include: [app, app, ""]
    withoutPrimaryKey: maybe
    colour: blue
  - name: shop
    include: [x]
sources:
  - name: a
    type: mysql
    database: d
    connect: {port: 99999, sslmode: sometimes}
    admin: {user: root, password: hunter2}
    user: {name: root, password: {fromEnv: "1BAD"}}
    publication: {tables: some}
    schemas: [shop, nope, shop]
`,
			want: []string{
				`spec.yaml:4:20: schema "app" is listed twice`,
				`spec.yaml:4:25: schema name must not be empty`,
				`spec.yaml:5:24: withoutPrimaryKey: "maybe" is not one of fail, full`,
				`spec.yaml:6:5: unknown key "colour" in schemas[0] (valid keys: futureTablesOwnedBy, futureTablesOwnedByAllCreators, include, name, withoutPrimaryKey)`,
				`spec.yaml:7:11: duplicate schema scope name "shop"`,
				`spec.yaml:11:11: type: "mysql" is not one of postgresql, aurora-postgresql`,
				`spec.yaml:13:21: port: 99999 is not a TCP port (1-65535)`,
				`spec.yaml:13:37: sslmode: "sometimes" is not one of disable, allow, prefer, require, verify-ca, verify-full`,
				`spec.yaml:14:35: password: literal secrets are not allowed in a spec; use {fromEnv: VAR}, {fromFile: PATH} or {fromSecretsManager: {secret: NAME}}`,
				`spec.yaml:15:18: user.name: the replication user must not be the admin role "root" (auroracfg never changes the admin's own privileges)`,
				`spec.yaml:15:44: fromEnv: "1BAD" is not an environment variable name`,
				`spec.yaml:16:27: tables: "some" is not one of all, schemas`,
				`spec.yaml:17:21: unknown schema scope "nope" (declare it under the top-level schemas:)`,
				`spec.yaml:17:27: schema scope "shop" is listed twice`,
			},
		},
		{
			name: "wrong types and missing keys",
			spec: `version: "1"
schemas:
  - name: s
    include: public
sources:
  - name: a
    type: postgresql
    connect: {port: abc}
    user: {password: {fromEnv: A, fromFile: b}}
    schemas: [s]
`,
			want: []string{
				`spec.yaml:1:10: version: expected an integer, got string "1"`,
				`spec.yaml:4:14: include: expected a list, got string "public"`,
				`spec.yaml:6:5: missing required key "database" in sources[0]`,
				`spec.yaml:8:21: port: expected an integer, got string "abc"`,
				`spec.yaml:9:22: password: give exactly one of fromEnv, fromFile or fromSecretsManager`,
			},
		},
		{
			name: "aurora keys",
			spec: `version: 1
schemas: [{name: s, include: [public]}]
networks:
  - {name: n, clickpipesRegion: mars-1, securityGroup: {name: a, id: sg-1}, extraCIDRs: [10.0.0.0/8, nope]}
sources:
  - name: a
    type: aurora-postgresql
    database: d
    admin: {managedSecret: true, password: {fromEnv: P}}
    user: {password: {fromSecretsManager: {secret: a/b, key: password}}}
    parameterGroup: {name: default.aurora-postgresql15, reboot: sometimes, walSenderTimeout: "60000"}
    aws: {manage: yes-please}
    network: other
    schemas: [s]
  - name: b
    type: postgresql
    database: d
    region: us-east-1
    user: {password: {fromSecretsManager: {secret: x}}}
    schemas: [s]
`,
			want: []string{
				`spec.yaml:4:33: clickpipesRegion: unknown ClickPipes region "mars-1" (known: af-south-1, ap-east-1, ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-3, ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2, il-central-1, mx-central-1, sa-east-1, us-east-1, us-east-2, us-west-2)`,
				`spec.yaml:4:56: securityGroup: give exactly one of name or id`,
				`spec.yaml:4:102: extraCIDRs: "nope" is not a CIDR (like 203.0.113.7/32)`,
				`spec.yaml:6:5: missing required key "region" in sources[0] (aurora-postgresql sources need it)`,
				`spec.yaml:6:5: missing required key "cluster" in sources[0] (aurora-postgresql sources need it, or globalCluster for an Aurora Global Database)`,
				`spec.yaml:9:28: managedSecret: give either admin.password or admin.managedSecret, not both`,
				`spec.yaml:11:28: name: "default.aurora-postgresql15" is a default parameter group, which AWS does not let anyone modify; name a custom group`,
				`spec.yaml:11:65: reboot: "sometimes" is not one of allowed, never`,
				`spec.yaml:11:94: walSenderTimeout: "60000" must be 0 (no timeout, as the setup guide says) or at least 300000 ms (ClickPipes needs 5 minutes or more)`,
				`spec.yaml:12:19: manage: "yes-please" is not one of apply, observe`,
				`spec.yaml:13:14: unknown network "other" (declare it under the top-level networks:)`,
				`spec.yaml:18:13: region: only aurora-postgresql sources take this key`,
				`spec.yaml:19:43: fromSecretsManager: only aurora-postgresql sources (which name a region) take this key`,
			},
		},
		{
			name: "private networks and global databases",
			spec: `version: 1
schemas: [{name: s, include: [public]}]
networks:
  - {name: pub}
  - {name: pl, clickpipesRegion: us-east-1, privateLink: {type: resource, subnets: [subnet-a, vpc-b, subnet-a], securityGroups: [sg-], allowedRegions: [us-east-2]}}
  - {name: es, privateLink: {type: endpointService, subnets: [], allowedRegions: [us-east-2, Mars, us-east-2]}}
  - {name: odd, privateLink: {type: peering}}
sources:
  - {name: a, type: aurora-postgresql, region: us-east-1, cluster: c, globalCluster: g, database: d, user: {password: {fromEnv: P}}, schemas: [s]}
  - {name: b, type: aurora-postgresql, region: us-east-1, globalCluster: g, database: e, network: es, user: {password: {fromEnv: P}}, schemas: [s]}
  - {name: c, type: postgresql, globalCluster: g, database: d, user: {password: {fromEnv: P}}, schemas: [s]}
`,
			want: []string{
				`spec.yaml:4:5: missing required key "clickpipesRegion" in networks[0] (a network without privateLink needs it)`,
				`spec.yaml:4:5: missing required key "securityGroup" in networks[0] (a network without privateLink needs it)`,
				`spec.yaml:5:34: clickpipesRegion: a privateLink network takes no clickpipesRegion (ClickPipes reaches the writer through PrivateLink, not through public addresses)`,
				`spec.yaml:5:95: subnets: "vpc-b" is not a subnet id (subnet-…)`,
				`spec.yaml:5:102: subnets: "subnet-a" is listed twice`,
				`spec.yaml:5:130: securityGroups: "sg-" is not a security group id (sg-…)`,
				`spec.yaml:5:152: allowedRegions: a resource configuration cannot be reached from another region; use type: endpointService for cross-region ClickPipes`,
				`spec.yaml:6:62: subnets: list at least one subnet of the cluster's VPC`,
				`spec.yaml:6:94: allowedRegions: "Mars" is not an AWS region (like us-east-2)`,
				`spec.yaml:6:100: allowedRegions: "us-east-2" is listed twice`,
				`spec.yaml:7:30: missing required key "subnets" in networks[3].privateLink`,
				`spec.yaml:7:37: type: "peering" is not one of resource, endpointService`,
				`spec.yaml:9:86: globalCluster: give either cluster or globalCluster, not both`,
				`spec.yaml:11:48: globalCluster: only aurora-postgresql sources take this key`,
			},
		},
		{
			// A null or missing password would let apply create a user it
			// can never log in as (and the probe fall back to PGPASSWORD).
			name: "no user password",
			spec: `version: 1
schemas: [{name: s, include: [public]}]
sources:
  - {name: a, type: postgresql, database: d, user: {name: u, password: }, schemas: [s]}
  - {name: b, type: postgresql, database: d, user: {name: u}, schemas: [s]}
`,
			want: []string{
				`spec.yaml:4:72: password: must name where the replication user's password comes from (fromEnv, fromFile or fromSecretsManager), not be empty`,
				`spec.yaml:5:52: missing required key "password" in sources[1].user`,
			},
		},
		{
			// each would widen the publication for its own scope, and the
			// pipes of both would stream both scopes
			name: "one publication for two sources of one database",
			spec: `version: 1
schemas: [{name: s, include: [public]}]
sources:
  - {name: a, type: postgresql, database: d, connect: {host: db, port: 5432}, user: {name: u, password: {fromEnv: P}}, schemas: [s]}
  - {name: b, type: postgresql, database: d, connect: {host: db, port: 5432}, user: {name: v, password: {fromEnv: P}}, schemas: [s]}
  - {name: c, type: postgresql, database: e, connect: {host: db, port: 5432}, user: {name: v, password: {fromEnv: P}}, schemas: [s]}
`,
			want: []string{
				`spec.yaml:5:5: publication "clickpipes_publication" in db:5432/d is also source a's: give each source a publication of its own`,
			},
		},
		{
			name: "duplicate keys",
			spec: "version: 1\nversion: 1\n",
			want: []string{`spec.yaml:2:1: duplicate key "version"`},
		},
		{
			name: "syntax error",
			spec: "version: 1\nsources: [\n",
			want: []string{`spec.yaml:2:1: invalid YAML: did not find expected node content`},
		},
		{
			name: "too long identifier",
			spec: "version: 1\nschemas: [{name: s, include: [" + strings.Repeat("x", 64) + "]}]\nsources: [{name: a, type: postgresql, database: d, user: {password: {fromEnv: P}}, schemas: [s]}]\n",
			want: []string{`spec.yaml:2:31: schema name "` + strings.Repeat("x", 64) + `" is 64 bytes; PostgreSQL identifiers are at most 63`},
		},
		{
			name: "unsupported version",
			spec: "version: 2\nsources: []\n",
			want: []string{`spec.yaml:1:10: version: unsupported spec version 2 (this auroracfg reads version 1)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("spec.yaml", []byte(tt.spec))
			if err == nil {
				t.Fatal("Parse succeeded, want diagnostics")
			}
			var got []string
			for _, d := range err.(Diagnostics) {
				got = append(got, d.Error())
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseRejectsAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString(strings.Replace("aN: &aN [*aP, *aP, *aP, *aP, *aP, *aP, *aP, *aP, *aP, *aP]\n", "N", string(rune('0'+i)), 2))
		s := b.String()
		b.Reset()
		b.WriteString(strings.ReplaceAll(s, "aP", "a"+string(rune('0'+i-1))))
	}
	b.WriteString("version: 1\nschemas: *a8\n")
	_, err := Parse("bomb.yaml", []byte(b.String()))
	ds, ok := err.(Diagnostics)
	// A billion-node expansion would also give a billion diagnostics: the
	// loader must reject the shape without expanding it.
	if !ok || len(ds) == 0 || len(ds) > 20 {
		t.Fatalf("Parse(alias bomb): %d diagnostics (%v), want a quick rejection", len(ds), err)
	}
}

func TestParseRejectsOversizedFiles(t *testing.T) {
	big := "version: 1\n#" + strings.Repeat("x", MaxFileSize)
	_, err := Parse("big.yaml", []byte(big))
	if err == nil || !strings.Contains(err.Error(), "big.yaml: spec is larger than") {
		t.Fatalf("Parse(oversized) error = %v", err)
	}
}
