package main

import (
	"strings"
	"testing"

	"github.com/auroracfg/auroracfg/internal/golden"
)

// TestCLIReferenceIsCurrent: docs/cli.md is what the command table says
// now (-update rewrites it).
func TestCLIReferenceIsCurrent(t *testing.T) {
	var b strings.Builder
	if err := writeCLIReference(&b); err != nil {
		t.Fatal(err)
	}
	golden.CheckFile(t, "../../docs/cli.md", []byte(b.String()))
}

// TestSpecReferenceIsCurrent: docs/spec-reference.md is what the spec
// types say now (-update rewrites it).
func TestSpecReferenceIsCurrent(t *testing.T) {
	var b strings.Builder
	if err := writeSpecReference(&b); err != nil {
		t.Fatal(err)
	}
	golden.CheckFile(t, "../../docs/spec-reference.md", []byte(b.String()))
}
