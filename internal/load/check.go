package load

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// Checks that run on the parsed YAML before kin-openapi sees the document:
// kin-openapi reports these problems without a position (or not at all, as
// with a $ref cycle), and the YAML nodes still know where everything is.

// version is the document's openapi or swagger field.
type version struct {
	field string // "openapi" or "swagger"
	value string
	pos   diag.Pos
}

// checkHead checks that doc is an object with a version field that is a
// string, and returns that field.
func checkHead(doc *yaml.Node, at func(*yaml.Node) diag.Pos) (version, error) {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind == yaml.AliasNode {
		root = root.Alias
	}
	if root.Kind != yaml.MappingNode {
		return version{}, diag.Errorf(at(root), "", "not an OpenAPI document: the top level is %s, not an object", kindName(root))
	}
	for _, field := range []string{"openapi", "swagger"} {
		v := mapValue(root, field)
		if v == nil {
			continue
		}
		if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" {
			return version{}, diag.Errorf(at(v), "#/"+field, "the %s version must be a string, as in %s: %q; found %s", field, field, v.Value, kindName(v))
		}
		return version{field, v.Value, at(v)}, nil
	}
	return version{}, diag.Errorf(at(root), "", "not an OpenAPI document: no \"openapi\" or \"swagger\" field")
}

// lenientHead mends, in the root document's tree, what breaks a rule of the
// document's head where the meaning is clear, and reports whether it changed
// the tree: an info.version written as a number (version: 1.0), read as its
// text with a warning; and a Swagger 2.0 Paths object's x- extensions, which
// kin-openapi's Swagger model, a map of Path Items only, cannot hold (they
// are valid, and the SDK reads none); and a response with no value.
func lenientHead(root *yaml.Node, swagger bool, at func(*yaml.Node) diag.Pos) (changed bool, warnings diag.List) {
	root = content(root)
	if v := mapValue(mapValue(root, "info"), "version"); v != nil && v.Kind == yaml.ScalarNode && (v.ShortTag() == "!!int" || v.ShortTag() == "!!float") {
		warnings = append(warnings, diag.Errorf(at(v), "#/info/version", "the API version is a number; read as the string %q (write version: %q)", v.Value, v.Value))
		v.Tag, changed = "!!str", true
	}
	if paths := mapValue(root, "paths"); swagger && paths != nil && paths.Kind == yaml.MappingNode {
		kept := paths.Content[:0]
		for i := 0; i+1 < len(paths.Content); i += 2 {
			if strings.HasPrefix(paths.Content[i].Value, "x-") {
				changed = true
				continue
			}
			kept = append(kept, paths.Content[i], paths.Content[i+1])
		}
		paths.Content = kept
	}
	if nulls := emptyResponses(mapValue(root, "paths"), at); len(nulls) > 0 {
		warnings, changed = append(warnings, nulls...), true
	}
	return changed, warnings
}

// emptyResponses makes each response of the root document's operations that
// is written with no value at all ('200': and nothing after it) a response
// with no body, with a warning: the status is clearly meant, and the object
// it must be (with a description) is left out.
func emptyResponses(paths *yaml.Node, at func(*yaml.Node) diag.Pos) (warnings diag.List) {
	if paths == nil || paths.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(paths.Content); i += 2 {
		item := paths.Content[i+1]
		if item.Kind != yaml.MappingNode {
			continue
		}
		for j := 0; j+1 < len(item.Content); j += 2 {
			responses := mapValue(item.Content[j+1], "responses")
			if responses == nil || responses.Kind != yaml.MappingNode {
				continue
			}
			for k := 0; k+1 < len(responses.Content); k += 2 {
				code, v := responses.Content[k], responses.Content[k+1]
				if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!null" {
					continue
				}
				ptr := diag.JoinPointer("#/paths", paths.Content[i].Value, item.Content[j].Value, "responses", code.Value)
				warnings = append(warnings, diag.Errorf(at(v), ptr, "response %s has no value; read as a response with no body", code.Value))
				*v = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: v.Line, Column: v.Column, Content: []*yaml.Node{
					{Kind: yaml.ScalarNode, Tag: "!!str", Value: "description", Line: v.Line, Column: v.Column},
					{Kind: yaml.ScalarNode, Tag: "!!str", Value: "", Line: v.Line, Column: v.Column},
				}}
			}
		}
	}
	return warnings
}

// kindName describes what a node holds, for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "an object"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return kindName(n.Alias)
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			return "a string"
		case "!!int", "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		case "!!null":
			return "null"
		}
		return "a scalar"
	}
	return "nothing"
}

// mapValue returns the value of key in a mapping node, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// rawKeys are keywords whose values are data, not spec structure: a "$ref"
// inside them is not a reference.
var rawKeys = map[string]bool{"example": true, "default": true, "enum": true, "const": true}

// checkRefs checks every $ref of the document at abs and of the files it
// refers to: each must be local, resolve to a node, and not lead back to
// itself through $refs alone. All problems are reported, in file order.
func (b *bundler) checkRefs(abs string) error {
	var errs diag.List
	reported := map[string]bool{}
	report := func(e *diag.Error) {
		if !reported[e.Error()] {
			reported[e.Error()] = true
			errs = append(errs, e)
		}
	}
	done := map[string]bool{}
	queue := []string{abs}
	for len(queue) > 0 {
		file := queue[0]
		queue = queue[1:]
		if done[file] {
			continue
		}
		done[file] = true
		doc, err := b.load(file)
		if err != nil {
			return err
		}
		if file != abs && b.selfOf(file) == nil {
			if err := b.noteSelf(file); err != nil {
				return err
			}
		}
		var walk func(n *yaml.Node, path []string)
		walk = func(n *yaml.Node, path []string) {
			switch n.Kind {
			case yaml.DocumentNode:
				for _, c := range n.Content {
					walk(c, path)
				}
			case yaml.SequenceNode:
				for i, c := range n.Content {
					walk(c, append(path, strconv.Itoa(i)))
				}
			case yaml.MappingNode:
				exampleObject := len(path) >= 2 && path[len(path)-2] == "examples" && !isName(path[:len(path)-1])
				mapping := len(path) >= 2 && path[len(path)-1] == "mapping" && path[len(path)-2] == "discriminator" && !isName(path)
				for i := 0; i+1 < len(n.Content); i += 2 {
					k, v := n.Content[i], n.Content[i+1]
					if mapping && v.Kind == yaml.ScalarNode && strings.Contains(v.Value, "#") {
						// A discriminator mapping value that is a reference, not a bare schema name.
						ptr := diag.JoinPointer("#", append(path, k.Value)...)
						if _, _, _, err := b.resolve(v.Value, file); err != nil {
							var de *diag.Error
							if !errors.As(err, &de) {
								de = &diag.Error{Pos: b.pos(file, v), Pointer: ptr, Msg: "discriminator mapping: " + err.Error()}
							}
							report(de)
						} else {
							b.noteThrough(file, v, ptr, "discriminator mapping")
						}
						continue
					}
					if k.Value == "$ref" && v.Kind == yaml.ScalarNode {
						target, err := b.checkRef(v, file, diag.JoinPointer("", path...))
						var de *diag.Error
						switch {
						case errors.As(err, &de):
							report(de) // the referenced file is malformed
						case err != nil:
							report(&diag.Error{Pos: b.pos(file, v), Pointer: diag.JoinPointer("#", path...), Msg: err.Error()})
						case target != "":
							queue = append(queue, target)
						}
						if err == nil {
							b.noteThrough(file, v, diag.JoinPointer("#", path...), "$ref")
						}
						continue
					}
					keyPath := append(path, k.Value)
					examples := k.Value == "examples" && v.Kind == yaml.SequenceNode // JSON Schema's: values
					if (rawKeys[k.Value] || examples || (exampleObject && k.Value == "value")) && !isName(keyPath) {
						continue
					}
					walk(v, keyPath)
				}
			}
		}
		walk(doc, nil)
	}
	return errs.Err()
}

// checkRef resolves one $ref found in file, in the node at pointer own, and
// returns the file it refers to, or "" when that is file itself.
func (b *bundler) checkRef(ref *yaml.Node, file, own string) (string, error) {
	target, frag, node, err := b.resolve(ref.Value, file)
	if err != nil {
		return "", err
	}
	// Follow a chain of nodes that are only $refs: one that comes back to
	// own never reaches a value. Broken links further on are reported where
	// they are, and a cycle that own only leads into, by its members.
	ownKey := file + "#" + own
	seen := map[string]bool{ownKey: true}
	chain := []string{ref.Value}
	cur, curFile := node, target
	for key := target + "#" + frag; ; {
		if key == ownKey {
			return "", fmt.Errorf("$ref %q refers to itself through $refs alone (%s)", ref.Value, strings.Join(chain, " -> "))
		}
		if seen[key] {
			break
		}
		seen[key] = true
		next := refOf(cur)
		if cur.Kind != yaml.MappingNode || next == nil {
			break
		}
		t, f, n, err := b.resolve(next.Value, curFile)
		if err != nil {
			break
		}
		chain = append(chain, next.Value)
		key, cur, curFile = t+"#"+f, n, t
	}
	if target == file {
		return "", nil
	}
	return target, nil
}

// resolve finds the node a $ref found in file refers to: its file, its
// fragment (a JSON pointer) and the node.
func (b *bundler) resolve(ref, file string) (string, string, *yaml.Node, error) {
	u, err := url.Parse(ref)
	if err != nil {
		return "", "", nil, fmt.Errorf("invalid $ref %q: %v", ref, err)
	}
	if u.Fragment != "" && !strings.HasPrefix(u.Fragment, "/") {
		return "", "", nil, fmt.Errorf("$ref %q: the part after # must be a JSON pointer starting with /", ref)
	}
	target := file
	if t, ok := b.selfTarget(u, file); ok {
		target = t
		b.through[throughKey(file, ref)] = selfRef(file, target, u.Fragment)
		b.selfRefs[throughKey(file, ref)] = true
	} else if u.Scheme != "" && u.Scheme != "file" {
		return "", "", nil, fmt.Errorf("remote $ref %q is not supported: download it and refer to the local copy", ref)
	} else if u.Path != "" {
		target = refFile(file, u.Path)
	}
	doc, err := b.load(target)
	if err != nil {
		var de *diag.Error
		if errors.As(err, &de) {
			return "", "", nil, de
		}
		hint := ""
		if errors.Is(err, fs.ErrNotExist) {
			hint = nearestFile(u.Path, target)
		}
		return "", "", nil, fmt.Errorf("cannot resolve $ref %q: %s: %v%s", ref, b.name(target), unwrapPathError(err), hint)
	}
	node, err := lookup(doc, u.Fragment)
	if err != nil {
		t, f, n, ok := b.lookupThrough(target, u.Fragment, 0)
		if !ok {
			return "", "", nil, fmt.Errorf("$ref %q does not resolve: %v", ref, err)
		}
		b.through[throughKey(file, ref)] = direct(file, t, f)
		target, u.Fragment, node = t, f, n
	}
	if node.Kind == yaml.AliasNode {
		node = node.Alias
	}
	return target, strings.TrimSuffix(u.Fragment, "/"), node, nil
}
