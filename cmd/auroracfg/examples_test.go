package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestDriftRecipesUseRealFlags parses the drift-job examples and checks that
// every auroracfg command line in them names a real command and real flags.
func TestDriftRecipesUseRealFlags(t *testing.T) {
	recipes, _ := filepath.Glob("../../examples/drift/*.yaml")
	if len(recipes) < 2 {
		t.Fatalf("found %d drift recipes, want the GitHub workflow and the CronJob", len(recipes))
	}
	found := 0
	for _, path := range recipes {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: not YAML: %v", path, err)
		}
		for _, line := range commandLines(&doc) {
			found++
			checkCommandLine(t, path, line)
		}
		// A summary and an exit code from two observations can disagree.
		if plans := plansPerStep(&doc); plans > 1 {
			t.Errorf("%s: a step runs auroracfg plan %d times: take the summary and the exit code from one run", path, plans)
		}
	}
	if found < 3 {
		t.Errorf("found %d auroracfg command lines in the recipes, want at least 3", found)
	}
}

// commandLines collects the auroracfg invocations that would run: lines of
// shell scripts (run:) and exec arrays (command: [...]).
func commandLines(n *yaml.Node) []string {
	var out []string
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i].Value, n.Content[i+1]
			switch {
			case key == "command" && val.Kind == yaml.SequenceNode && len(val.Content) > 0 && val.Content[0].Value == "auroracfg":
				var words []string
				for _, c := range val.Content {
					words = append(words, c.Value)
				}
				out = append(out, strings.Join(words, " "))
			case key == "run" && val.Kind == yaml.ScalarNode:
				for _, line := range strings.Split(val.Value, "\n") {
					if line = strings.TrimSpace(line); strings.HasPrefix(line, "auroracfg ") {
						out = append(out, line)
					}
				}
			}
		}
	}
	for _, c := range n.Content {
		out = append(out, commandLines(c)...)
	}
	return out
}

// plansPerStep is the most auroracfg plan invocations one run: script holds.
func plansPerStep(n *yaml.Node) int {
	most := 0
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if key, val := n.Content[i].Value, n.Content[i+1]; key == "run" && val.Kind == yaml.ScalarNode {
				most = max(most, strings.Count(val.Value, "auroracfg plan "))
			}
		}
	}
	for _, c := range n.Content {
		most = max(most, plansPerStep(c))
	}
	return most
}

var flagRE = regexp.MustCompile(`(?:^|\s)--?([a-z][a-z-]*)`)

func checkCommandLine(t *testing.T, path, line string) {
	t.Helper()
	words := strings.Fields(line)
	if len(words) < 2 {
		t.Errorf("%s: %q: no command", path, line)
		return
	}
	var help bytes.Buffer
	code := run(context.Background(), []string{words[1], "--help"}, env{stdout: &help, stderr: &help, getenv: os.Getenv})
	if code != 0 {
		t.Errorf("%s: %q: auroracfg has no command %q", path, line, words[1])
		return
	}
	for _, m := range flagRE.FindAllStringSubmatch(strings.Join(words[2:], " "), -1) {
		if !strings.Contains(help.String(), "-"+m[1]+" ") && !strings.Contains(help.String(), "-"+m[1]+"\n") {
			t.Errorf("%s: %q: %s has no flag --%s", path, line, words[1], m[1])
		}
	}
}
