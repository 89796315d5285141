// Package schema is the auroracfg spec language: Go types, strict YAML loading
// with file:line:column diagnostics, defaults and validation. It never touches
// the network.
package schema

// Spec is one version-1 spec file after loading, defaulting and validation.
type Spec struct {
	Version  int       `yaml:"version,required" doc:"the spec language version; must be 1"`
	Schemas  []Scope   `yaml:"schemas" doc:"replication scopes: sets of PostgreSQL schemas, reusable by several sources"`
	Networks []Network `yaml:"networks" doc:"how ClickPipes reaches Aurora sources: a ClickPipes region's addresses allowed in a security group, or AWS PrivateLink"`
	Sources  []Source  `yaml:"sources" doc:"the databases to prepare as ClickPipes CDC sources"`
}

// Network is how ClickPipes reaches a source: either its static NAT
// addresses allowed in a security group on the source port (public), or
// AWS PrivateLink (privateLink), which needs no public address at all.
type Network struct {
	Name string `yaml:"name,required" doc:"the network's name, which sources[].network refers to"`
	// ClickPipesRegion and SecurityGroup are required for a public network.
	ClickPipesRegion string        `yaml:"clickpipesRegion" doc:"the ClickPipes region whose static NAT addresses are allowed, TCP on the cluster port (public networks)"`
	SecurityGroup    SecurityGroup `yaml:"securityGroup" doc:"the security group the rules go in (public networks): by name, created in the cluster's VPC and added to the cluster, or by id"`
	// ExtraCIDRs are allowed in addition to the shipped ClickPipes addresses.
	ExtraCIDRs  []string     `yaml:"extraCIDRs" doc:"addresses allowed besides the shipped ClickPipes ones (CIDRs)"`
	PrivateLink *PrivateLink `yaml:"privateLink" doc:"AWS PrivateLink instead of public addresses: ClickPipes reaches the writer through a reverse private endpoint"`
}

// PrivateLink types: a VPC Lattice resource configuration (same region as
// the ClickPipes service) or a VPC endpoint service behind an NLB (any
// region).
const (
	PrivateLinkResource        = "resource"
	PrivateLinkEndpointService = "endpointService"
)

// PrivateLink publishes the source's writer to ClickPipes' account through
// AWS PrivateLink (a "reverse private endpoint" on the ClickPipes side).
type PrivateLink struct {
	Type string `yaml:"type,required" doc:"resource: a VPC Lattice resource configuration of the cluster, shared with ClickPipes through RAM (one region); endpointService: a VPC endpoint service behind an internal NLB pointed at the writer (any region)" enum:"resource|endpointService"`
	// Subnets are where the resource gateway or the NLB lives, in the
	// cluster's VPC.
	Subnets []string `yaml:"subnets,required" doc:"subnets of the cluster's VPC for the resource gateway or the NLB"`
	// SecurityGroups are the resource gateway's or NLB's groups; when
	// omitted auroracfg creates one and lets it reach the writer.
	SecurityGroups []string `yaml:"securityGroups" doc:"the gateway's or NLB's security groups; omitted, auroracfg creates auroracfg-NETWORK and lets it reach the writer"`
	// AllowedRegions are the ClickPipes regions allowed to connect across
	// regions (endpointService only).
	AllowedRegions []string `yaml:"allowedRegions" doc:"endpointService only: the ClickPipes regions allowed to connect besides the service's own"`
}

// SecurityGroup names a security group: by name (created in the cluster's
// VPC when missing) or by id (must exist).
type SecurityGroup struct {
	Name string `yaml:"name" doc:"a security group name: created in the cluster's VPC when missing"`
	ID   string `yaml:"id" doc:"a security group id (sg-...): must exist"`
}

// Scope is a reusable replication scope: a set of PostgreSQL schemas and the
// roles whose future tables must stay readable by the replication user.
type Scope struct {
	Name                string   `yaml:"name,required" doc:"the scope's name (letters, digits, . _ -), which sources[].schemas refers to"`
	Include             []string `yaml:"include,required" doc:"PostgreSQL schema names, exact: case and quotes preserved, at most 63 bytes"`
	FutureTablesOwnedBy []string `yaml:"futureTablesOwnedBy" doc:"roles whose future tables in these schemas the user may read (ALTER DEFAULT PRIVILEGES FOR ROLE ... GRANT SELECT ON TABLES)" default:"[]"`
	// FutureTablesOwnedByAllCreators adds every role that can create tables
	// in the scope's schemas (owners and roles with CREATE), as observed at
	// each plan, to FutureTablesOwnedBy.
	FutureTablesOwnedByAllCreators bool `yaml:"futureTablesOwnedByAllCreators" doc:"also every role that can create tables in these schemas, as observed at each plan (superusers excepted); without it each such role not listed is a warning" default:"false"`
	// WithoutPrimaryKey says what to do with tables that have no replica
	// identity: "fail" (default) blocks publishing them, "full" sets
	// REPLICA IDENTITY FULL first.
	WithoutPrimaryKey string `yaml:"withoutPrimaryKey" doc:"what to do with a table that has no replica identity: fail blocks the publication, full sets REPLICA IDENTITY FULL first (more WAL)" default:"fail" enum:"fail|full"`
}

// Reboot policies and AWS management modes.
const (
	RebootAllowed = "allowed"
	RebootNever   = "never"
	ManageApply   = "apply"
	ManageObserve = "observe"
)

// Publication table modes.
const (
	TablesAll     = "all"
	TablesSchemas = "schemas"
)

// WithoutPrimaryKey policies.
const (
	NoKeyFail = "fail"
	NoKeyFull = "full"
)

// Source is one database to prepare as a ClickPipes CDC source.
type Source struct {
	Name        string      `yaml:"name,required" doc:"the source's name, unique across all files of a run"`
	Type        SourceType  `yaml:"type,required" doc:"the kind of source"`
	Database    string      `yaml:"database,required" doc:"the database to prepare"`
	Connect     Connect     `yaml:"connect" doc:"how to reach the server; libpq environment variables (PGHOST, PGPORT, PGSSLMODE, ...) fill whatever is left out"`
	Admin       Admin       `yaml:"admin" doc:"the role auroracfg connects as to observe and change the database; never changed itself"`
	User        User        `yaml:"user,required" doc:"the replication user ClickPipes logs in as"`
	Publication Publication `yaml:"publication" doc:"the publication ClickPipes reads"`
	Schemas     []string    `yaml:"schemas,required" doc:"scope names from the top-level schemas"`

	// Aurora sources (type aurora-postgresql).
	Region  string `yaml:"region" doc:"the AWS region of the cluster (where a Global Database is first looked for)"`
	Cluster string `yaml:"cluster" doc:"the Aurora DB cluster identifier"`
	// GlobalCluster names an Aurora Global Database instead of Cluster: the
	// source is its primary cluster, wherever that is at each plan.
	GlobalCluster  string         `yaml:"globalCluster" doc:"an Aurora Global Database instead of cluster: the source is its primary cluster, wherever it is at each plan"`
	ParameterGroup ParameterGroup `yaml:"parameterGroup" doc:"the custom DB cluster parameter group that turns logical replication on"`
	Network        string         `yaml:"network" doc:"a top-level networks entry: how ClickPipes reaches the cluster"`
	AWS            AWS            `yaml:"aws" doc:"how auroracfg treats the source's AWS side"`
}

// ParameterGroup is the custom DB cluster parameter group that turns on
// logical replication.
type ParameterGroup struct {
	Name string `yaml:"name" doc:"the group's name; created (family from the engine version) when the cluster uses a default group, which AWS lets nobody modify" default:"CLUSTER-clickpipes"`
	// Reboot says whether apply may reboot the cluster to make the static
	// rds.logical_replication take effect: allowed or never (default).
	Reboot string `yaml:"reboot" doc:"whether apply may reboot the cluster so the static rds.logical_replication takes effect (or pass apply --allow-reboot)" default:"never" enum:"allowed|never"`
	// WalSenderTimeout is wal_sender_timeout in milliseconds: "0" (the
	// guide; default) or at least 300000 (ClickPipes' FAQ).
	WalSenderTimeout string `yaml:"walSenderTimeout" doc:"wal_sender_timeout in ms: 0 (the setup guide) or at least 300000 (ClickPipes needs 5 minutes or more)" default:"0"`
	// MaxSlotWalKeepSize is max_slot_wal_keep_size in MB ("-1" unbounded);
	// unset leaves the group's value alone.
	MaxSlotWalKeepSize string `yaml:"maxSlotWalKeepSize" doc:"max_slot_wal_keep_size in MB (-1 unbounded); unset leaves the group's value alone"`
}

// AWS says how auroracfg treats the AWS side of a source.
type AWS struct {
	// Manage is apply (default: execute AWS changes) or observe (plan and
	// explain them only, for clusters owned by Terraform or CloudFormation).
	Manage string `yaml:"manage" doc:"apply executes the AWS changes; observe plans and explains them only (clusters owned by Terraform or CloudFormation)" default:"apply" enum:"apply|observe"`
}

// Connect says how to reach the server; libpq environment variables
// (PGHOST, PGPORT, PGSSLMODE, …) fill whatever is left empty.
type Connect struct {
	Host    string `yaml:"host" doc:"the server's host name or address" default:"PGHOST"`
	Port    int    `yaml:"port" doc:"the server's TCP port" default:"PGPORT"`
	SSLMode string `yaml:"sslmode" doc:"libpq's sslmode" default:"PGSSLMODE" enum:"disable|allow|prefer|require|verify-ca|verify-full"`
	// SSLRootCert is the CA that signed the server's certificate (PEM),
	// relative to the spec's directory, for verify-ca and verify-full.
	SSLRootCert string `yaml:"sslrootcert" doc:"the CA (PEM) that signed the server's certificate, relative to the spec's directory, for verify-ca and verify-full; the hand-off names it" default:"PGSSLROOTCERT"`
}

// Admin is the role auroracfg connects as to observe and change the database.
type Admin struct {
	User     string     `yaml:"user" doc:"the admin role" default:"PGUSER"`
	Password *SecretRef `yaml:"password" doc:"the admin's password, a secret reference" default:"PGPASSWORD or .pgpass"`
	// ManagedSecret uses the cluster's RDS-managed master user secret.
	ManagedSecret bool `yaml:"managedSecret" doc:"use the cluster's RDS-managed master user secret (Aurora)" default:"false"`
}

// User is the replication user ClickPipes will connect as.
type User struct {
	Name     string     `yaml:"name" doc:"the replication user's role name; must not be the admin" default:"clickpipes_user"`
	Password *SecretRef `yaml:"password,required" doc:"the user's password, a secret reference (auroracfg sets it as a SCRAM-SHA-256 verifier)"`
}

// Publication is the publication ClickPipes will read.
type Publication struct {
	Name   string `yaml:"name" doc:"the publication's name; two sources in one database may not share one" default:"clickpipes_publication"`
	Tables string `yaml:"tables" doc:"schemas: FOR TABLES IN SCHEMA the scoped schemas (15+; a table list kept in sync on 12-14); all: FOR ALL TABLES" default:"schemas" enum:"schemas|all"`
}

// SecretRef points at a secret; the spec never holds a secret value.
type SecretRef struct {
	FromEnv            string                   `yaml:"fromEnv" doc:"the name of an environment variable holding the secret"`
	FromFile           string                   `yaml:"fromFile" doc:"a file holding the secret, relative to the spec's directory (a trailing newline is dropped)"`
	FromSecretsManager *SecretsManagerReference `yaml:"fromSecretsManager" doc:"an AWS Secrets Manager secret in the source's region (Aurora sources)"`
}

// SecretsManagerReference is a Secrets Manager secret (name or ARN) in the
// source's region, optionally a key of its JSON value.
type SecretsManagerReference struct {
	Secret string `yaml:"secret,required" doc:"the secret's name or ARN"`
	Key    string `yaml:"key" doc:"a key of the secret's JSON value; omitted, the whole value"`
}

// String describes where the secret lives, never its value.
func (r *SecretRef) String() string {
	switch {
	case r == nil:
		return "(none)"
	case r.FromEnv != "":
		return "env:" + r.FromEnv
	case r.FromFile != "":
		return "file:" + r.FromFile
	case r.FromSecretsManager != nil:
		if r.FromSecretsManager.Key != "" {
			return "secretsmanager:" + r.FromSecretsManager.Secret + "#" + r.FromSecretsManager.Key
		}
		return "secretsmanager:" + r.FromSecretsManager.Secret
	}
	return "(empty)"
}

// ClusterName is the cluster or global database the source names.
func (s *Source) ClusterName() string {
	if s.GlobalCluster != "" {
		return s.GlobalCluster
	}
	return s.Cluster
}

// NetworkByName returns the named network, or nil.
func (s *Spec) NetworkByName(name string) *Network {
	for i := range s.Networks {
		if s.Networks[i].Name == name {
			return &s.Networks[i]
		}
	}
	return nil
}

// ScopeByName returns the named scope, or nil.
func (s *Spec) ScopeByName(name string) *Scope {
	for i := range s.Schemas {
		if s.Schemas[i].Name == name {
			return &s.Schemas[i]
		}
	}
	return nil
}
