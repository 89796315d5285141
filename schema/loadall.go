package schema

import (
	"errors"
	"fmt"
)

// LoadAll loads every spec file of a run and checks the rules that span
// files: source names are unique across them, and no two sources (in any
// files) share one publication of one database. Every problem of every file
// is reported. paths are as the user wrote them (diagnostics name them);
// resolve turns one into the path to read.
func LoadAll(paths []string, resolve func(string) string) ([]*File, Diagnostics) {
	var files []*File
	var diags Diagnostics
	for _, p := range paths {
		f, err := Load(resolve(p))
		var ds Diagnostics
		if errors.As(err, &ds) {
			for i := range ds {
				ds[i].File = p
			}
			diags = append(diags, ds...)
			continue
		}
		f.Path = p
		files = append(files, f)
	}
	return files, append(diags, acrossFiles(files)...)
}

// acrossFiles is the rules between files (each file checked its own).
func acrossFiles(files []*File) Diagnostics {
	var diags Diagnostics
	type at struct {
		f    *File
		path string
		name string
	}
	names := map[string]at{}
	publications := map[string]at{}
	for _, f := range files {
		for i := range f.Spec.Sources {
			src := &f.Spec.Sources[i]
			p := fmt.Sprintf("sources[%d]", i)
			if other, dup := names[src.Name]; dup && other.f != f {
				diags = append(diags, Diagnostic{File: f.Path, Pos: f.PosOf(p + ".name"), Message: fmt.Sprintf("source %q is also declared in %s", src.Name, other.f.Path)})
			} else if !dup {
				names[src.Name] = at{f, p + ".name", src.Name}
			}
			key, where, ok := publicationKey(src)
			if !ok {
				continue
			}
			if other, dup := publications[key]; dup && other.f != f {
				diags = append(diags, Diagnostic{File: f.Path, Pos: f.PosOf(publicationPath(f, p)), Message: fmt.Sprintf(
					"publication %q in %s is also source %s's (%s): give each source a publication of its own",
					src.Publication.Name, where, other.name, Diagnostic{File: other.f.Path, Pos: other.f.PosOf(other.path)}.position())})
			} else if !dup {
				publications[key] = at{f, publicationPath(f, p), src.Name}
			}
		}
	}
	return diags
}

// position is where a diagnostic points, file:line:column.
func (d Diagnostic) position() string {
	if d.Pos.Line == 0 {
		return d.File
	}
	return fmt.Sprintf("%s:%d:%d", d.File, d.Pos.Line, d.Pos.Column)
}
