package plan

// AWS changes that let ClickPipes' addresses reach the writer.

// Network kinds.
const (
	KindCreateSecurityGroup Kind = "create-security-group"
	KindAttachSecurityGroup Kind = "attach-security-group"
	KindAuthorizeIngress    Kind = "authorize-ingress"
	KindRevokeIngress       Kind = "revoke-ingress"
)

// CreateSecurityGroup creates a security group in the cluster's VPC.
type CreateSecurityGroup struct {
	Name  string `json:"security_group_name,omitempty"`
	VpcID string `json:"vpc_id,omitempty"`
}

// AttachSecurityGroup adds a security group to the cluster's list. GroupID
// is empty when the group is created by the same apply (found by GroupName).
type AttachSecurityGroup struct {
	Cluster   string `json:"cluster,omitempty"`
	GroupID   string `json:"security_group,omitempty"`
	GroupName string `json:"security_group_name,omitempty"`
}

// AuthorizeIngress allows CIDRs on the cluster's port, one rule each.
type AuthorizeIngress struct {
	GroupID     string   `json:"security_group,omitempty"`
	GroupName   string   `json:"security_group_name,omitempty"`
	CIDRs       []string `json:"cidrs,omitempty"`
	Port        int      `json:"port,omitempty"`
	Description string   `json:"description,omitempty"`
}

// RevokeIngress removes rules auroracfg created (--prune).
type RevokeIngress struct {
	GroupID string   `json:"security_group,omitempty"`
	RuleIDs []string `json:"rule_ids,omitempty"`
	CIDRs   []string `json:"cidrs,omitempty"` // for people: what the rules allowed
}

func init() {
	registerKind[CreateSecurityGroup](KindCreateSecurityGroup)
	registerKind[AttachSecurityGroup](KindAttachSecurityGroup)
	registerKind[AuthorizeIngress](KindAuthorizeIngress)
	registerKind[RevokeIngress](KindRevokeIngress)
}

func (CreateSecurityGroup) Kind() Kind        { return KindCreateSecurityGroup }
func (CreateSecurityGroup) sealed()           {}
func (CreateSecurityGroup) Edge() Edge        { return EdgeAWS }
func (CreateSecurityGroup) Serves() []CheckID { return []CheckID{CheckNetwork} }

func (AttachSecurityGroup) Kind() Kind        { return KindAttachSecurityGroup }
func (AttachSecurityGroup) sealed()           {}
func (AttachSecurityGroup) Edge() Edge        { return EdgeAWS }
func (AttachSecurityGroup) Serves() []CheckID { return []CheckID{CheckNetwork} }

func (AuthorizeIngress) Kind() Kind        { return KindAuthorizeIngress }
func (AuthorizeIngress) sealed()           {}
func (AuthorizeIngress) Edge() Edge        { return EdgeAWS }
func (AuthorizeIngress) Serves() []CheckID { return []CheckID{CheckNetwork} }

// Label is the group's name, or its id when auroracfg did not create it.
func (c AuthorizeIngress) Label() string {
	if c.GroupName != "" {
		return c.GroupName
	}
	return c.GroupID
}

func (RevokeIngress) Kind() Kind        { return KindRevokeIngress }
func (RevokeIngress) sealed()           {}
func (RevokeIngress) Edge() Edge        { return EdgeAWS }
func (RevokeIngress) Serves() []CheckID { return []CheckID{CheckNetwork} }
