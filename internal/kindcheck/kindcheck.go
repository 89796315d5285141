// Package kindcheck checks that an edge's executor handles every kind of
// change that runs on that edge: it reads the executor's source files and
// collects the plan types its type switches on a change name (case
// plan.CreateRole:), then compares them with plan.Kinds. Change is sealed,
// so plan.Kinds is every kind there can be.
package kindcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"testing"

	"github.com/auroracfg/auroracfg/plan"
)

// Exhaustive fails t unless the type switches in files name exactly the
// kinds whose Edge is edge (every such kind, and none of another edge).
func Exhaustive(t *testing.T, edge plan.Edge, files ...string) {
	t.Helper()
	handled := map[string]bool{}
	fset := token.NewFileSet()
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sw, ok := n.(*ast.TypeSwitchStmt)
			if !ok {
				return true
			}
			for _, stmt := range sw.Body.List {
				for _, expr := range stmt.(*ast.CaseClause).List {
					if sel, ok := expr.(*ast.SelectorExpr); ok {
						if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "plan" {
							handled[sel.Sel.Name] = true
						}
					}
				}
			}
			return true
		})
	}
	var want []string
	for _, k := range plan.Kinds() {
		c, _ := plan.ZeroChange(k)
		name := reflect.TypeOf(c).Name()
		if c.Edge() == edge {
			want = append(want, name)
			if !handled[name] {
				t.Errorf("kind %s (plan.%s) runs on the %s edge, and no case of %v handles it", k, name, edge, files)
			}
		} else if handled[name] {
			t.Errorf("%v handles plan.%s, which runs on the %s edge, not %s", files, name, c.Edge(), edge)
		}
	}
	if len(want) == 0 {
		t.Errorf("no kind runs on the %s edge", edge)
	}
}
