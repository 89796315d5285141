package plan

// FailingChecks names the readiness checks that fail for a source. The
// checks are plan/check's pass, which this package cannot import; its
// external test (checks_test.go, package plan_test) plugs it in, so the
// table tests here can assert findings, actions and checks of one state
// together.
var FailingChecks func(d Desired, o *Observed, sp SourcePlan) []CheckID
