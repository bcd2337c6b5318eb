package load

import (
	"slices"
	"strconv"

	"github.com/theory/jsonpath/spec"
	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// Overlays are applied to the YAML nodes of the spec's root document, so
// that what they leave alone keeps its position in the spec, and what they
// insert is a copy of the overlay's nodes, recorded (in from) as coming
// from the overlay's file: errors in the result name where each node was
// written. JSONPath is evaluated by github.com/theory/jsonpath on a plain
// value of the document; its normalized paths lead back to the nodes.

// apply applies o's actions in order to doc, the root document. Targets
// that select nothing are warnings; actions that cannot apply are errors,
// located at the action.
func (o *overlay) apply(doc *yaml.Node, from map[*yaml.Node]string) (diag.List, error) {
	var warnings, errs diag.List
	at := func(n *yaml.Node) diag.Pos { return diag.Pos{File: o.file, Line: n.Line, Col: n.Column} }
	root := deref(doc)
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = deref(root.Content[0])
	}
	for _, a := range o.actions {
		ptr := "#/actions/" + strconv.Itoa(a.index)
		found := a.target.SelectLocated(plainValue(root))
		// The library walks maps in Go's random order: sort for a fixed one.
		slices.SortFunc(found, func(x, y *spec.LocatedNode) int { return x.Path.Compare(y.Path) })
		var sites []site
		seen := map[*yaml.Node]bool{}
		for _, f := range found {
			if s, ok := resolvePath(root, f.Path); ok && !seen[s.node] {
				seen[s.node] = true
				sites = append(sites, s)
			}
		}
		if len(sites) == 0 {
			warnings = append(warnings, diag.Errorf(at(a.node), ptr+"/target", "%s selects nothing", a))
			continue
		}
		for _, s := range sites {
			var msg string
			switch {
			case a.remove && s.parent == nil:
				msg = "cannot remove the whole document"
			case a.remove:
				removeEntry(s.parent, s.entry)
			default:
				msg = updateNode(s.node, a.update, o.file, from)
			}
			if msg != "" {
				errs = append(errs, diag.Errorf(at(a.node), ptr+"/target", "%s, at %s: %s", a, s.path, msg))
			}
		}
	}
	return warnings, errs.Err()
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// plainValue returns the value a node stands for as JSON data: maps,
// slices, strings, numbers, booleans and nil. Of duplicate keys the first
// counts, as for the rest of the loader (mapValue).
func plainValue(n *yaml.Node) any {
	n = deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			if _, dup := m[n.Content[i].Value]; !dup {
				m[n.Content[i].Value] = plainValue(n.Content[i+1])
			}
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = plainValue(c)
		}
		return s
	case yaml.ScalarNode:
		if n.ShortTag() == "!!str" {
			return n.Value
		}
		var v any
		if err := n.Decode(&v); err == nil {
			return v
		}
		return n.Value
	}
	return nil
}

// site is a node a target selected: the node, the entry of its parent that
// holds it (an alias or the node), and the parent (nil for the root).
type site struct {
	node, entry, parent *yaml.Node
	path                spec.NormalizedPath
}

// resolvePath follows a normalized path from root to its node.
func resolvePath(root *yaml.Node, path spec.NormalizedPath) (site, bool) {
	s := site{node: root, entry: root, path: path}
	for _, sel := range path {
		var next *yaml.Node
		switch sel := sel.(type) {
		case spec.Name:
			if s.node.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(s.node.Content); i += 2 {
					if s.node.Content[i].Value == string(sel) {
						next = s.node.Content[i+1]
						break
					}
				}
			}
		case spec.Index:
			if s.node.Kind == yaml.SequenceNode && int(sel) >= 0 && int(sel) < len(s.node.Content) {
				next = s.node.Content[sel]
			}
		}
		if next == nil {
			return site{}, false
		}
		s.parent, s.entry, s.node = s.node, next, deref(next)
	}
	return s, true
}

// removeEntry removes an entry from a mapping (its key and value) or a
// sequence.
func removeEntry(parent, entry *yaml.Node) {
	for i, c := range parent.Content {
		if c != entry {
			continue
		}
		if parent.Kind == yaml.MappingNode {
			parent.Content = slices.Delete(parent.Content, i-1, i+1)
		} else {
			parent.Content = slices.Delete(parent.Content, i, i+1)
		}
		return
	}
}

// updateNode applies an update to a selected node: an object is merged
// into an object, and an array gets the update appended (the items of an
// update that is itself an array, as OpenAPI's arrays do not nest). It
// returns why the update does not apply, or "".
func updateNode(target, update *yaml.Node, file string, from map[*yaml.Node]string) string {
	update = deref(update)
	switch target.Kind {
	case yaml.MappingNode:
		if update.Kind != yaml.MappingNode {
			return "the target is an object, so update must be an object to merge into it; found " + kindName(update)
		}
		merge(target, update, file, from)
	case yaml.SequenceNode:
		if update.Kind == yaml.SequenceNode {
			for _, c := range update.Content {
				target.Content = append(target.Content, copyNode(c, file, from))
			}
		} else {
			target.Content = append(target.Content, copyNode(update, file, from))
		}
	default:
		return "the target is " + kindName(target) + "; Overlay 1.0 updates objects and arrays (select its parent object and update the field)"
	}
	return ""
}

// merge merges an object into another: objects merge, arrays append, and
// other values replace (key and value both, so that the entry is located
// in the overlay).
func merge(target, update *yaml.Node, file string, from map[*yaml.Node]string) {
	for i := 0; i+1 < len(update.Content); i += 2 {
		k, v := update.Content[i], deref(update.Content[i+1])
		j := -1
		for t := 0; t+1 < len(target.Content); t += 2 {
			if target.Content[t].Value == k.Value {
				j = t
				break
			}
		}
		if j < 0 {
			target.Content = append(target.Content, copyNode(k, file, from), copyNode(v, file, from))
			continue
		}
		old := deref(target.Content[j+1])
		switch {
		case old.Kind == yaml.MappingNode && v.Kind == yaml.MappingNode:
			merge(old, v, file, from)
		case old.Kind == yaml.SequenceNode && v.Kind == yaml.SequenceNode:
			for _, c := range v.Content {
				old.Content = append(old.Content, copyNode(c, file, from))
			}
		default:
			target.Content[j], target.Content[j+1] = copyNode(k, file, from), copyNode(v, file, from)
		}
	}
}

// copyNode copies a node of the overlay, aliases resolved, recording each
// copy as the overlay file's: an update applied to several targets must
// not share nodes, which later actions could change in one place.
func copyNode(n *yaml.Node, file string, from map[*yaml.Node]string) *yaml.Node {
	n = deref(n)
	out := &yaml.Node{Kind: n.Kind, Style: n.Style, Tag: n.Tag, Value: n.Value, Line: n.Line, Column: n.Column}
	from[out] = file
	for _, c := range n.Content {
		out.Content = append(out.Content, copyNode(c, file, from))
	}
	return out
}

// applyOverlays reads the overlays and applies them in order to the root
// document. Multi-file specs are overlaid in their root document only:
// JSONPath does not follow $refs, and the other files are as they are.
func (b *bundler) applyOverlays(doc *yaml.Node, paths []string) (diag.List, error) {
	var warnings diag.List
	b.origin = map[*yaml.Node]string{}
	unalias(doc)
	for _, p := range paths {
		o, w, err := readOverlay(p)
		if err != nil {
			return nil, err
		}
		warnings = append(warnings, w...)
		w, err = o.apply(doc, b.origin)
		if err != nil {
			return nil, err
		}
		warnings = append(warnings, w...)
	}
	b.overlaid = true
	return warnings, nil
}

// unalias replaces every alias under n by a copy of the node it names, so
// that an action changes only what it selects, as in the JSON data its
// JSONPath sees. Copies keep the anchored nodes' positions. (The parser
// has already refused documents whose aliases expand without bound.)
func unalias(n *yaml.Node) {
	for i, c := range n.Content {
		if c.Kind == yaml.AliasNode {
			n.Content[i] = clone(deref(c))
			continue // a clone holds no aliases
		}
		unalias(c)
	}
}

// clone copies a node of the spec and everything under it, aliases
// resolved.
func clone(n *yaml.Node) *yaml.Node {
	out := *n
	out.Anchor = ""
	out.Content = make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out.Content[i] = clone(deref(c))
	}
	return &out
}
