// Package schema is the auroracfg spec language: Go types, strict YAML loading
// with file:line:column diagnostics, defaults and validation. It never touches
// the network.
package schema

// Spec is one version-1 spec file after loading, defaulting and validation.
type Spec struct {
	Version  int       `yaml:"version,required"`
	Schemas  []Scope   `yaml:"schemas"`
	Networks []Network `yaml:"networks"`
	Sources  []Source  `yaml:"sources"`
}

// Network is how ClickPipes reaches a source: either its static NAT
// addresses allowed in a security group on the source port (public), or
// AWS PrivateLink (privateLink), which needs no public address at all.
type Network struct {
	Name string `yaml:"name,required"`
	// ClickPipesRegion and SecurityGroup are required for a public network.
	ClickPipesRegion string        `yaml:"clickpipesRegion"`
	SecurityGroup    SecurityGroup `yaml:"securityGroup"`
	// ExtraCIDRs are allowed in addition to the shipped ClickPipes addresses.
	ExtraCIDRs  []string     `yaml:"extraCIDRs"`
	PrivateLink *PrivateLink `yaml:"privateLink"`
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
	Type string `yaml:"type,required"`
	// Subnets are where the resource gateway or the NLB lives, in the
	// cluster's VPC.
	Subnets []string `yaml:"subnets,required"`
	// SecurityGroups are the resource gateway's or NLB's groups; when
	// omitted auroracfg creates one and lets it reach the writer.
	SecurityGroups []string `yaml:"securityGroups"`
	// AllowedRegions are the ClickPipes regions allowed to connect across
	// regions (endpointService only).
	AllowedRegions []string `yaml:"allowedRegions"`
}

// SecurityGroup names a security group: by name (created in the cluster's
// VPC when missing) or by id (must exist).
type SecurityGroup struct {
	Name string `yaml:"name"`
	ID   string `yaml:"id"`
}

// Scope is a reusable replication scope: a set of PostgreSQL schemas and the
// roles whose future tables must stay readable by the replication user.
type Scope struct {
	Name                string   `yaml:"name,required"`
	Include             []string `yaml:"include,required"`
	FutureTablesOwnedBy []string `yaml:"futureTablesOwnedBy"`
	// FutureTablesOwnedByAllCreators adds every role that can create tables
	// in the scope's schemas (owners and roles with CREATE), as observed at
	// each plan, to FutureTablesOwnedBy.
	FutureTablesOwnedByAllCreators bool `yaml:"futureTablesOwnedByAllCreators"`
	// WithoutPrimaryKey says what to do with tables that have no replica
	// identity: "fail" (default) blocks publishing them, "full" sets
	// REPLICA IDENTITY FULL first.
	WithoutPrimaryKey string `yaml:"withoutPrimaryKey"`
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
	Name        string      `yaml:"name,required"`
	Type        SourceType  `yaml:"type,required"`
	Database    string      `yaml:"database,required"`
	Connect     Connect     `yaml:"connect"`
	Admin       Admin       `yaml:"admin"`
	User        User        `yaml:"user,required"`
	Publication Publication `yaml:"publication"`
	Schemas     []string    `yaml:"schemas,required"`

	// Aurora sources (type aurora-postgresql).
	Region  string `yaml:"region"`
	Cluster string `yaml:"cluster"`
	// GlobalCluster names an Aurora Global Database instead of Cluster: the
	// source is its primary cluster, wherever that is at each plan.
	GlobalCluster  string         `yaml:"globalCluster"`
	ParameterGroup ParameterGroup `yaml:"parameterGroup"`
	Network        string         `yaml:"network"`
	AWS            AWS            `yaml:"aws"`
}

// ParameterGroup is the custom DB cluster parameter group that turns on
// logical replication.
type ParameterGroup struct {
	Name string `yaml:"name"`
	// Reboot says whether apply may reboot the cluster to make the static
	// rds.logical_replication take effect: allowed or never (default).
	Reboot string `yaml:"reboot"`
	// WalSenderTimeout is wal_sender_timeout in milliseconds: "0" (the
	// guide; default) or at least 300000 (ClickPipes' FAQ).
	WalSenderTimeout string `yaml:"walSenderTimeout"`
	// MaxSlotWalKeepSize is max_slot_wal_keep_size in MB ("-1" unbounded);
	// unset leaves the group's value alone.
	MaxSlotWalKeepSize string `yaml:"maxSlotWalKeepSize"`
}

// AWS says how auroracfg treats the AWS side of a source.
type AWS struct {
	// Manage is apply (default: execute AWS changes) or observe (plan and
	// explain them only, for clusters owned by Terraform or CloudFormation).
	Manage string `yaml:"manage"`
}

// Connect says how to reach the server; libpq environment variables
// (PGHOST, PGPORT, PGSSLMODE, …) fill whatever is left empty.
type Connect struct {
	Host    string `yaml:"host"`
	Port    int    `yaml:"port"`
	SSLMode string `yaml:"sslmode"`
	// SSLRootCert is the CA that signed the server's certificate (PEM),
	// relative to the spec's directory, for verify-ca and verify-full.
	SSLRootCert string `yaml:"sslrootcert"`
}

// Admin is the role auroracfg connects as to observe and change the database.
type Admin struct {
	User     string     `yaml:"user"`
	Password *SecretRef `yaml:"password"`
	// ManagedSecret uses the cluster's RDS-managed master user secret.
	ManagedSecret bool `yaml:"managedSecret"`
}

// User is the replication user ClickPipes will connect as.
type User struct {
	Name     string     `yaml:"name"`
	Password *SecretRef `yaml:"password,required"`
}

// Publication is the publication ClickPipes will read.
type Publication struct {
	Name   string `yaml:"name"`
	Tables string `yaml:"tables"`
}

// SecretRef points at a secret; the spec never holds a secret value.
type SecretRef struct {
	FromEnv            string                   `yaml:"fromEnv"`
	FromFile           string                   `yaml:"fromFile"`
	FromSecretsManager *SecretsManagerReference `yaml:"fromSecretsManager"`
}

// SecretsManagerReference is a Secrets Manager secret (name or ARN) in the
// source's region, optionally a key of its JSON value.
type SecretsManagerReference struct {
	Secret string `yaml:"secret,required"`
	Key    string `yaml:"key"`
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
