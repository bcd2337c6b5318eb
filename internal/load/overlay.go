package load

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/theory/jsonpath"
	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// An overlay (OpenAPI Overlay Specification 1.0) changes a spec its user
// does not own before it is loaded: a list of actions, each selecting nodes
// of the spec's root document by an RFC 9535 JSONPath and merging content
// into them or removing them. This file reads and checks the overlay
// document; overlay_apply.go applies it to the spec's YAML nodes.

// overlay is a checked overlay document.
type overlay struct {
	file    string // as the user named it, for positions
	actions []action
}

// action is one action of an overlay. Overlay 1.0 has no other kind than
// update and remove; remove wins when both are given.
type action struct {
	index  int
	target *jsonpath.Path
	node   *yaml.Node // the target's text node, where selections are reported
	update *yaml.Node // nil when the action has no update
	remove bool
}

// overlayVersion is what the Overlay 1.0 schema allows as its version.
var overlayVersion = regexp.MustCompile(`^1\.0\.\d+$`)

// readOverlay reads and checks the overlay at path (named as given).
func readOverlay(path string) (*overlay, diag.List, error) {
	data, err := readRegular(path)
	if err != nil {
		return nil, nil, diag.Errorf(diag.Pos{File: path}, "", "cannot read overlay: %v", unwrapPathError(err))
	}
	return parseOverlay(path, data)
}

// parseOverlay checks an overlay document and reports every problem of it,
// located in it. Its warnings are about actions that do something other
// than what they seem to say.
func parseOverlay(file string, data []byte) (*overlay, diag.List, error) {
	doc := new(yaml.Node)
	if err := yaml.Unmarshal(jsonForYAML(data), doc); err != nil {
		return nil, nil, syntaxError(file, "malformed overlay", err)
	}
	if len(doc.Content) == 0 {
		return nil, nil, diag.Errorf(diag.Pos{File: file}, "", "overlay is empty")
	}
	c := &overlayChecker{file: file}
	o := c.document(doc.Content[0])
	if err := c.errs.Err(); err != nil {
		return nil, nil, err
	}
	return o, c.warnings, nil
}

type overlayChecker struct {
	file           string
	errs, warnings diag.List
}

func (c *overlayChecker) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: c.file, Line: n.Line, Col: n.Column}
}

func (c *overlayChecker) errorf(n *yaml.Node, ptr, format string, args ...any) {
	c.errs = append(c.errs, diag.Errorf(c.pos(n), ptr, format, args...))
}

// fields checks the keys of an object against the fixed fields of its kind
// (extensions, x-..., are allowed everywhere) and returns their values. A
// typo would otherwise be ignored.
func (c *overlayChecker) fields(n *yaml.Node, ptr, what string, known ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		for v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		switch {
		case strings.HasPrefix(k.Value, "x-"):
		case !slices.Contains(known, k.Value):
			c.errorf(k, ptr, "unknown field %q in %s (known: %s)", k.Value, what, strings.Join(known, ", "))
		case out[k.Value] != nil:
			c.errorf(k, ptr, "%s has more than one %q", what, k.Value)
		default:
			out[k.Value] = v
		}
	}
	return out
}

// str checks that a field, when present, is a string, and returns it.
func (c *overlayChecker) str(n *yaml.Node, ptr, field string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		c.errorf(n, ptr, "%s must be a string; found %s", field, kindName(n))
		return "", false
	}
	return n.Value, true
}

func (c *overlayChecker) document(root *yaml.Node) *overlay {
	for root.Kind == yaml.AliasNode {
		root = root.Alias
	}
	if root.Kind != yaml.MappingNode {
		c.errorf(root, "", "not an Overlay document: the top level is %s, not an object", kindName(root))
		return nil
	}
	f := c.fields(root, "", "the overlay", "overlay", "info", "extends", "actions")
	switch v := f["overlay"]; {
	case v == nil:
		c.errorf(root, "", "not an Overlay document: no \"overlay\" field (the Overlay Specification version, as in overlay: 1.0.0)")
	case v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str":
		c.errorf(v, "#/overlay", "the overlay version must be a string, as in overlay: 1.0.0; found %s", kindName(v))
	case !overlayVersion.MatchString(v.Value):
		c.errorf(v, "#/overlay", "unsupported Overlay version %q (want 1.0.x)", v.Value)
	}
	switch info := f["info"]; {
	case info == nil:
		c.errorf(root, "", "the overlay has no \"info\" (an object with its title and version)")
	case info.Kind != yaml.MappingNode:
		c.errorf(info, "#/info", "info must be an object with title and version; found %s", kindName(info))
	default:
		fi := c.fields(info, "#/info", "the overlay's info", "title", "version")
		for _, k := range []string{"title", "version"} {
			if v := fi[k]; v == nil {
				c.errorf(info, "#/info", "info has no %q", k)
			} else {
				c.str(v, "#/info/"+k, "info's "+k)
			}
		}
	}
	if v := f["extends"]; v != nil {
		// A URL of the document the overlay was written for: informational,
		// as the spec it applies to is the one it is configured with.
		c.str(v, "#/extends", "extends")
	}
	o := &overlay{file: c.file}
	switch list := f["actions"]; {
	case list == nil:
		c.errorf(root, "", "the overlay has no \"actions\"")
	case list.Kind != yaml.SequenceNode || len(list.Content) == 0:
		c.errorf(list, "#/actions", "actions must be a list of at least one action; found %s", kindName(list))
	default:
		for i, n := range list.Content {
			if a, ok := c.action(n, i); ok {
				o.actions = append(o.actions, a)
			}
		}
	}
	return o
}

func (c *overlayChecker) action(n *yaml.Node, i int) (action, bool) {
	ptr := "#/actions/" + strconv.Itoa(i)
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		c.errorf(n, ptr, "an action must be an object with a target and an update or remove; found %s", kindName(n))
		return action{}, false
	}
	f := c.fields(n, ptr, "an action", "target", "description", "update", "remove")
	a := action{index: i, node: f["target"], update: f["update"]}
	ok := true
	if a.node == nil {
		c.errorf(n, ptr, "action has no target (a JSONPath selecting what it changes)")
		ok = false
	} else if text, isStr := c.str(a.node, ptr+"/target", "target"); !isStr {
		ok = false
	} else {
		p, err := jsonpath.Parse(text)
		if err != nil {
			msg := strings.TrimPrefix(err.Error(), "jsonpath: ")
			if !errors.Is(err, jsonpath.ErrPathParse) {
				msg = err.Error()
			}
			c.errorf(a.node, ptr+"/target", "invalid JSONPath %q: %s", text, msg)
			ok = false
		}
		a.target = p
	}
	if v := f["description"]; v != nil {
		c.str(v, ptr+"/description", "description")
	}
	if v := f["remove"]; v != nil {
		if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" {
			c.errorf(v, ptr+"/remove", "remove must be true or false; found %s", kindName(v))
			return action{}, false
		}
		if err := v.Decode(&a.remove); err != nil {
			c.errorf(v, ptr+"/remove", "remove must be true or false: %v", err)
			return action{}, false
		}
	}
	switch {
	case a.update == nil && !a.remove:
		c.errorf(n, ptr, "action has neither update nor remove: true, so it does nothing")
		ok = false
	case a.update != nil && a.remove:
		c.warnings = append(c.warnings, diag.Errorf(c.pos(a.update), ptr+"/update", "update is ignored: the action also says remove: true"))
		a.update = nil
	}
	return a, ok
}

// String describes an action for messages: its target, as written.
func (a action) String() string {
	return fmt.Sprintf("target %q", a.node.Value)
}
