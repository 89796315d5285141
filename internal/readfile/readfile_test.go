package readfile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestRegular: a FIFO is refused without blocking, /dev/zero without
// reading it, a file over the bound is refused, a small file is read.
func TestRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	small := filepath.Join(dir, "small")
	os.WriteFile(big, []byte(strings.Repeat("x", 11)), 0o600)
	os.WriteFile(small, []byte("hello"), 0o600)
	for path, want := range map[string]string{
		fifo:        "is not a regular file",
		os.DevNull:  "is not a regular file",
		"/dev/zero": "is not a regular file",
		big:         "is larger than 10 bytes",
	} {
		if _, err := Regular(path, 10); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", path, err, want)
		}
	}
	if got, err := Regular(small, 10); err != nil || string(got) != "hello" {
		t.Errorf("small file: %q, %v", got, err)
	}
}
