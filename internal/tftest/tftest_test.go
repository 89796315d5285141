package tftest

import (
	"strings"
	"testing"
)

// TestValidateRefusesWhatTerraformRefuses: the check can fail.
func TestValidateRefusesWhatTerraformRefuses(t *testing.T) {
	d := New(t)
	if err := d.Validate(t, []byte("resource \"aws_security_group\" \"ok\" {\n  name = \"x\"\n}\n")); err != nil {
		t.Errorf("a valid file is refused: %v", err)
	}
	err := d.Validate(t, []byte("resource \"aws_security_group\" \"bad\" {\n  vpc_identifier = \"\"\n}\n"))
	if err == nil || !strings.Contains(err.Error(), "vpc_identifier") {
		t.Errorf("an unknown argument passes: %v", err)
	}
}
