package plan

import "time"

// Waiting is a long wait of an edge at one moment of it: a cluster being
// rebooted, instances or a VPC Lattice object becoming available or
// ACTIVE, a statement waiting for a lock. Edges tell a WaitHooks, when
// they judge it worth a line (at the start, then at a steady interval);
// plan/render words it (render.WaitText), as it words apply's events.
type Waiting struct {
	Source string
	For    WaitFor
	// Start is the wait's first report: it says what the wait is for.
	Start bool
	// Objects are what is waited for, each with its status now.
	Objects []WaitObject
	// Holder holds the lock waited for (WaitLock).
	Holder  *ApplyHolder
	Elapsed time.Duration
}

// WaitFor is what a wait waits for.
type WaitFor string

// What edges wait for.
const (
	WaitReboot    WaitFor = "reboot"    // an instance is being rebooted
	WaitAvailable WaitFor = "available" // a cluster and its instances become available
	WaitActive    WaitFor = "active"    // a VPC Lattice object becomes ACTIVE
	WaitLock      WaitFor = "lock"      // a statement waits for a lock
)

// WaitObject is one object waited for: its kind ("cluster", "resource
// gateway"; empty for a DB instance), name and status now.
type WaitObject struct {
	Kind, Name, Status string
}

// WaitHooks hear the edges' long waits; they are called from every
// source's goroutine at once.
type WaitHooks interface {
	Waiting(w Waiting)
}

// QuietWaits hears nothing.
type QuietWaits struct{}

// Waiting does nothing.
func (QuietWaits) Waiting(Waiting) {}
