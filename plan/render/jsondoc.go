package render

import "github.com/auroracfg/auroracfg/plan"

// The JSON plan (format_version "1") is a contract with scripts and CI jobs,
// so it is produced by types of its own: the model's structs can change
// (typed changes, renamed fields) without changing what consumers read. Its
// field names are those of the golden testdata/plan.json; changing one is a
// new format version.

type planDoc struct {
	FormatVersion string      `json:"format_version"`
	Sources       []sourceDoc `json:"sources"`
	Summary       countsDoc   `json:"summary"`
	Changes       bool        `json:"changes"`
}

type countsDoc struct {
	Add     int `json:"add"`
	Change  int `json:"change"`
	Destroy int `json:"destroy"`
	// Errors counts the sources that could not be observed.
	Errors int `json:"errors"`
}

type sourceDoc struct {
	Source         string `json:"source"`
	Type           string `json:"type"`
	Target         string `json:"target"`
	ObservedDigest string `json:"observed_digest,omitempty"`
	// Status is ready, changes (actions or blockers) or error (not
	// observed: Error says why, and nothing is known of its state).
	Status   string       `json:"status"`
	Error    string       `json:"error,omitempty"`
	Findings []findingDoc `json:"findings"`
	Actions  []actionDoc  `json:"actions"`
}

type findingDoc struct {
	ID       string `json:"id"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Fix      string `json:"fix,omitempty"`
}

type tableDoc struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
}

type parameterDoc struct {
	Name        string `json:"name"`
	Value       string `json:"value"`
	ApplyMethod string `json:"apply_method"`
}

type actionDoc struct {
	ID        string   `json:"id"`
	Source    string   `json:"source"`
	Action    string   `json:"action"`
	Op        string   `json:"op"`
	Risk      string   `json:"risk"`
	Summary   string   `json:"summary"`
	Reason    string   `json:"reason"`
	DependsOn []string `json:"depends_on"`
	BlockedBy []string `json:"blocked_by,omitempty"`

	Role            string         `json:"role,omitempty"`
	Attributes      []string       `json:"attributes,omitempty"`
	Owner           string         `json:"owner,omitempty"`
	Schemas         []string       `json:"schemas,omitempty"`
	Tables          []tableDoc     `json:"tables,omitempty"`
	Publication     string         `json:"publication,omitempty"`
	AllTables       bool           `json:"all_tables,omitempty"`
	ViaRoot         bool           `json:"publish_via_partition_root,omitempty"`
	GeneratedStored bool           `json:"publish_generated_columns_stored,omitempty"`
	Index           string         `json:"index,omitempty"`
	GrantedRole     string         `json:"granted_role,omitempty"`
	Slot            string         `json:"slot,omitempty"`
	Cluster         string         `json:"cluster,omitempty"`
	Instances       []string       `json:"instances,omitempty"`
	ParameterGroup  string         `json:"parameter_group,omitempty"`
	Family          string         `json:"family,omitempty"`
	Parameters      []parameterDoc `json:"parameters,omitempty"`
	SecurityGroup   string         `json:"security_group,omitempty"`
	SecurityGroupNm string         `json:"security_group_name,omitempty"`
	VpcID           string         `json:"vpc_id,omitempty"`
	CIDRs           []string       `json:"cidrs,omitempty"`
	Port            int            `json:"port,omitempty"`
	Description     string         `json:"description,omitempty"`
	RuleIDs         []string       `json:"rule_ids,omitempty"`

	Name                  string   `json:"name,omitempty"`
	LoadBalancer          string   `json:"load_balancer,omitempty"`
	TargetGroup           string   `json:"target_group,omitempty"`
	Subnets               []string `json:"subnets,omitempty"`
	SecurityGroups        []string `json:"security_groups,omitempty"`
	TargetIP              string   `json:"target_ip,omitempty"`
	StaleTargets          []string `json:"stale_targets,omitempty"`
	Principals            []string `json:"principals,omitempty"`
	AddRegions            []string `json:"add_regions,omitempty"`
	RemoveRegions         []string `json:"remove_regions,omitempty"`
	Endpoints             []string `json:"endpoints,omitempty"`
	ResourceGateway       string   `json:"resource_gateway,omitempty"`
	ResourceConfiguration string   `json:"resource_configuration,omitempty"`
	ResourceARN           string   `json:"resource_arn,omitempty"`
	GlobalCluster         string   `json:"global_cluster,omitempty"`

	Gate      string `json:"gate,omitempty"`
	Unmanaged bool   `json:"unmanaged,omitempty"`
}

func planDocOf(p *plan.Plan) planDoc {
	c := p.Counts()
	doc := planDoc{FormatVersion: FormatVersion, Sources: []sourceDoc{}, Summary: countsDoc{c.Add, c.Change, c.Destroy, p.Failures()}, Changes: p.HasChanges()}
	for i := range p.Sources {
		doc.Sources = append(doc.Sources, sourceDocOf(&p.Sources[i]))
	}
	return doc
}

func sourceDocOf(sp *plan.SourcePlan) sourceDoc {
	d := sourceDoc{Source: sp.Source, Type: string(sp.Type), Target: sp.Target, ObservedDigest: sp.ObservedDigest,
		Status: status(sp), Error: sp.Error, Findings: []findingDoc{}, Actions: []actionDoc{}}
	for _, f := range sp.Findings {
		d.Findings = append(d.Findings, findingDoc{ID: f.ID(), Severity: string(f.Severity), Message: f.Message, Fix: f.Fix})
	}
	for _, a := range sp.Actions {
		d.Actions = append(d.Actions, actionDocOf(a))
	}
	return d
}

func actionDocOf(a plan.Action) actionDoc {
	f := a.Change.Fields()
	d := actionDoc{
		ID: a.ID, Source: a.Source, Action: string(a.Kind()), Op: string(a.Op), Risk: string(a.Risk),
		Summary: a.Summary, Reason: a.Reason, DependsOn: a.DependsOn, BlockedBy: a.BlockedBy,
		Role: f.Role, Attributes: f.Attributes, Owner: f.Owner, Schemas: f.Schemas,
		Publication: f.Publication, AllTables: f.AllTables, ViaRoot: f.ViaRoot, GeneratedStored: f.GeneratedStored,
		Index: f.Index, GrantedRole: f.GrantedRole, Slot: f.Slot,
		Cluster: f.Cluster, Instances: f.Instances, ParameterGroup: f.ParameterGroup, Family: f.Family,
		SecurityGroup: f.SecurityGroup, SecurityGroupNm: f.SecurityGroupName, VpcID: f.VpcID, CIDRs: f.CIDRs,
		Port: f.Port, Description: f.Description, RuleIDs: f.RuleIDs,
		Name: f.Name, LoadBalancer: f.LoadBalancer, TargetGroup: f.TargetGroup, Subnets: f.Subnets, SecurityGroups: f.SecurityGroups,
		TargetIP: f.TargetIP, StaleTargets: f.StaleTargets, Principals: f.Principals, AddRegions: f.AddRegions, RemoveRegions: f.RemoveRegions,
		Endpoints: f.Endpoints, ResourceGateway: f.ResourceGateway, ResourceConfiguration: f.ResourceConfiguration, ResourceARN: f.ResourceARN, GlobalCluster: f.GlobalCluster,
		Gate: a.Gate, Unmanaged: a.Unmanaged,
	}
	if d.DependsOn == nil {
		d.DependsOn = []string{}
	}
	for _, t := range f.Tables {
		d.Tables = append(d.Tables, tableDoc{Schema: t.Schema, Name: t.Name})
	}
	for _, p := range f.Parameters {
		d.Parameters = append(d.Parameters, parameterDoc{Name: p.Name, Value: p.Value, ApplyMethod: p.ApplyMethod})
	}
	return d
}

// status is a source's verdict in one word.
func status(sp *plan.SourcePlan) string {
	switch {
	case sp.Failed():
		return "error"
	case sp.Ready():
		return "ready"
	}
	return "changes"
}
