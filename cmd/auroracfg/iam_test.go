package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
)

// calls records, per account, the IAM action of every AWS call auroracfg
// makes in tests: the SDK's calls to the emulator (recordCalls, a
// middleware) and the fakes' (their Calls hook).
var calls sync.Map // account → *callSet

type callSet struct {
	mu      sync.Mutex
	actions map[string]int // IAM action → calls since the last take
}

func callsOf(account string) *callSet {
	c, _ := calls.LoadOrStore(account, &callSet{actions: map[string]int{}})
	return c.(*callSet)
}

func (c *callSet) add(action string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.actions[action]++
}

// take returns the actions recorded so far and forgets them.
func (c *callSet) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for a := range c.actions {
		out = append(out, a)
	}
	c.actions = map[string]int{}
	sort.Strings(out)
	return out
}

// counted returns how many calls were made since the last take, and each
// action with its count.
func (c *callSet) counted() (int, []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	total := 0
	var ops []string
	for a, n := range c.actions {
		total += n
		ops = append(ops, fmt.Sprintf("%s=%d", a, n))
	}
	sort.Strings(ops)
	return total, ops
}

// iamPrefix maps an SDK service id to its IAM action prefix.
var iamPrefix = map[string]string{"RDS": "rds", "EC2": "ec2", "Elastic Load Balancing v2": "elasticloadbalancing",
	"Secrets Manager": "secretsmanager", "VPC Lattice": "vpc-lattice", "RAM": "ram", "STS": "sts"}

// recordCalls is an SDK middleware that records each call's IAM action.
func recordCalls(account string) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("auroracfg-test-record", func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			prefix := iamPrefix[awsmiddleware.GetServiceID(ctx)]
			if prefix == "" {
				prefix = "unknown(" + awsmiddleware.GetServiceID(ctx) + ")"
			}
			callsOf(account).add(prefix + ":" + awsmiddleware.GetOperationName(ctx))
			return next.HandleInitialize(ctx, in)
		}), middleware.Before)
	}
}

// policyActions reads the actions of the example policies' statements whose
// Sid ends with one of suffixes (all statements when none is given).
func policyActions(t *testing.T, files []string, suffixes ...string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join("..", "..", "examples", f))
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Statement []struct {
				Sid    string
				Action []string
			}
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, st := range doc.Statement {
			keep := len(suffixes) == 0
			for _, s := range suffixes {
				keep = keep || strings.HasSuffix(st.Sid, s)
			}
			for _, a := range st.Action {
				if keep {
					out[a] = true
				}
			}
		}
	}
	return out
}

// TestIAMExamplesCoverEveryCall runs plan and apply on the emulator for each
// kind of network and checks that every AWS call they made is allowed by the
// example policies a user would attach: plan by iam-plan.json and the
// network type's read statements, apply by iam-apply.json and the type's
// whole policy. A call added to the code without its permission fails here.
// It also counts the AWS calls of the drift job's no-change plan, a fixed
// number per type of network (the PostgreSQL side is counted elsewhere):
// public 6, endpoint service 16, VPC resource 14.
func TestIAMExamplesCoverEveryCall(t *testing.T) {
	for _, tc := range []struct {
		network       string
		policy        []string // the type's own policy, beside the base ones
		noChangeCalls int
	}{
		{network: "cp", noChangeCalls: 6},
		{network: "es", policy: []string{"iam-endpointservice.json"}, noChangeCalls: 16},
		{network: "rs", policy: []string{"iam-resource.json"}, noChangeCalls: 14},
	} {
		t.Run(tc.network, func(t *testing.T) {
			c := newCrashCase(t, "aurora-postgresql", tc.network, 100)
			recorded := callsOf(c.cli.environ["MOTO_ACCOUNT"])
			recorded.take() // the test's own setup
			planAllowed := policyActions(t, []string{"iam-plan.json"})
			for a := range policyActions(t, tc.policy, "Read") {
				planAllowed[a] = true
			}
			applyAllowed := policyActions(t, append([]string{"iam-apply.json"}, tc.policy...))
			if code, out := c.cli.run("plan", "spec.yaml"); code != exitOK {
				t.Fatalf("plan: exit %d\n%s", code, out)
			}
			for _, a := range recorded.take() {
				if !planAllowed[a] {
					t.Errorf("plan called %s, which the plan policies do not allow", a)
				}
			}
			if code, out := c.cli.run("apply", "--auto-approve", "spec.yaml"); code != exitOK {
				t.Fatalf("apply: exit %d\n%s", code, out)
			}
			for _, a := range recorded.take() {
				if !applyAllowed[a] {
					t.Errorf("apply called %s, which the apply policies do not allow", a)
				}
			}
			// The drift job's plan: everything exists, so everything is read,
			// in a fixed number of calls per type of network.
			if code, out := c.cli.run("plan", "--detailed-exitcode", "spec.yaml"); code != exitOK {
				t.Fatalf("plan after apply: exit %d\n%s", code, out)
			}
			n, ops := recorded.counted()
			t.Logf("no-change plan, network %s: %d AWS calls: %s", tc.network, n, strings.Join(ops, " "))
			if n != tc.noChangeCalls {
				t.Errorf("a no-change plan made %d AWS calls, want %d: %s", n, tc.noChangeCalls, strings.Join(ops, " "))
			}
			for _, a := range recorded.take() {
				if !planAllowed[a] {
					t.Errorf("the plan after apply called %s, which the plan policies do not allow", a)
				}
			}
		})
	}
}
