package aurora

import (
	"context"
	"strings"
	"testing"

	"github.com/auroracfg/auroracfg/plan"
)

// TestInstanceParameterGroupIsNotAurora: a DB instance's parameter group
// change (an RDS instance's) reaching the Aurora executor is refused before
// any AWS call, never run as a cluster group's.
func TestInstanceParameterGroupIsNotAurora(t *testing.T) {
	s := &Session{src: &Source{}}
	for _, ch := range []plan.Change{
		plan.CreateParameterGroup{Scope: plan.InstanceParameterGroup, Name: "g", Family: "postgres16"},
		plan.SetParameters{Scope: plan.InstanceParameterGroup, Group: "g"},
		plan.AttachParameterGroup{Scope: plan.InstanceParameterGroup, Target: "db", Group: "g"},
	} {
		err := s.executeAWS(context.Background(), plan.Action{ID: "x", Change: ch})
		if err == nil || !strings.Contains(err.Error(), "an Aurora cluster has no instance parameter group") {
			t.Errorf("%T: %v", ch, err)
		}
	}
}
