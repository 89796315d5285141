package plan

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Severity of a finding.
type Severity string

// Severities.
const (
	SeverityBlocker Severity = "blocker" // the source is not ready until it is fixed
	SeverityWarning Severity = "warning"
)

// FindingCode names a kind of finding; readiness checks match findings by
// code, never by the text of their id.
type FindingCode string

// Finding codes.
const (
	FindingServerVersion                   FindingCode = "server-version"                     // PostgreSQL older than 12
	FindingEngine                          FindingCode = "engine"                             // the cluster is not aurora-postgresql
	FindingEngineVersion                   FindingCode = "engine-version"                     // an Aurora engine version without logical replication support
	FindingStandby                         FindingCode = "standby"                            // connected to a standby
	FindingPooler                          FindingCode = "pooler"                             // a pooler or proxy between auroracfg and the server
	FindingWalLevel                        FindingCode = "wal-level"                          // wal_level is not logical
	FindingMaxWalSenders                   FindingCode = "max-wal-senders"                    // too few WAL senders
	FindingReplicationSlots                FindingCode = "replication-slots"                  // no free replication slot
	FindingDropSlot                        FindingCode = "drop-slot"                          // a --drop-slot that cannot be done (subject: the slot)
	FindingInactiveSlot                    FindingCode = "inactive-slot"                      // an abandoned slot retaining WAL (subject: the slot)
	FindingMaxSlotWalKeepSize              FindingCode = "max-slot-wal-keep-size"             // WAL kept by slots is unbounded
	FindingIdleSlotTimeout                 FindingCode = "idle-slot-timeout"                  // idle slots are dropped too soon (18+)
	FindingBeingApplied                    FindingCode = "being-applied"                      // another apply holds the source's lock
	FindingAdminIsUser                     FindingCode = "admin-is-user"                      // auroracfg connects as the replication user itself
	FindingPasswordExpired                 FindingCode = "password-expired"                   // the user's VALID UNTIL is past
	FindingUserPowers                      FindingCode = "user-powers"                        // the user holds more than a pipe needs
	FindingSendersBusy                     FindingCode = "senders-busy"                       // no WAL sender was free for the probe
	FindingLoginRefused                    FindingCode = "login-refused"                      // the server refuses the user's login
	FindingReplicationConnection           FindingCode = "replication-connection"             // the server refuses the user's replication connection
	FindingMissingSchema                   FindingCode = "missing-schema"                     // a scoped schema does not exist (subject: the schema)
	FindingEmptyScope                      FindingCode = "empty-scope"                        // none of a scope's schemas exists (subject: the scope)
	FindingNothingToPublish                FindingCode = "nothing-to-publish"                 // the publication would publish no table
	FindingMissingOwner                    FindingCode = "missing-owner"                      // a futureTablesOwnedBy role does not exist (subject: the role)
	FindingFutureTables                    FindingCode = "future-tables"                      // a role may create tables the user would not read (subject: the role)
	FindingFutureTablesPublic              FindingCode = "future-tables-public"               // PUBLIC may create tables in a scoped schema
	FindingPublicationForm                 FindingCode = "publication-form"                   // the publication has another form than the spec's
	FindingPublishedInPart                 FindingCode = "published-in-part"                  // the publication leaves out operations, rows or columns
	FindingUnpublishable                   FindingCode = "unpublishable"                      // tables in scope PostgreSQL cannot publish (unlogged)
	FindingUnreadableElsewhere             FindingCode = "unreadable-out-of-scope"            // tables: all publishes tables the user cannot read
	FindingRowSecurity                     FindingCode = "row-security"                       // the initial load would miss rows policies hide
	FindingGeneratedKey                    FindingCode = "generated-key"                      // a generated column in the primary key
	FindingDottedNames                     FindingCode = "dotted-names"                       // names ClickPipes cannot replicate
	FindingViaRootAdvice                   FindingCode = "via-root-advice"                    // an all-tables publication publishes partitions by name
	FindingPartitionsOutOfScope            FindingCode = "partitions-out-of-scope"            // partitions out of scope never published (12)
	FindingReplicaIdentity                 FindingCode = "replica-identity"                   // tables to publish without a replica identity
	FindingReplicaIdentityFailing          FindingCode = "replica-identity-failing"           // published tables without a replica identity: writes failing now
	FindingReplicaIdentityGenerated        FindingCode = "replica-identity-generated"         // a FULL identity would hold a virtual generated column (18+)
	FindingReplicaIdentityGeneratedFailing FindingCode = "replica-identity-generated-failing" // the same, failing writes now
	FindingWideFullIdentity                FindingCode = "wide-full-identity"                 // FULL identities on wide tables
	FindingParameterGroup                  FindingCode = "parameter-group"                    // the cluster uses another custom parameter group
	FindingParameterGroupShared            FindingCode = "parameter-group-shared"             // the spec's group is another cluster's too
	FindingCloudFormation                  FindingCode = "cloudformation"                     // the cluster belongs to a CloudFormation stack
	FindingSecurityGroup                   FindingCode = "security-group"                     // the spec's security group does not exist
	FindingClusterVPC                      FindingCode = "cluster-vpc"                        // the cluster's VPC is unknown: no group can be made in it (subject: the network)
	FindingStaleIngress                    FindingCode = "stale-ingress"                      // ingress rules auroracfg created that the spec no longer wants
	FindingPrivateLinkSubnets              FindingCode = "private-link-subnets"               // the private path's subnets are missing, elsewhere or full
	FindingPrivateLinkReach                FindingCode = "private-link-reach"                 // the spec's groups cannot reach the writer's port
	FindingPrivateLinkWriter               FindingCode = "private-link-writer"                // the writer's address is unknown, or it cannot be a target
	FindingPrivateLinkConflict             FindingCode = "private-link-conflict"              // an AWS object of the path's name is something else
	FindingPrivateLinkPrincipals           FindingCode = "private-link-principals"            // the endpoint service allows others than ClickPipes
	FindingPrivateLinkRegions              FindingCode = "private-link-regions"               // the endpoint service accepts regions the spec does not list
	FindingPrivateLinkForeign              FindingCode = "private-link-foreign"               // connection requests from other accounts wait
	FindingGlobalUnknown                   FindingCode = "global-unknown"                     // a global source's publication exists with no record of its writer
	FindingGlobalMoved                     FindingCode = "global-moved"                       // the global database's primary moved: the pipe must resync
	FindingPrivilege                       FindingCode = "privilege"                          // the admin cannot run an action (subject: the action id)
)

// aboutIdentity says whether the finding is about failing or blocked
// replica identities: the application's writes, listed first.
func (c FindingCode) aboutIdentity() bool {
	switch c {
	case FindingReplicaIdentity, FindingReplicaIdentityFailing, FindingReplicaIdentityGenerated, FindingReplicaIdentityGeneratedFailing:
		return true
	}
	return false
}

// Finding is something the plan cannot fix by itself: a precondition the
// user must fix, or a warning.
type Finding struct {
	Code FindingCode
	// Subject is what it is about when a source can have several of its
	// code (a schema, a slot, an action id); "" otherwise.
	Subject  string
	Severity Severity
	// Fact is what was found, with its operands (a Reason, as an action's
	// why); plan/render words its message and fix.
	Fact Reason
	// Message and Fix are the words of a finding read from a plan saved
	// before findings were facts (it has no Fact); plan never sets them.
	Message string
	Fix     string
}

// ID names the finding in plans and in actions' blocked_by: its code, and
// "/subject" when it has one.
func (f Finding) ID() string {
	if f.Subject == "" {
		return string(f.Code)
	}
	return string(f.Code) + "/" + f.Subject
}

// findingJSON is a finding in a saved plan.
type findingJSON struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Fix      string   `json:"fix,omitempty"`
	// Fact is the finding's fact: its code and operands.
	Fact json.RawMessage `json:"fact,omitempty"`
}

// MarshalJSON writes the finding as saved plans hold it.
func (f Finding) MarshalJSON() ([]byte, error) {
	j := findingJSON{ID: f.ID(), Severity: f.Severity, Message: f.Message, Fix: f.Fix}
	if f.Fact != nil {
		fact, err := MarshalWhy([]Reason{f.Fact})
		if err != nil {
			return nil, fmt.Errorf("finding %s: %w", f.ID(), err)
		}
		j.Fact = fact[0]
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads a saved plan's finding (codes have no "/": the first
// one ends the code).
func (f *Finding) UnmarshalJSON(data []byte) error {
	var j findingJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	code, subject, _ := strings.Cut(j.ID, "/")
	*f = Finding{Code: FindingCode(code), Subject: subject, Severity: j.Severity, Message: j.Message, Fix: j.Fix}
	if j.Fact != nil {
		facts, err := unmarshalWhy([]json.RawMessage{j.Fact})
		if err != nil {
			return fmt.Errorf("finding %s: %w", j.ID, err)
		}
		f.Fact = facts[0]
	}
	return nil
}
