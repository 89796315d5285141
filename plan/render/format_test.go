package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFormatsHelpAndWant: the --format help and the unknown-format error
// of each command are written from its table, with the wording they had
// when they were written by hand.
func TestFormatsHelpAndWant(t *testing.T) {
	type words struct{ Default, Help, Want string }
	got := map[string]words{
		"plan":            {PlanFormats.Default(), PlanFormats.Help(), PlanFormats.Want()},
		"check":           {CheckFormats.Default(), CheckFormats.Help(), CheckFormats.Want()},
		"connection-info": {HandOffFormats(TerraformHandOff{}).Default(), HandOffFormats(TerraformHandOff{}).Help(), HandOffFormats(TerraformHandOff{}).Want()},
	}
	want := map[string]words{
		"plan": {"text",
			"output format: text, json (versioned), markdown (a pull-request comment), or terraform (the AWS changes as HCL)",
			"text, json, markdown or terraform"},
		"check": {"text", "output format: text or json (versioned)", "text or json"},
		"connection-info": {"text",
			"output format: text, json, or terraform (a clickhouse_clickpipe resource with the password as a variable)",
			"text, json or terraform"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("formats (-want +got):\n%s", diff)
	}
}

func TestFormatsLookup(t *testing.T) {
	for _, name := range []string{"text", "json", "markdown", "terraform"} {
		if f, ok := PlanFormats.Lookup(name); !ok || f.Name != name || f.Write == nil {
			t.Errorf("PlanFormats.Lookup(%q) = %q, %v", name, f.Name, ok)
		}
	}
	for _, name := range []string{"", "JSON", "markdown "} {
		if _, ok := PlanFormats.Lookup(name); ok {
			t.Errorf("PlanFormats.Lookup(%q) found a format", name)
		}
	}
	if _, ok := CheckFormats.Lookup("markdown"); ok {
		t.Error("check has no markdown output")
	}
}

func TestJoinOr(t *testing.T) {
	for _, c := range []struct {
		words  []string
		serial bool
		want   string
	}{
		{nil, false, ""},
		{[]string{"a"}, true, "a"},
		{[]string{"a", "b"}, false, "a or b"},
		{[]string{"a", "b", "c"}, false, "a, b or c"},
		{[]string{"a", "b", "c"}, true, "a, b, or c"},
	} {
		if got := joinOr(c.words, c.serial); got != c.want {
			t.Errorf("joinOr(%q, %v) = %q, want %q", c.words, c.serial, got, c.want)
		}
	}
}
