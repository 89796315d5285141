package plan

import (
	"slices"
)

// The diff of the replication user's role.

// wantAttributes are the user's role attributes: on Aurora (and RDS) the
// replication privilege is membership in rds_replication, never the
// REPLICATION attribute (which only a superuser could grant there).
func (b *builder) wantAttributes() []string {
	if b.d.IsAurora() {
		return []string{"LOGIN"}
	}
	return []string{"LOGIN", "REPLICATION"}
}

// RDSReplicationRole is the role that carries the replication privilege on
// RDS and Aurora.
const RDSReplicationRole = "rds_replication"

func (b *builder) replicationRole() {
	if !b.d.IsAurora() || (b.o.User != nil && slices.Contains(b.o.User.MemberOf, RDSReplicationRole)) {
		return
	}
	b.add(Action{
		ID: "role/" + b.d.User + "/" + RDSReplicationRole, Op: OpCreate, Change: GrantRole{Role: b.d.User, Granted: RDSReplicationRole},
		DependsOn: b.afterRole(),
		Why:       []Reason{NotReplicationMember{Role: b.d.User}},
	})
}

func (b *builder) role() {
	user, id := b.d.User, "role/"+b.d.User
	u := b.o.User
	if u == nil {
		b.roleAction = id
		b.add(Action{
			ID: id, Op: OpCreate, Change: CreateRole{Role: user, Attributes: b.wantAttributes()},
			Why: []Reason{RoleMissing{Role: user}},
		})
		b.replicationRole()
		return
	}
	defer b.replicationRole()
	var missing []string
	if !u.CanLogin {
		missing = append(missing, "LOGIN")
	}
	if !u.Replication && !b.d.IsAurora() {
		missing = append(missing, "REPLICATION")
	}
	if len(missing) > 0 {
		b.add(Action{
			ID: id + "/attributes", Op: OpUpdate, Change: AlterRole{Role: user, Attributes: missing},
			Why: []Reason{RoleLacks{Role: user, Attributes: missing}},
		})
	}
	b.userPowers(u)
	if u.PasswordExpired {
		// No password logs in after VALID UNTIL: setting it again would not
		// help and would be planned on every run.
		b.found(FindingPasswordExpired, "", SeverityBlocker, PasswordExpired{User: user, ValidUntil: u.ValidUntil})
		return
	}
	if b.o.Login == LoginBadPassword {
		b.add(Action{
			ID: id + "/password", Op: OpUpdate, Risk: RiskDisruptive, Change: SetPassword{Role: user},
			Why: []Reason{PasswordStale{Role: user}},
		})
	}
}

// userPowers warns about a pre-existing user that holds more than a pipe
// needs: the pipe's credentials would carry them.
func (b *builder) userPowers(u *Role) {
	if len(u.Powers) == 0 {
		return
	}
	b.found(FindingUserPowers, "", SeverityWarning, UserPowers{User: u.Name, Powers: u.Powers})
}
