package load

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/agnivade/levenshtein"
	yaml "go.yaml.in/yaml/v4"
)

// A dangling $ref is most often a typo: these name the nearest existing
// name, so the user need not search the spec for what was meant.

// nearest returns the candidate closest to name by edit distance, ignoring
// case, or "" when none is close enough to be a likely typo: at most a third
// of name's characters differ (none in a name of one or two characters, where
// any other short name would be as near). Ties go to the candidate
// whose case matches best, then to the first in byte order, so the
// suggestion never depends on the spec's order.
func nearest(name string, candidates []string) string {
	limit := len([]rune(name)) / 3
	lower := strings.ToLower(name)
	best, bestD, bestCase := "", 0, 0
	for _, c := range candidates {
		d := levenshtein.ComputeDistance(lower, strings.ToLower(c))
		if c == name || d > limit {
			continue
		}
		dc := levenshtein.ComputeDistance(name, c)
		if best == "" || cmp.Or(cmp.Compare(d, bestD), cmp.Compare(dc, bestCase), strings.Compare(c, best)) < 0 {
			best, bestD, bestCase = c, d, dc
		}
	}
	return best
}

// didYouMean is the suffix of a message about a missing name: the nearest
// existing one, or nothing.
func didYouMean(name string, candidates []string) string {
	if s := nearest(name, candidates); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

// keys returns the keys of a mapping node.
func keys(n *yaml.Node) []string {
	out := make([]string, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, n.Content[i].Value)
	}
	return out
}

// nearestFile suggests, for a file that does not exist, the nearest file
// name in its directory (the path as the $ref wrote it, with that name).
func nearestFile(refPath, abs string) string {
	entries, err := os.ReadDir(filepath.Dir(abs))
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	s := nearest(filepath.Base(abs), names)
	if s == "" {
		return ""
	}
	dir, _ := splitLast(refPath)
	return fmt.Sprintf("; did you mean %q?", dir+s)
}

// splitLast splits a slash-separated path after its last slash.
func splitLast(p string) (string, string) {
	i := strings.LastIndexByte(p, '/')
	return p[:i+1], p[i+1:]
}
