package gen

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/sdkgen/sdkgen/internal/files"
)

// Change is a file that differs between the output directory and a run.
type Change struct {
	Path string // slash-separated, relative to the output directory
	Kind string // "add", "update" or "remove"
}

// Diff compares the generated files with dir: new and changed files, and
// generated files in dir that the run no longer produces. It fails when a
// generated file would replace a file that is not generated.
func Diff(dir string, out []files.File) ([]Change, error) {
	var changes []Change
	want := map[string]bool{}
	for _, f := range out {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			return nil, fmt.Errorf("generated file path %q leaves the output directory", f.Path)
		}
		want[f.Path] = true
		old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			changes = append(changes, Change{f.Path, "add"})
		case err != nil:
			return nil, err
		case !files.IsGenerated(old):
			return nil, fmt.Errorf("%s: not a generated file (no \"Code generated ... DO NOT EDIT.\" header); refusing to overwrite it", filepath.Join(dir, f.Path))
		case !bytes.Equal(old, f.Content):
			changes = append(changes, Change{f.Path, "update"})
		}
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if want[rel] {
			return nil
		}
		content, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if files.IsGenerated(content) {
			changes = append(changes, Change{rel, "remove"})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(changes, func(a, b Change) int {
		if a.Path < b.Path {
			return -1
		}
		if a.Path > b.Path {
			return 1
		}
		return 0
	})
	return changes, nil
}

// Write brings dir in line with out: it writes new and changed files and
// removes stale generated ones, touching nothing else. Every check happens
// before the first write, and each file is replaced atomically.
func Write(dir string, out []files.File) ([]Change, error) {
	changes, err := Diff(dir, out)
	if err != nil {
		return nil, err
	}
	byPath := map[string][]byte{}
	for _, f := range out {
		byPath[f.Path] = f.Content
	}
	// Stage every new content next to its destination first, so a failure
	// (disk full, permissions, a name the file system refuses) leaves dir as
	// it was: temporary files and new directories are removed, and files
	// already moved into place are put back.
	type staged struct {
		tmp, dst string
		old      []byte // the content replaced, for an update
		kind     string
	}
	var stagedFiles []staged
	var newDirs []string // directories created, outermost first
	undo := func(renamed int) {
		for _, s := range stagedFiles[:renamed] {
			if s.kind == "add" {
				os.Remove(s.dst)
			} else {
				os.WriteFile(s.dst, s.old, 0o644)
			}
		}
		for _, s := range stagedFiles[renamed:] {
			os.Remove(s.tmp)
		}
		for i := len(newDirs) - 1; i >= 0; i-- {
			os.RemoveAll(newDirs[i])
		}
	}
	for _, c := range changes {
		if c.Kind == "remove" {
			continue
		}
		dst := filepath.Join(dir, filepath.FromSlash(c.Path))
		if top := firstMissing(filepath.Dir(dst)); top != "" {
			newDirs = append(newDirs, top)
		}
		s := staged{dst: dst, kind: c.Kind}
		if c.Kind == "update" {
			if s.old, err = os.ReadFile(dst); err != nil {
				undo(0)
				return nil, err
			}
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			undo(0)
			return nil, err
		}
		tmp, err := os.CreateTemp(filepath.Dir(dst), ".sdkgen-*")
		if err != nil {
			undo(0)
			return nil, err
		}
		s.tmp = tmp.Name()
		stagedFiles = append(stagedFiles, s)
		_, werr := tmp.Write(byPath[c.Path])
		cerr := tmp.Close()
		if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
			undo(0)
			return nil, err
		}
	}
	for i, s := range stagedFiles {
		if err := os.Rename(s.tmp, s.dst); err != nil {
			undo(i)
			return nil, err
		}
	}
	for _, c := range changes {
		if c.Kind == "remove" {
			p := filepath.Join(dir, filepath.FromSlash(c.Path))
			if err := os.Remove(p); err != nil {
				return nil, err
			}
			removeEmptyDirs(dir, filepath.Dir(p))
		}
	}
	return changes, nil
}

// firstMissing returns the outermost directory on the way to d that does
// not exist yet, or "" when d exists.
func firstMissing(d string) string {
	missing := ""
	for {
		if _, err := os.Lstat(d); err == nil {
			return missing
		}
		missing = d
		parent := filepath.Dir(d)
		if parent == d {
			return missing
		}
		d = parent
	}
}

// removeEmptyDirs removes d and its parents up to (not including) root while
// they are empty.
func removeEmptyDirs(root, d string) {
	for d != root && len(d) > len(root) {
		if os.Remove(d) != nil {
			return
		}
		d = filepath.Dir(d)
	}
}
