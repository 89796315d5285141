package plan

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAdminPrivileges: what the server would refuse a non-superuser admin,
// by major, blocks the action with a privilege finding; what it would allow
// does not. The servers' own refusals are checked in privileges.txtar.
func TestAdminPrivileges(t *testing.T) {
	withAdmin := func(version int, admin Admin, mutate func(*Observed)) *Observed {
		o := fresh()
		o.ServerVersionNum = version
		o.Admin = &admin
		for i := range o.Schemas {
			o.Schemas[i].AdminCanGrant = true
		}
		for i := range o.Tables {
			o.Tables[i].AdminOwns, o.Tables[i].AdminCanGrant = true, true
		}
		if mutate != nil {
			mutate(o)
		}
		return o
	}
	owner := Admin{Name: "adm", CreateRole: true, CreateOnDatabase: true, MemberOf: []string{"app_owner"}, Inherits: []string{"app_owner"}}
	existingUser := func(o *Observed) {
		o.User = &Role{Name: "clickpipes_user", CanLogin: true, Replication: true}
		o.Login = LoginBadPassword
	}
	tests := []struct {
		name    string
		o       *Observed
		blocked []string // ids of the actions blocked by a privilege finding
	}{
		{name: "a superuser may do everything", o: withAdmin(150004, Admin{Name: "postgres", Superuser: true}, nil)},
		{name: "rds_superuser is left to the server", o: withAdmin(160004, Admin{Name: "master", RDSSuperuser: true}, nil)},
		{name: "no admin observed (hand-built state)", o: fresh()},
		{name: "15: a REPLICATION user and a schema publication need a superuser", o: withAdmin(150004, owner, nil),
			blocked: []string{"role/clickpipes_user", "publication/clickpipes_publication"}},
		{name: "16: CREATEROLE with REPLICATION may create the user", o: withAdmin(160004, func() Admin { a := owner; a.Replication = true; return a }(), nil),
			blocked: []string{"publication/clickpipes_publication"}},
		{name: "14: a table list needs CREATE on the database", o: withAdmin(140010, func() Admin { a := owner; a.CreateOnDatabase = false; return a }(), nil),
			blocked: []string{"role/clickpipes_user", "publication/clickpipes_publication"}},
		{name: "14: a table list of owned tables is fine", o: withAdmin(140010, owner, nil),
			blocked: []string{"role/clickpipes_user"}},
		{name: "15: setting a REPLICATION user's password needs a superuser", o: withAdmin(150004, owner, existingUser),
			blocked: []string{"role/clickpipes_user/password", "publication/clickpipes_publication"}},
		{name: "16: with ADMIN OPTION the password may be set", o: withAdmin(160004, func() Admin { a := owner; a.AdminOptionOnUser = true; return a }(), existingUser),
			blocked: []string{"publication/clickpipes_publication"}},
		{name: "16: without ADMIN OPTION it may not", o: withAdmin(160004, owner, existingUser),
			blocked: []string{"role/clickpipes_user/password", "publication/clickpipes_publication"}},
		{name: "16: a member WITHOUT INHERIT cannot change default privileges; 15 could", o: withAdmin(160004, func() Admin { a := owner; a.Inherits = nil; a.Replication = true; return a }(), nil),
			blocked: []string{"default-privileges/app_owner/Sales", "default-privileges/app_owner/app", "publication/clickpipes_publication"}},
		{name: "15: membership is enough for default privileges", o: withAdmin(150004, func() Admin { a := owner; a.Inherits = nil; return a }(), nil),
			blocked: []string{"role/clickpipes_user", "publication/clickpipes_publication"}},
		{name: "grants on what the admin cannot grant", o: withAdmin(150004, owner, func(o *Observed) {
			o.Schemas[0].AdminCanGrant = false
			o.Tables[1].AdminCanGrant = false
		}), blocked: []string{"role/clickpipes_user", "usage/app", "select/Sales", "publication/clickpipes_publication"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp := Build(desired("fail", "schemas"), tt.o)
			var blocked []string
			for _, a := range sp.Actions {
				for _, b := range a.BlockedBy {
					if b == "privilege/"+a.ID {
						blocked = append(blocked, a.ID)
					}
				}
			}
			if diff := cmp.Diff(tt.blocked, blocked); diff != "" {
				t.Errorf("blocked by a privilege (-want +got):\n%s\nfindings: %v", diff, findingIDs(sp))
			}
		})
	}
}
