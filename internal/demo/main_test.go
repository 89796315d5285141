package main

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestDemo runs make demo's flow with a freshly built auroracfg: the front
// door must stay open (a PostgreSQL source and an Aurora cluster in moto
// converge, and the plans after them are clean). It once broke unseen: the
// emulated reboot left sessions open, which a real reboot never does.
func TestDemo(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "auroracfg")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/auroracfg").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	if err := demo(bin, "../../examples/quickstart.yaml"); err != nil {
		t.Fatalf("make demo's flow: %v", err)
	}
}
