package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse: no input makes the loader panic, and every rejection carries
// a position or names the file. The corpus is every example and test spec;
// `make test` replays it (and testdata/fuzz), `make fuzz` explores.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../examples/*.yaml", "../cmd/auroracfg/testdata/script/*.txtar"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err == nil {
				for _, part := range strings.Split(string(data), "\n-- ") {
					f.Add([]byte(part))
				}
			}
		}
	}
	f.Add([]byte(validSpec))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("version: 1\nversion: 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse("fuzz.yaml", data)
		if err == nil {
			return
		}
		ds, ok := err.(Diagnostics)
		if !ok || len(ds) == 0 {
			t.Fatalf("error is not a list of diagnostics: %v", err)
		}
		for _, d := range ds {
			if d.File != "fuzz.yaml" || d.Message == "" {
				t.Fatalf("diagnostic without file or message: %+v", d)
			}
		}
	})
}
