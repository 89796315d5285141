package aurora

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestWaitProgressNeverRepeatsItself: polls much faster than a second (the
// tests' intervals) print the start once and no "[0m00s elapsed]" twice.
func TestWaitProgressNeverRepeatsItself(t *testing.T) {
	var b bytes.Buffer
	p := newWaitProgress(&b, "src", time.Millisecond)
	for range 5 {
		p.report("waiting for orders-1 (rebooting) to be available", "orders-1 (rebooting)")
		time.Sleep(2 * time.Millisecond)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	want := []string{"src: waiting for orders-1 (rebooting) to be available", "src: still waiting for orders-1 (rebooting) … [0m00s elapsed]"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), strings.Join(want, "\n"))
	}
}
