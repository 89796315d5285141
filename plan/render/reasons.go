package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
)

// reasonText is why an action is planned, in words: its facts, each worded
// by reasonWords, joined by "; ", and what its kind of change adds.
func reasonText(a plan.Action) string {
	parts := make([]string, len(a.Why))
	for i, r := range a.Why {
		parts[i] = reasonWords(r)
	}
	text := strings.Join(parts, "; ")
	if savedWords(a) {
		return text // an older saved plan's words, whole
	}
	switch c := a.Change.(type) {
	case plan.RebootCluster:
		text += "; connections drop for about a minute"
	case plan.RecordWriter:
		text += " (the database replicates the record to every region; a tag can be removed)"
	case plan.ShareResource:
		text = "resource share " + c.Name + ": " + text
	}
	return text
}

// reasonWords words one fact.
func reasonWords(r plan.Reason) string {
	if s, ok := postgresReasonWords(r); ok {
		return s
	}
	if s, ok := awsReasonWords(r); ok {
		return s
	}
	if s, ok := privateLinkReasonWords(r); ok {
		return s
	}
	return string(plan.CodeOf(r)) // a fact without words: TestEveryFactIsWorded fails on it
}

func postgresReasonWords(r plan.Reason) (string, bool) {
	q := plan.QuoteIdent
	switch r := r.(type) {
	case plan.Said:
		return r.Text, true
	case plan.RoleMissing:
		return fmt.Sprintf("role %s does not exist", q(r.Role)), true
	case plan.RoleLacks:
		return fmt.Sprintf("role %s lacks %s", q(r.Role), strings.Join(r.Attributes, " and ")), true
	case plan.NotReplicationMember:
		return fmt.Sprintf("%s is not a member of %s, which carries the replication privilege on Aurora", q(r.Role), plan.RDSReplicationRole), true
	case plan.PasswordStale:
		return fmt.Sprintf("the spec's password does not log in as %s (it was changed outside the spec); "+
			"a pipe still using the old password will fail to reconnect", q(r.Role)), true
	case plan.LacksUsage:
		return fmt.Sprintf("%s lacks USAGE on schema %s", q(r.Role), q(r.Schema)), true
	case plan.LacksSelect:
		return fmt.Sprintf("%s lacks SELECT on %s", q(r.Role), plan.ListTables(r.Tables)), true
	case plan.NoDefaultPrivilege:
		return fmt.Sprintf("tables %s creates in schema %s would not be readable by %s (no default privilege)", q(r.Owner), q(r.Schema), q(r.Role)), true
	case plan.NoReplicaIdentity:
		return noReplicaIdentityWords(r), true
	case plan.PublicationMissing:
		return fmt.Sprintf("publication %s does not exist", q(r.Publication)), true
	case plan.GeneratedStoredOnCreate:
		return "publish_generated_columns = stored: " + generatedStoredWords(r.Tables), true
	case plan.GeneratedStoredNeeded:
		text := generatedStoredWords(r.Tables)
		if r.FailingNow {
			text = "UPDATE and DELETE are failing now: " + text
		}
		return text + " (pipes on it start receiving the values of stored generated columns)", true
	case plan.ViaRootNeeded:
		return "partitioned tables must be published through their root so that ClickPipes sees one table " +
			"(pipes already on this publication then receive partitions' rows under their root's name and stop getting them for the partitions: resync those pipes)", true
	case plan.SchemasNotPublished:
		return fmt.Sprintf("publication %s does not publish schema %s", q(r.Publication), plan.QuoteAll(r.Schemas)), true
	case plan.TablesNotPublished:
		return fmt.Sprintf("publication %s does not publish %s", q(r.Publication), plan.ListTables(r.Tables)), true
	case plan.SlotDropAsked:
		return fmt.Sprintf("asked for with --drop-slot; it is inactive and retains %s of WAL (a pipe still using it would have to resync)",
			plan.FormatBytes(r.RetainedBytes)), true
	}
	return "", false
}

func noReplicaIdentityWords(r plan.NoReplicaIdentity) string {
	text := fmt.Sprintf("%s has no primary key or replica identity: publishing it would make PostgreSQL reject its UPDATE and DELETE", r.Table)
	if r.Published {
		text = fmt.Sprintf("%s is published without a replica identity: its UPDATE and DELETE are failing now", r.Table)
	}
	if r.Index == "" {
		return text + " (FULL logs whole old rows: more WAL on UPDATE and DELETE)"
	}
	return fmt.Sprintf("%s (not FULL: on PostgreSQL 18 a FULL identity would hold generated column %s, which makes UPDATE and DELETE fail unless published; %s is unique on NOT NULL columns that are not generated)",
		text, strings.Join(r.GeneratedColumns, ", "), plan.QuoteIdent(r.Index))
}

// generatedStoredWords says why stored generated columns must be published.
func generatedStoredWords(tables []plan.GeneratedTable) string {
	parts := make([]string, len(tables))
	for i, g := range tables {
		parts[i] = fmt.Sprintf("%s (%s)", g.Table, strings.Join(g.Columns, ", "))
	}
	slices.Sort(parts)
	return "on PostgreSQL 18 UPDATE and DELETE fail on published tables whose replica identity holds a stored generated column the publication does not publish: " +
		strings.Join(parts, ", ")
}

func awsReasonWords(r plan.Reason) (string, bool) {
	switch r := r.(type) {
	case plan.DefaultParameterGroup:
		return fmt.Sprintf("cluster %s uses the default group %s, which AWS does not let anyone modify", r.Cluster, r.Group), true
	case plan.SettingDiffers:
		have := r.Have
		if have == "" {
			have = "the engine default"
		}
		return fmt.Sprintf("%s is %s, want %s", r.Name, have, r.Want), true
	case plan.GroupNotAttached:
		return fmt.Sprintf("cluster %s uses %s", r.Cluster, r.Group), true
	case plan.LogicalReplicationOff:
		live := r.Live
		if live == "" {
			live = "not set"
		}
		return fmt.Sprintf("the writer's live rds.logical_replication is %s, want on (a static parameter: it takes effect at reboot)", live), true
	case plan.PendingReboot:
		return "instances " + strings.Join(r.Instances, ", ") + " are pending-reboot", true
	case plan.StaticParameterChanges:
		return fmt.Sprintf("the static %s changes", r.Name), true
	case plan.AttachLeavesPending:
		return "attaching a parameter group leaves every instance pending-reboot", true
	case plan.SecurityGroupMissing:
		return fmt.Sprintf("network %s needs security group %s, which does not exist in the cluster's VPC", r.Network, r.Group), true
	case plan.SecurityGroupNotAttached:
		return fmt.Sprintf("cluster %s does not use security group %s", r.Cluster, r.Group), true
	case plan.IngressMissing:
		text := fmt.Sprintf("security group %s does not allow %s", r.Group, strings.Join(r.CIDRs, ", "))
		if r.Region != "" {
			text += " from ClickPipes region " + r.Region
		}
		return text, true
	case plan.IngressStale:
		return fmt.Sprintf("auroracfg created rules for %s, which the spec no longer wants (--prune)", strings.Join(r.CIDRs, ", ")), true
	case plan.GlobalUnrecorded:
		return fmt.Sprintf("global database %s does not record where source %s is prepared yet: the record lets the next plan see a switchover or failover to another cluster", r.Global, r.Source), true
	case plan.GlobalMoved:
		text := fmt.Sprintf("the source moved from %s to %s with global database %s's primary", r.From, r.To, r.Global)
		if r.OtherRegion {
			text += " (another region)"
		}
		return text, true
	case plan.GlobalUnknown:
		return fmt.Sprintf("neither the tag nor the publication records where source %s is prepared", r.Source), true
	case plan.GlobalTagMissing:
		return fmt.Sprintf("global database %s's tag for source %s is missing (the publication records %s)", r.Global, r.Source, r.Recorded), true
	}
	return "", false
}

func privateLinkReasonWords(r plan.Reason) (string, bool) {
	switch r := r.(type) {
	case plan.CrossZoneOff:
		return "the writer is one target in one zone: without cross-zone load balancing, a connection through the load balancer's node in another zone finds no target " +
			"(PrivateLink keeps each endpoint connection in its zone)", true
	case plan.ListenerMissing:
		return fmt.Sprintf("load balancer %s has no listener on TCP %d", r.LoadBalancer, r.Port), true
	case plan.LoadBalancerNeeded:
		return fmt.Sprintf("network %s publishes the writer through a VPC endpoint service, which needs a network load balancer", r.Network), true
	case plan.TargetGroupNeeded:
		return "the load balancer forwards to the writer instance's address through it", true
	case plan.TargetMissing:
		return fmt.Sprintf("target group %s has no target: the writer %s is at %s", r.TargetGroup, r.Writer, r.Target), true
	case plan.TargetStale:
		return fmt.Sprintf("target group %s points at %s, which is not the writer: the writer %s is at %s now (a failover moves the writer to another instance and address)",
			r.TargetGroup, strings.Join(r.Stale, ", "), r.Writer, r.Target), true
	case plan.EndpointServiceNeeded:
		return fmt.Sprintf("ClickPipes connects to network %s through a VPC endpoint service", r.Network), true
	case plan.NoPrincipalYet:
		return "the new endpoint service allows no principal yet", true
	case plan.PrincipalMissing:
		return fmt.Sprintf("endpoint service %s does not allow ClickPipes' account %s", r.Service, plan.ClickPipesAccount), true
	case plan.AcceptanceOff:
		return fmt.Sprintf("endpoint service %s accepts every allowed endpoint without review", r.Service), true
	case plan.OtherPrincipals:
		return "only ClickPipes' account may connect to the writer (--prune)", true
	case plan.RegionsMissing:
		return "allowedRegions lists " + strings.Join(r.Regions, ", ") + ", which the service does not support", true
	case plan.RegionsExtra:
		return "the spec no longer allows " + strings.Join(r.Regions, ", ") + " (--prune)", true
	case plan.ConnectionsPending:
		return fmt.Sprintf("ClickPipes' account %s requested %s, which wait for acceptance (ClickPipes removes a request still pending after a day)",
			plan.ClickPipesAccount, plan.Plural(len(r.Endpoints), "it", "them")), true
	case plan.ResourceGatewayNeeded:
		return fmt.Sprintf("network %s publishes the cluster as a VPC resource, which ClickPipes reaches through a resource gateway", r.Network), true
	case plan.ResourceConfigurationNeeded:
		return "ClickPipes' reverse private endpoint names the cluster through a resource configuration of type ARN", true
	case plan.ShareMissing:
		return "the share does not exist", true
	case plan.ShareLacksClickPipes:
		return "it is not shared with ClickPipes' account " + plan.ClickPipesAccount, true
	case plan.ShareLacksConfiguration:
		return "it does not hold resource configuration " + r.Configuration, true
	}
	return "", false
}
