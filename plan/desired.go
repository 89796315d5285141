package plan

import (
	"sort"

	"github.com/auroracfg/auroracfg/schema"
)

// Desired is what a source must look like, derived from the spec.
type Desired struct {
	Source      string
	Type        schema.SourceType
	User        string
	Publication string
	AllTables   bool
	// Schemas are the PostgreSQL schemas in scope, sorted by name.
	Schemas []DesiredSchema
	// Aurora is the AWS side, for aurora-postgresql sources.
	Aurora *DesiredAurora
	// DropSlots are replication slots the user asked (by name, with a
	// flag) to drop; never from the spec.
	DropSlots []string
}

// DesiredSchema is one PostgreSQL schema in scope.
type DesiredSchema struct {
	Name   string
	Scopes []string // the spec scopes that include it
	// Owners are the roles whose future tables must be readable.
	Owners []string
	// FixNoKey says withoutPrimaryKey: full applies (any scope including the
	// schema asking for it is an explicit opt-in).
	FixNoKey bool
	// AllCreators adds every role that can create tables in the schema to
	// Owners (futureTablesOwnedByAllCreators).
	AllCreators bool
}

// RunOptions are the run's flags that change what a source must look like:
// they join the spec in the desired state, built once per source, and reach
// no edge.
type RunOptions struct {
	AllowReboot bool     // --allow-reboot, as parameterGroup.reboot: allowed
	Prune       bool     // --prune: remove ingress rules auroracfg created that are no longer wanted
	DropSlots   []string // --drop-slot: inactive replication slots to drop
}

// DesiredFor derives a source's desired state from its spec and the run's
// options: the one place a desired state is made.
func DesiredFor(spec *schema.Spec, src *schema.Source, run RunOptions) Desired {
	d := Desired{
		Source:      src.Name,
		Type:        src.Type,
		User:        src.User.Name,
		Publication: src.Publication.Name,
		AllTables:   src.Publication.Tables == schema.TablesAll,
		DropSlots:   run.DropSlots,
	}
	if k, ok := sourceKinds[src.Type]; ok && k.desired != nil {
		k.desired(spec, src, run, &d)
	}
	byName := map[string]*DesiredSchema{}
	var order []string
	for _, scopeName := range src.Schemas {
		scope := spec.ScopeByName(scopeName)
		if scope == nil {
			continue
		}
		full := scope.WithoutPrimaryKey == schema.NoKeyFull
		for _, name := range scope.Include {
			ds := byName[name]
			if ds == nil {
				ds = &DesiredSchema{Name: name}
				byName[name] = ds
				order = append(order, name)
			}
			ds.Scopes = append(ds.Scopes, scope.Name)
			ds.Owners = union(ds.Owners, scope.FutureTablesOwnedBy)
			ds.FixNoKey = ds.FixNoKey || full
			ds.AllCreators = ds.AllCreators || scope.FutureTablesOwnedByAllCreators
		}
	}
	sort.Strings(order)
	for _, name := range order {
		d.Schemas = append(d.Schemas, *byName[name])
	}
	return d
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string{}, a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// SchemaNames lists the schemas in scope.
func (d Desired) SchemaNames() []string {
	names := make([]string, len(d.Schemas))
	for i, s := range d.Schemas {
		names[i] = s.Name
	}
	return names
}

// Owners lists every futureTablesOwnedBy role of the source.
func (d Desired) Owners() []string {
	var out []string
	for _, s := range d.Schemas {
		out = union(out, s.Owners)
	}
	return out
}

func desiredAurora(spec *schema.Spec, src *schema.Source) *DesiredAurora {
	a := &DesiredAurora{
		Region: src.Region, Cluster: src.Cluster, GlobalCluster: src.GlobalCluster,
		ParameterGroup: src.ParameterGroup.Name, WalSenderTimeout: src.ParameterGroup.WalSenderTimeout,
		MaxSlotWalKeepSize: src.ParameterGroup.MaxSlotWalKeepSize,
		RebootAllowed:      src.ParameterGroup.Reboot == schema.RebootAllowed,
		Observe:            src.AWS.Manage == schema.ManageObserve,
	}
	n := spec.NetworkByName(src.Network)
	if n != nil && n.PrivateLink != nil {
		pl := n.PrivateLink
		a.PrivateLink = &DesiredPrivateLink{Network: n.Name, Type: pl.Type, Subnets: pl.Subnets, SecurityGroups: pl.SecurityGroups,
			AllowedRegions: union(nil, pl.AllowedRegions)}
		return a
	}
	if n != nil {
		cidrs, _ := schema.ClickPipesCIDRs(n.ClickPipesRegion)
		dn := &DesiredNetwork{Name: n.Name, ClickPipesRegion: n.ClickPipesRegion, Extra: map[string]bool{},
			SecurityGroup: n.SecurityGroup.Name, SecurityGroupID: n.SecurityGroup.ID}
		for _, c := range n.ExtraCIDRs {
			dn.Extra[c] = true
		}
		dn.CIDRs = union(cidrs, n.ExtraCIDRs)
		a.Network = dn
	}
	return a
}

// AnyAllCreators reports whether some schema takes every creator as an owner.
func (d Desired) AnyAllCreators() bool {
	for _, s := range d.Schemas {
		if s.AllCreators {
			return true
		}
	}
	return false
}

// IsAurora reports whether the source is an Aurora cluster.
func (d Desired) IsAurora() bool { return d.Aurora != nil }

// DesiredPrivateLink is a source's path through AWS PrivateLink.
type DesiredPrivateLink struct {
	Network string
	Type    string
	Subnets []string
	// SecurityGroups are the spec's groups for the gateway or NLB; empty
	// means auroracfg's own group (OwnGroup), which it creates and lets
	// reach the writer.
	SecurityGroups []string
	AllowedRegions []string // sorted
}

// OwnGroup is the name of the security group auroracfg creates for the
// path when the spec names none.
func (p *DesiredPrivateLink) OwnGroup() string { return "auroracfg-" + p.Network }

// ResourceName names the AWS objects of the path (NLB, target group,
// resource gateway, configuration and share): at most 32 lower-case
// letters, digits and single hyphens, which every one of those accepts,
// and the same for the same network on every run.
func (p *DesiredPrivateLink) ResourceName() string { return resourceName(p.Network) }
