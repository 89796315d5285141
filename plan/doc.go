// Package plan is the pure core of auroracfg: it diffs a source's desired
// state against its observed state into a SourcePlan of actions and
// findings. It never touches the network, a database or AWS (a test keeps
// pgx, the AWS SDK and net out of its imports).
//
// The files say which role they play:
//
//   - desired.go: Desired, built once from the spec and the run's flags
//     (DesiredFor), and the private path a source wants.
//   - observed_postgres.go, observed_aws.go, observed_privatelink.go:
//     Observed, the plain data an edge reads (the database; the cluster,
//     its parameter groups, security groups and Global Database; the
//     private path's objects). Tests build one by hand.
//   - action.go, change.go and change_*.go: an Action holds one typed
//     Change; each kind of change is a sealed type in its own file, with its
//     edge, the checks it serves (checkid.go) and its payload's json tags,
//     registered for saved plans (registerKind).
//   - reason.go and reasons_*.go: an Action's Why, the facts that make it
//     necessary, each a sealed type with a stable code and its operands
//     (names and numbers), registered for saved plans; plan/render words
//     them, and what the action does from its change and these facts.
//   - finding.go and findings_*.go: findings (blockers and warnings) by
//     typed code, each with its fact (render words message and fix);
//     qualifier.go: what holds an action back (observe-only, a gate, a
//     blocker), the one model every renderer words.
//   - diff.go and diff_*.go: Build and the builder, one file per domain
//     (roles, grants, publication, scope, tables, replica identity and
//     generated columns, privileges, preflight, network, private link,
//     endpoint service, resource path, Global Database).
//   - order.go: the dependency order of actions; digest.go: the observed
//     state's digest that saved plans compare.
//   - sourcetypes.go: what each registered source type adds to the desired
//     state, and its ClickPipes type.
//
// Readiness (plan/check), renderings (plan/render), the JSON plan's
// contract (plan/jsonplan), hand-offs (plan/handoff) and saved plans
// (plan/planfile) build on it in packages of their own.
package plan
