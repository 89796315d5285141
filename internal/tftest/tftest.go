// Package tftest checks HCL with the real terraform and the AWS provider the
// machine image carries as a local filesystem mirror (no registry is
// reachable): terraform validate, as a user would run it.
package tftest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// DefaultMirror is where the machine image keeps provider builds
// (registry.terraform.io/hashicorp/aws/VERSION/linux_amd64/…); set
// AURORACFG_TF_MIRROR for another.
const DefaultMirror = "/opt/tf-plugins"

// Dir is a terraform working directory initialized once against the mirror.
type Dir struct {
	path, config string
}

// New initializes a working directory in a temporary directory of t (one
// init copies the provider: share the Dir between validations). Without
// terraform or the mirror the test fails in CI and skips elsewhere.
func New(t *testing.T) *Dir {
	t.Helper()
	mirror := os.Getenv("AURORACFG_TF_MIRROR")
	if mirror == "" {
		mirror = DefaultMirror
	}
	bin, err := exec.LookPath("terraform")
	if err == nil {
		_, err = os.Stat(filepath.Join(mirror, "registry.terraform.io", "hashicorp", "aws"))
	}
	if err != nil {
		unavailable(t, err)
	}
	d := &Dir{path: t.TempDir()}
	d.config = filepath.Join(d.path, "terraformrc")
	rc := fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path    = %q\n    include = [\"registry.terraform.io/hashicorp/*\"]\n  }\n  direct {\n    exclude = [\"registry.terraform.io/hashicorp/*\"]\n  }\n}\n", mirror)
	if err := os.WriteFile(d.config, []byte(rc), 0o644); err != nil {
		t.Fatal(err)
	}
	d.write(t, []byte("resource \"aws_security_group\" \"init\" {}\n"))
	if out, err := d.run(bin, "init", "-input=false", "-backend=false", "-no-color"); err != nil {
		t.Fatalf("terraform init against the mirror %s: %v\n%s", mirror, err, out)
	}
	return d
}

// Validate runs terraform validate on hcl as the directory's only file; the
// error holds terraform's output when it finds the file invalid.
func (d *Dir) Validate(t *testing.T, hcl []byte) error {
	t.Helper()
	d.write(t, hcl)
	if out, err := d.run("terraform", "validate", "-no-color"); err != nil {
		return fmt.Errorf("%w\n%s", err, out)
	}
	return nil
}

func (d *Dir) write(t *testing.T, hcl []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(d.path, "main.tf"), hcl, 0o644); err != nil {
		t.Fatal(err)
	}
}

func (d *Dir) run(bin string, args ...string) (string, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = d.path
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+d.config, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func unavailable(t *testing.T, err error) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("terraform with the AWS provider mirror unavailable (CI is set, so this fails instead of skipping): %v", err)
	}
	t.Skipf("terraform with the AWS provider mirror unavailable, skipping: %v", err)
}
