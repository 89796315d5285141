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
type CreateSecurityGroup struct{ Name, VpcID string }

// AttachSecurityGroup adds a security group to the cluster's list. GroupID
// is empty when the group is created by the same apply (found by GroupName).
type AttachSecurityGroup struct{ Cluster, GroupID, GroupName string }

// AuthorizeIngress allows CIDRs on the cluster's port, one rule each.
type AuthorizeIngress struct {
	GroupID, GroupName string
	CIDRs              []string
	Port               int
	Description        string
}

// RevokeIngress removes rules auroracfg created (--prune).
type RevokeIngress struct {
	GroupID string
	RuleIDs []string
	CIDRs   []string // for people: what the rules allowed
}

func init() {
	registerKind(KindCreateSecurityGroup, func(f Fields) Change { return CreateSecurityGroup{Name: f.SecurityGroupName, VpcID: f.VpcID} })
	registerKind(KindAttachSecurityGroup, func(f Fields) Change {
		return AttachSecurityGroup{Cluster: f.Cluster, GroupID: f.SecurityGroup, GroupName: f.SecurityGroupName}
	})
	registerKind(KindAuthorizeIngress, func(f Fields) Change {
		return AuthorizeIngress{GroupID: f.SecurityGroup, GroupName: f.SecurityGroupName, CIDRs: f.CIDRs, Port: f.Port, Description: f.Description}
	})
	registerKind(KindRevokeIngress, func(f Fields) Change {
		return RevokeIngress{GroupID: f.SecurityGroup, RuleIDs: f.RuleIDs, CIDRs: f.CIDRs}
	})
}

func (CreateSecurityGroup) Kind() Kind       { return KindCreateSecurityGroup }
func (CreateSecurityGroup) sealed()          {}
func (CreateSecurityGroup) Edge() Edge       { return EdgeAWS }
func (CreateSecurityGroup) Serves() []string { return []string{CheckNetwork} }
func (c CreateSecurityGroup) Fields() Fields {
	return Fields{SecurityGroupName: c.Name, VpcID: c.VpcID}
}

func (AttachSecurityGroup) Kind() Kind       { return KindAttachSecurityGroup }
func (AttachSecurityGroup) sealed()          {}
func (AttachSecurityGroup) Edge() Edge       { return EdgeAWS }
func (AttachSecurityGroup) Serves() []string { return []string{CheckNetwork} }
func (c AttachSecurityGroup) Fields() Fields {
	return Fields{Cluster: c.Cluster, SecurityGroup: c.GroupID, SecurityGroupName: c.GroupName}
}

func (AuthorizeIngress) Kind() Kind       { return KindAuthorizeIngress }
func (AuthorizeIngress) sealed()          {}
func (AuthorizeIngress) Edge() Edge       { return EdgeAWS }
func (AuthorizeIngress) Serves() []string { return []string{CheckNetwork} }
func (c AuthorizeIngress) Fields() Fields {
	return Fields{SecurityGroup: c.GroupID, SecurityGroupName: c.GroupName, CIDRs: c.CIDRs, Port: c.Port, Description: c.Description}
}

// Label is the group's name, or its id when auroracfg did not create it.
func (c AuthorizeIngress) Label() string {
	if c.GroupName != "" {
		return c.GroupName
	}
	return c.GroupID
}

func (RevokeIngress) Kind() Kind       { return KindRevokeIngress }
func (RevokeIngress) sealed()          {}
func (RevokeIngress) Edge() Edge       { return EdgeAWS }
func (RevokeIngress) Serves() []string { return []string{CheckNetwork} }
func (c RevokeIngress) Fields() Fields {
	return Fields{SecurityGroup: c.GroupID, RuleIDs: c.RuleIDs, CIDRs: c.CIDRs}
}
