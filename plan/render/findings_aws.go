package render

import (
	"fmt"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
)

// The words of the findings about the cluster, its groups and its Global
// Database.

func awsFindingWords(r plan.Reason) (message, fix string, ok bool) {
	switch r := r.(type) {
	case plan.EngineNotAurora:
		return fmt.Sprintf("cluster %s runs %s, not aurora-postgresql", r.Cluster, r.Engine), "", true
	case plan.EngineTooOld:
		return fmt.Sprintf("cluster %s runs Aurora PostgreSQL %s: ClickPipes needs 12 or later", r.Cluster, r.Version),
			"upgrade the cluster to Aurora PostgreSQL 12 or later", true
	case plan.CloudFormationStack:
		return fmt.Sprintf("cluster %s belongs to CloudFormation stack %s, which may revert parameter group or security group changes made here", r.Cluster, r.Stack),
			"set aws: {manage: observe} on the source and make the changes in the stack", true
	case plan.CustomParameterGroup:
		return fmt.Sprintf("cluster %s uses the custom parameter group %s, not %s: switching would drop its settings", r.Cluster, r.Group, r.Want),
			fmt.Sprintf("set parameterGroup.name: %s in the spec to manage the group the cluster uses", r.Group), true
	case plan.ParameterGroupShared:
		params := make([]string, len(r.Parameters))
		for i, p := range r.Parameters {
			params[i] = p.Name + " = " + p.Value
		}
		return fmt.Sprintf("parameter group %s is also attached to cluster %s: setting %s in it would change %s too",
				r.Group, strings.Join(r.Clusters, ", "), strings.Join(params, ", "), plan.Plural(len(r.Clusters), "that cluster", "those clusters")),
			"name a parameter group of this cluster's own in parameterGroup.name (auroracfg creates it), or make the change knowing it applies to every cluster of the group", true
	case plan.WalLevelStale:
		return fmt.Sprintf("wal_level is %s although rds.logical_replication is on", r.WalLevel), "reboot the cluster's writer", true
	case plan.SecurityGroupIDMissing:
		return fmt.Sprintf("security group %s (network %s) does not exist", r.Group, r.Network), "fix securityGroup.id in the spec", true
	case plan.ClusterVPCUnknown:
		return fmt.Sprintf("network %s needs security group %s, but the VPC of cluster %s could not be found (it is found through the cluster's security groups, and none could be read)", r.Network, r.Group, r.Cluster),
			"give the cluster a security group of its VPC (or name an existing group with securityGroup.id), then plan again", true
	case plan.IngressStaleKept:
		return fmt.Sprintf("security group %s has %d %s auroracfg created that the spec no longer wants: %s", r.Group, len(r.CIDRs), plan.Plural(len(r.CIDRs), "rule", "rules"), strings.Join(r.CIDRs, ", ")),
			"run apply --prune to remove them", true
	case plan.PrimaryMoved:
		return fmt.Sprintf("global database %s's primary moved from %s to %s: the source now lives there (parameter group, network and hand-off follow it), but replication slots do not cross clusters: a ClickPipe keeps no CDC position on the new writer", r.Global, r.From, r.To),
			"resync the ClickPipe (or create it again) once apply has prepared the new writer; apply records the move", true
	case plan.WriterUnrecorded:
		return fmt.Sprintf("publication %s exists on %s, but neither global database %s's tag nor the publication records which cluster source %s was prepared on: if the primary moved since, a ClickPipe on it keeps no CDC position here, and auroracfg cannot tell",
				plan.QuoteIdent(r.Publication), r.Writer, r.Global, r.Source),
			"check the ClickPipe (resync it if it stopped after a switchover or failover); apply records the writer, so that the next move is seen", true
	}
	return "", "", false
}
