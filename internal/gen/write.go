package gen

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
	for _, f := range out {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			return nil, fmt.Errorf("generated file path %q leaves the output directory", f.Path)
		}
	}
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		// A first run: everything is new, and nothing needs reading.
		changes := make([]Change, len(out))
		for i, f := range out {
			changes[i] = Change{f.Path, "add"}
		}
		sortChanges(changes)
		return changes, nil
	}
	var changes []Change
	want := make(map[string]bool, len(out))
	for _, f := range out {
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
	sortChanges(changes)
	return changes, nil
}

func sortChanges(changes []Change) {
	slices.SortFunc(changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
}

// Write brings dir in line with out: it writes new and changed files and
// removes stale generated ones, touching nothing else. Every check happens
// before the first write, and each file is replaced atomically.
func Write(dir string, out []files.File) ([]Change, error) {
	changes, err := Diff(dir, out)
	if err != nil {
		return nil, err
	}
	return changes, Apply(dir, out, changes)
}

// Apply makes the changes Diff found for out in dir. A failure (disk full,
// permissions, a name the file system refuses) leaves dir as it was:
// temporary files and new directories are removed, and files already moved
// into place are put back.
func Apply(dir string, out []files.File, changes []Change) error {
	byPath := make(map[string][]byte, len(out))
	for _, f := range out {
		byPath[f.Path] = f.Content
	}
	type staged struct {
		tmp, dst string
		content  []byte
		old      []byte // the content replaced, for an update
		kind     string
		direct   bool // written in place: its directory is new
	}
	var stagedFiles []*staged
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
			if s.tmp != "" {
				os.Remove(s.tmp)
			}
		}
		for i := len(newDirs) - 1; i >= 0; i-- {
			os.RemoveAll(newDirs[i])
		}
	}
	// Directories first, one after the other: there are few of them, and
	// undo must know each one this run created.
	inNewDir := map[string]bool{}
	made := map[string]bool{}
	for _, c := range changes {
		if c.Kind == "remove" {
			continue
		}
		dst := filepath.Join(dir, filepath.FromSlash(c.Path))
		parent := filepath.Dir(dst)
		if !made[parent] {
			made[parent] = true
			if top := firstMissing(parent); top != "" {
				newDirs = append(newDirs, top)
				inNewDir[parent] = true
			} else {
				inNewDir[parent] = underAny(parent, newDirs)
			}
			if err := os.MkdirAll(parent, 0o755); err != nil {
				undo(0)
				return err
			}
		}
		// A file in a directory this run created needs no temporary name:
		// undo removes the whole directory.
		stagedFiles = append(stagedFiles, &staged{dst: dst, content: byPath[c.Path], kind: c.Kind, direct: inNewDir[parent]})
	}
	// One file after the other: writing them side by side made no run
	// faster and cost more system time.
	stage := func(s *staged) error {
		if s.direct {
			return writeNew(s.dst, s.content)
		}
		if s.kind == "update" {
			old, err := os.ReadFile(s.dst)
			if err != nil {
				return err
			}
			s.old = old
		}
		tmp, err := createTemp(s.dst)
		if err != nil {
			return err
		}
		s.tmp = tmp.Name()
		_, werr := tmp.Write(s.content)
		return errors.Join(werr, tmp.Close())
	}
	for _, s := range stagedFiles {
		if err := stage(s); err != nil {
			undo(0)
			return err
		}
	}
	for i, s := range stagedFiles {
		if s.direct {
			continue
		}
		if err := os.Rename(s.tmp, s.dst); err != nil {
			undo(i)
			return err
		}
	}
	for _, c := range changes {
		if c.Kind == "remove" {
			p := filepath.Join(dir, filepath.FromSlash(c.Path))
			if err := os.Remove(p); err != nil {
				return err
			}
			removeEmptyDirs(dir, filepath.Dir(p))
		}
	}
	return nil
}

// writeNew creates a file that must not exist yet.
func writeNew(name string, content []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(content)
	return errors.Join(werr, f.Close())
}

// createTemp creates a hidden temporary file beside dst, readable like the
// file it will replace (os.CreateTemp would make it 0600).
func createTemp(dst string) (*os.File, error) {
	dir, base := filepath.Split(dst)
	for {
		name := filepath.Join(dir, fmt.Sprintf(".%s.sdkgen-%d", base, rand.Uint32()))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// underAny reports whether d is one of dirs or inside one.
func underAny(d string, dirs []string) bool {
	for _, top := range dirs {
		if d == top || strings.HasPrefix(d, top+string(filepath.Separator)) {
			return true
		}
	}
	return false
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
