package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
)

// summaryText is what an action does, in words: from its change, and the
// operands of its facts where the change does not name everything (the
// endpoint service's id, the writer instance). An action read from a plan
// saved before actions carried facts keeps the summary saved with it.
func summaryText(a plan.Action) string {
	if savedWords(a) && a.Summary != "" {
		return a.Summary
	}
	if s, ok := postgresSummary(a); ok {
		return s
	}
	if s, ok := awsSummary(a); ok {
		return s
	}
	if s, ok := privateLinkSummary(a); ok {
		return s
	}
	if a.Change == nil {
		return a.ID
	}
	return string(a.Kind()) // TestEveryKindHasASummary fails on a kind without words
}

func postgresSummary(a plan.Action) (string, bool) {
	q := plan.QuoteIdent
	switch c := a.Change.(type) {
	case plan.CreateRole:
		return fmt.Sprintf("create role %s with %s and the spec's password", q(c.Role), strings.Join(c.Attributes, ", ")), true
	case plan.AlterRole:
		return fmt.Sprintf("alter role %s with %s", q(c.Role), strings.Join(c.Attributes, ", ")), true
	case plan.SetPassword:
		return fmt.Sprintf("alter role %s password (from the spec's secret)", q(c.Role)), true
	case plan.GrantRole:
		return fmt.Sprintf("grant %s to %s", c.Granted, q(c.Role)), true
	case plan.GrantUsage:
		return fmt.Sprintf("grant usage on schema %s to %s", plan.QuoteAll(c.Schemas), q(c.Role)), true
	case plan.GrantSelect:
		return fmt.Sprintf("grant select on %s to %s", countTables(len(c.Tables), c.Schema), q(c.Role)), true
	case plan.DefaultPrivileges:
		return fmt.Sprintf("alter default privileges for role %s in schema %s grant select on tables to %s", q(c.Owner), q(c.Schema), q(c.Role)), true
	case plan.ReplicaIdentityFull:
		return fmt.Sprintf("alter table %s replica identity full", c.Table), true
	case plan.ReplicaIdentityIndex:
		return fmt.Sprintf("alter table %s replica identity using index %s", c.Table, q(c.Index)), true
	case plan.CreatePublication:
		return createPublicationSummary(c), true
	case plan.PublicationAdd:
		if len(c.Schemas) > 0 {
			return fmt.Sprintf("alter publication %s add tables in schema %s", q(c.Name), plan.QuoteAll(c.Schemas)), true
		}
		return fmt.Sprintf("alter publication %s add %s", q(c.Name), countTables(len(c.Tables), "")), true
	case plan.PublicationOptions:
		return fmt.Sprintf("alter publication %s set (%s)", q(c.Name), strings.Join(publicationOptions(c.ViaRoot, c.GeneratedStored), ", ")), true
	case plan.RecordWriter:
		return fmt.Sprintf("record in publication %s's comment that source %s is prepared on %s", q(c.Publication), a.Source, c.Writer), true
	case plan.DropSlot:
		for _, r := range a.Why {
			if s, ok := r.(plan.SlotDropAsked); ok {
				return fmt.Sprintf("drop replication slot %s (%s)", c.Slot,
					slotDescription(plan.Slot{Type: s.Type, Plugin: s.Plugin, Database: s.Database})), true
			}
		}
		return "drop replication slot " + c.Slot, true
	}
	return "", false
}

func createPublicationSummary(c plan.CreatePublication) string {
	q := plan.QuoteIdent
	text := fmt.Sprintf("create publication %s for %s", q(c.Name), countTables(len(c.Tables), ""))
	switch {
	case c.AllTables:
		text = fmt.Sprintf("create publication %s for all tables", q(c.Name))
	case len(c.Schemas) > 0:
		text = fmt.Sprintf("create publication %s for tables in schema %s", q(c.Name), plan.QuoteAll(c.Schemas))
	}
	if options := publicationOptions(c.ViaRoot, c.GeneratedStored); len(options) > 0 {
		text += " with (" + strings.Join(options, ", ") + ")"
	}
	return text
}

func publicationOptions(viaRoot, generatedStored bool) []string {
	var options []string
	if viaRoot {
		options = append(options, "publish_via_partition_root = true")
	}
	if generatedStored {
		options = append(options, "publish_generated_columns = stored")
	}
	return options
}

// countTables says how many tables, and in which schema when one is named.
func countTables(n int, schemaName string) string {
	noun := plan.Plural(n, "table", "tables")
	if schemaName == "" {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %s in schema %s", n, noun, plan.QuoteIdent(schemaName))
}

func awsSummary(a plan.Action) (string, bool) {
	switch c := a.Change.(type) {
	case plan.CreateParameterGroup:
		return fmt.Sprintf("create %s %s (family %s)", groupWords(c.Scope), c.Name, c.Family), true
	case plan.SetParameters:
		return fmt.Sprintf("set %s in %s %s", parameterList(c.Parameters), groupWords(c.Scope), c.Group), true
	case plan.AttachParameterGroup:
		return fmt.Sprintf("attach %s %s to cluster %s", groupWords(c.Scope), c.Group, c.Target), true
	case plan.RebootCluster:
		writer := ""
		if len(c.Instances) > 0 {
			writer = c.Instances[0]
		}
		return fmt.Sprintf("reboot cluster %s (writer %s first; it restarts the readers too)", c.Cluster, writer), true
	case plan.CreateSecurityGroup:
		return fmt.Sprintf("create security group %s in %s", c.Name, c.VpcID), true
	case plan.AttachSecurityGroup:
		return fmt.Sprintf("add security group %s to cluster %s", groupName(c.GroupName, c.GroupID), c.Cluster), true
	case plan.AuthorizeIngress:
		return fmt.Sprintf("allow %s on TCP %d in security group %s", ingressWhat(a, c.CIDRs), c.Port, groupName(c.GroupName, c.GroupID)), true
	case plan.RevokeIngress:
		group := c.GroupID
		for _, r := range a.Why {
			if s, ok := r.(plan.IngressStale); ok && s.Group != "" {
				group = s.Group
			}
		}
		return fmt.Sprintf("remove %d ingress %s from security group %s", len(c.RuleIDs), plan.Plural(len(c.RuleIDs), "rule", "rules"), group), true
	case plan.MarkGlobalWriter:
		id := c.GlobalCluster[strings.LastIndex(c.GlobalCluster, ":")+1:] // arn:aws:rds::ACCOUNT:global-cluster:ID
		return fmt.Sprintf("record on global database %s that source %s is prepared on %s", id, c.Source, c.Writer), true
	}
	return "", false
}

// groupWords names a parameter group by its scope.
func groupWords(scope plan.ParameterGroupScope) string {
	if scope == plan.InstanceParameterGroup {
		return "DB parameter group"
	}
	return "cluster parameter group"
}

func parameterList(ps []plan.Parameter) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Name + " = " + p.Value
	}
	return strings.Join(parts, ", ")
}

// groupName is a security group's name, or its id when it has none.
func groupName(name, id string) string {
	if name == "" {
		return id
	}
	return name
}

// ingressWhat says whose addresses a rule lets in: ClickPipes' own,
// counted, and the spec's extraCIDRs, listed apart ("6 ClickPipes
// addresses and 203.0.113.7/32 (extraCIDRs)"): an extra CIDR is no
// ClickPipes address. Without a ClickPipes region they are the private
// path's subnets.
func ingressWhat(a plan.Action, cidrs []string) string {
	var missing plan.IngressMissing
	for _, r := range a.Why {
		if m, ok := r.(plan.IngressMissing); ok {
			missing = m
		}
	}
	if missing.Region == "" {
		return fmt.Sprintf("the private path's subnets (%s)", strings.Join(cidrs, ", "))
	}
	var own, more []string
	for _, c := range cidrs {
		if slices.Contains(missing.Extra, c) {
			more = append(more, c)
		} else {
			own = append(own, c)
		}
	}
	var parts []string
	if len(own) > 0 {
		parts = append(parts, fmt.Sprintf("%d ClickPipes %s", len(own), plan.Plural(len(own), "address", "addresses")))
	}
	if len(more) > 0 {
		parts = append(parts, strings.Join(more, ", ")+" (extraCIDRs)")
	}
	return strings.Join(parts, " and ")
}

// savedWords reports an action read from a plan saved before actions
// carried facts: its reason is the words it was saved with.
func savedWords(a plan.Action) bool {
	if len(a.Why) != 1 {
		return false
	}
	_, said := a.Why[0].(plan.Said)
	return said
}
