package load

import (
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// kin-openapi converts one Swagger 2.0 document; the files its $refs name
// are read afterwards as OpenAPI 3, where a Swagger parameter (type, no
// schema), response (schema, no content) or schema (a string discriminator)
// is not what it was written as. So a Swagger 2.0 root that refers to other
// files is gathered into one document first, in its parsed tree: each
// schema, parameter and response of another file that a $ref names becomes
// an entry of the root's definitions, parameters or responses, and every
// $ref to it a local one; a Path Item, which has no such section, is
// written in place. An entry of the root that is only a $ref into another
// file takes that file's object under its own name. The nodes copied keep
// their file and line for positions. The same walk, run on every Swagger
// 2.0 root, reads a schema that is a $ref to a Response object with no
// schema as a schema of any value.

// swaggerSections are the Swagger 2.0 top-level maps objects are gathered
// into, by kind.
var swaggerSections = map[kind]string{kSchema: "definitions", kParameter: "parameters", kResponse: "responses"}

// v3Section is the OpenAPI 3 components section a Swagger 2.0 top-level
// map converts to (Result.Gathered names components by OpenAPI 3 pointers).
var v3Section = map[string]string{"definitions": "schemas", "parameters": "parameters", "responses": "responses"}

// swaggerMember returns the kind of the member key of a Swagger 2.0 object
// of kind k: as OpenAPI 3's, with Swagger's own top level and a response's
// schema.
func swaggerMember(k kind, key string) kind {
	switch {
	case k == kDocument:
		if s, ok := map[string]kind{"definitions": kSchema, "parameters": kParameter, "responses": kResponse}[key]; ok {
			return mapOf(s)
		}
		if key == "paths" {
			return kPaths
		}
		return ""
	case k == kResponse && key == "schema":
		return kSchema
	}
	return member(k, key)
}

// gatherSwagger gathers the root document, a Swagger 2.0 one, and reports
// whether its tree changed.
func (b *bundler) gatherSwagger() (bool, error) {
	g := &gathering{refs: map[string]string{}, keys: map[string]map[string]bool{}, inPlace: map[*yaml.Node]bool{},
		sources: map[string]gatheredObject{}, added: map[string]string{}}
	b.gather2 = g
	if b.origin == nil {
		b.origin = map[*yaml.Node]string{}
	}
	root := content(b.docs[b.root])
	if root.Kind != yaml.MappingNode {
		return false, nil
	}
	// The names in use, and the entries that are only a $ref into another
	// file, which take that object in place under their own name.
	for _, section := range []string{"definitions", "parameters", "responses"} {
		g.keys[section] = map[string]bool{}
		entries := mapValue(root, section)
		if entries == nil || entries.Kind != yaml.MappingNode {
			continue
		}
		k := swaggerMember(kDocument, section)
		for j := 0; j+1 < len(entries.Content); j += 2 {
			name, v := entries.Content[j].Value, entries.Content[j+1]
			g.keys[section][name] = true
			ref := refOf(v)
			if ref == nil || len(v.Content) != 2 || strings.Contains(ref.Value, "://") {
				continue
			}
			target, frag := resolveRef(b.throughRef(b.root, ref.Value), b.root)
			id := target + "#" + frag + "#" + strings.TrimPrefix(string(k), "map:")
			if _, taken := g.refs[id]; target != b.root && !taken {
				g.refs[id] = diag.JoinPointer("#/"+section, name)
				g.inPlace[ref] = true
			}
		}
	}
	w := &swaggerWalk{b: b, g: g, active: map[string]bool{}}
	if err := w.walk(b.root, root, kDocument); err != nil {
		return false, err
	}
	for i := 0; i < len(g.pending); i++ {
		c := g.pending[i]
		node, err := b.lookupIn(c.file, c.frag)
		if err != nil {
			return false, diag.Errorf(diag.Pos{File: b.name(c.file)}, "#"+c.frag, "%v", err)
		}
		out := w.copyOf(c.file, node)
		if err := w.walk(c.file, out, swaggerMember(kDocument, c.section)[len("map:"):]); err != nil {
			return false, err
		}
		section := mapValue(root, c.section)
		if section == nil || section.Kind != yaml.MappingNode {
			section = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: root.Line, Column: root.Column}
			root.Content = append(root.Content, scalar(root, c.section, "!!str"), section)
		}
		key := scalar(node, c.key, "!!str")
		b.origin[key] = b.name(c.file)
		section.Content = append(section.Content, key, out)
	}
	return w.changed || len(g.pending) > 0, nil
}

// swaggerWalk is the walk of the gathering over the root document and the
// objects copied into it.
type swaggerWalk struct {
	b       *bundler
	g       *gathering
	active  map[string]bool // the $refs being written in place, to stop cycles
	changed bool
}

// walk rewrites the $refs under n, a node of file of kind k: those to
// another file's schema, parameter or response name its gathered entry,
// those to a Path Item (or a place of another kind) are replaced by a copy
// of their target, and those of a copied object to its own file become
// local ones.
func (w *swaggerWalk) walk(file string, n *yaml.Node, k kind) error {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if ref := refOf(n); ref != nil && !strings.Contains(ref.Value, "://") {
		return w.ref(file, n, ref, k)
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if mk := swaggerMember(k, n.Content[i].Value); mk != "" {
				if err := w.walk(file, n.Content[i+1], mk); err != nil {
					return err
				}
			}
		}
	case yaml.SequenceNode:
		elem := kind("")
		if e, ok := strings.CutPrefix(string(k), "list:"); ok {
			elem = kind(e)
		} else if k == kSchema {
			elem = kSchema // an items tuple
		}
		for _, c := range n.Content {
			if elem == "" {
				break
			}
			if err := w.walk(file, c, elem); err != nil {
				return err
			}
		}
	}
	return nil
}

// ref rewrites the $ref ref of n, a node of file at a place of kind k.
func (w *swaggerWalk) ref(file string, n, ref *yaml.Node, k kind) error {
	b, g := w.b, w.g
	target, frag := resolveRef(b.throughRef(file, ref.Value), file)
	section := swaggerSections[k]
	if k == kSchema && target == b.root {
		// A schema that names a Response object with nothing but a
		// description (old Gitea's `schema: {$ref: '#/responses/empty'}`):
		// read as a schema of any value, as in OpenAPI 3 (misplaced.go).
		if tokens := splitPointer(frag); len(tokens) == 2 && tokens[0] == "responses" {
			if node, err := b.lookupIn(target, frag); err == nil && node.Kind == yaml.MappingNode && mapValue(node, "schema") == nil {
				b.warnings = append(b.warnings, diag.Errorf(b.pos(file, ref), b.pointerAt(b.pos(file, n)), "$ref %q refers to a Response object, which has no body to stand for: read as a schema of any value", ref.Value))
				n.Content = nil
				if d := mapValue(node, "description"); d != nil {
					n.Content = []*yaml.Node{scalar(ref, "description", "!!str"), w.copyOf(target, d)}
				}
				w.changed = true
				return nil
			}
		}
	}
	switch {
	case target == b.root && !g.inPlace[ref]:
		if file != b.root {
			ref.Value, w.changed = "#"+frag, true
		}
		return nil
	case section != "" && !g.inPlace[ref]:
		id := target + "#" + frag + "#" + string(k)
		local, ok := g.refs[id]
		if !ok {
			var key string
			local, key = g.add(section, "#/"+section, id, target, frag)
			g.added[diag.JoinPointer("#/components/"+v3Section[section], key)] = direct(b.root, target, frag)
		}
		ref.Value, w.changed = local, true
		return nil
	}
	// In place: a Path Item, or a root entry that is only a $ref.
	key := target + "#" + frag
	if w.active[key] {
		return diag.Errorf(b.pos(file, ref), "", "$ref %q refers to itself", ref.Value)
	}
	w.active[key] = true
	defer delete(w.active, key)
	node, err := b.lookupIn(target, frag)
	if err != nil {
		return diag.Errorf(b.pos(file, ref), "", "cannot resolve $ref %q: %v", ref.Value, err)
	}
	out := w.copyOf(target, node)
	n.Kind, n.Tag, n.Value, n.Content = out.Kind, out.Tag, out.Value, out.Content
	w.changed = true
	return w.walk(target, n, k)
}

// copyOf returns a deep copy of n, a node of file, whose nodes keep their
// positions there.
func (w *swaggerWalk) copyOf(file string, n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	out := *n
	out.Anchor = ""
	out.Content = make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out.Content[i] = w.copyOf(file, c)
	}
	w.b.origin[&out] = w.b.name(file)
	return &out
}

// lookupIn returns the node at the pointer frag of the file at abs.
func (b *bundler) lookupIn(abs, frag string) (*yaml.Node, error) {
	doc, err := b.load(abs)
	if err != nil {
		return nil, err
	}
	n, err := lookup(doc, frag)
	for err == nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n, err
}
