package load

import (
	"path/filepath"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// kin-openapi parses the file of a $ref into another document again at each
// place the $ref is used, and resolves what it finds there again too: a spec
// of thousands of files with thousands of $refs into them (DigitalOcean's:
// 2.7 MB of YAML in 2,850 files, 10,000 $refs) had it parse 70 MB. So an
// OpenAPI 3 document that refers to other files is handed to it gathered:
// each object of another file that a $ref names becomes a component of the
// root document, of the kind the $ref's place requires, and every $ref to
// it a local one. kin-openapi then parses one document once and resolves
// each object once. Path Items, which have no components section before
// 3.1, and Security Schemes, which are all declared, are written in place
// instead; a component that is only a $ref into another file takes that
// file's object in place, under its own name.

// gathering is the state of the gathering of a root document.
type gathering struct {
	refs    map[string]string          // target file#fragment#kind -> local $ref
	pending []gatheredObject           // components to write, in the order they were named
	keys    map[string]map[string]bool // each components section's names in use
	inPlace map[*yaml.Node]bool        // the $refs of root components to write in place
	// sources maps each component written from another file, by its
	// local $ref, to the node it holds there.
	sources map[string]gatheredObject
	// added maps the components added, by their local $ref, to the
	// reference they stand for, relative to the root document's directory
	// (Result.Gathered).
	added map[string]string
}

// gatheredObject is an object of another file written as a component.
type gatheredObject struct {
	section, key string
	file, frag   string
}

// startGathering prepares the gathering of the root document: the names its
// components sections use, and those of its components that are only a
// $ref into another file, which take that file's object in place.
func (b *bundler) startGathering() {
	g := &gathering{refs: map[string]string{}, keys: map[string]map[string]bool{}, inPlace: map[*yaml.Node]bool{},
		sources: map[string]gatheredObject{}, added: map[string]string{}}
	b.gather = g
	components := mapValue(content(b.docs[b.root]), "components")
	if components == nil || components.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(components.Content); i += 2 {
		section, entries := components.Content[i].Value, components.Content[i+1]
		k, ok := sectionKinds[section]
		if !ok || entries.Kind != yaml.MappingNode {
			continue
		}
		g.keys[section] = map[string]bool{}
		for j := 0; j+1 < len(entries.Content); j += 2 {
			name, v := entries.Content[j].Value, entries.Content[j+1]
			g.keys[section][name] = true
			ref := refOf(v)
			if ref == nil || len(v.Content) != 2 || !gatherable(k) || strings.Contains(ref.Value, "://") {
				continue
			}
			target, frag := resolveRef(b.throughRef(b.root, ref.Value), b.root)
			id := target + "#" + frag + "#" + string(k)
			if _, taken := g.refs[id]; target != b.root && !taken {
				local := diag.JoinPointer("#/components/"+section, name)
				g.refs[id] = local
				g.inPlace[ref] = true
				g.sources[local] = gatheredObject{section, name, target, frag}
			}
		}
	}
}

// gatherable reports whether an object of kind k is gathered as a component.
func gatherable(k kind) bool {
	return isObjectKind(k) && k != kPathItem && k != kSecurityScheme
}

// gatherRef returns the local $ref that stands, in the gathered root
// document, for a $ref written in file at a place of kind k, or "" when it
// stays as it is written.
func (b *bundler) gatherRef(file, ref string, k kind) string {
	g := b.gather
	if !gatherable(k) || strings.Contains(ref, "://") {
		return ""
	}
	target, frag := resolveRef(b.throughRef(file, ref), file)
	if target == b.root {
		return "#" + frag
	}
	id := target + "#" + frag + "#" + string(k)
	if local, ok := g.refs[id]; ok {
		return local
	}
	section := sectionOf(k)
	local, _ := g.add(section, "#/components/"+section, id, target, frag)
	g.added[local] = direct(b.root, target, frag)
	return local
}

// add names the object at frag of the file target (id: with the kind its
// place requires) a new entry of section, whose entries' pointers begin
// with base, and queues it to be written: it returns its local pointer and
// its key.
func (g *gathering) add(section, base, id, target, frag string) (string, string) {
	if g.keys[section] == nil {
		g.keys[section] = map[string]bool{}
	}
	key := componentKey(target, frag)
	for n := 2; g.keys[section][key]; n++ {
		key = componentKey(target, frag) + "_" + strconv.Itoa(n)
	}
	g.keys[section][key] = true
	local := diag.JoinPointer(base, key)
	g.refs[id] = local
	g.pending = append(g.pending, gatheredObject{section, key, target, frag})
	g.sources[local] = g.pending[len(g.pending)-1]
	return local, key
}

// componentKey names the component for the node at frag of the file at abs
// as a $ref names it: by the fragment's last token, or the file's name.
func componentKey(abs, frag string) string {
	name := strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs))
	if tokens := splitPointer(frag); len(tokens) > 0 {
		name = tokens[len(tokens)-1]
	}
	// Component names are letters, digits, ".", "-" and "_".
	name = strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r == '_' || r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return r
		}
		return '_'
	}, name)
	if name == "" {
		name = "component"
	}
	return name
}

// writeGathered transforms each pending component into the components of
// tree, the root document as written, until no $ref names another.
func (b *bundler) writeGathered(tree *yaml.Node) error {
	g := b.gather
	for i := 0; i < len(g.pending); i++ {
		c := g.pending[i]
		doc, err := b.load(c.file)
		if err != nil {
			return diag.Errorf(diag.Pos{File: b.name(c.file)}, "", "cannot read: %v", err)
		}
		node, err := lookup(doc, c.frag)
		if err != nil {
			return diag.Errorf(diag.Pos{File: b.name(c.file)}, "#"+c.frag, "%v", err)
		}
		out, err := b.transform(node, c.file, b.root, []string{"components", c.section, c.key}, true, false)
		if err != nil {
			return err
		}
		at := b.keyPos(c.file, c.frag, node)
		section := b.child(b.child(tree, "components", at), c.section, at)
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: c.key}
		b.from[key] = at
		section.Content = append(section.Content, key, out)
	}
	return nil
}

// child returns the mapping under key in the mapping n, added at the end
// (its source at) when n has none.
func (b *bundler) child(n *yaml.Node, key string, at diag.Pos) *yaml.Node {
	if v := mapValue(n, key); v != nil {
		return v
	}
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
	v := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	b.from[k], b.from[v] = at, at
	n.Content = append(n.Content, k, v)
	return v
}

// writeInPlace reports whether the $ref ref, written in file at path, is
// replaced by its target where it is in the gathered root document.
func (b *bundler) writeInPlace(ref *yaml.Node, file string, path []string) bool {
	if b.gather.inPlace[ref] {
		return true
	}
	if k := placeKind(path); k != kPathItem && k != kSecurityScheme || strings.Contains(ref.Value, "://") {
		return false
	}
	target, _ := resolveRef(b.throughRef(file, ref.Value), file)
	return target != b.root
}

// placeKind returns the kind of the place at path in the root document.
func placeKind(path []string) kind {
	k := kDocument
	for _, tok := range path {
		next := member(k, tok)
		if next == "" && k == kSchema {
			if _, err := strconv.Atoi(tok); err == nil {
				next = kSchema // an item of a tuple's items
			}
		}
		if k = next; k == "" {
			return ""
		}
	}
	return k
}

// source returns the file and the pointer there of the node at the pointer
// ptr (without its "#") of the gathered root document, when it is in a
// component written from another file.
func (b *bundler) source(ptr string) (string, string, bool) {
	tokens := splitPointer(ptr)
	if b.gather == nil || len(tokens) < 3 || tokens[0] != "components" {
		return "", "", false
	}
	c, ok := b.gather.sources[diag.JoinPointer("#/components/"+tokens[1], tokens[2])]
	if !ok {
		return "", "", false
	}
	return c.file, diag.JoinPointer(strings.TrimSuffix(c.frag, "/"), tokens[3:]...), true
}

// keyPos returns the position of the key that names the node at frag of
// the file at abs, or of the node itself when it is a whole file's.
func (b *bundler) keyPos(abs, frag string, node *yaml.Node) diag.Pos {
	tokens := splitPointer(frag)
	if len(tokens) > 0 {
		if parent, err := lookup(b.docs[abs], diag.JoinPointer("", tokens[:len(tokens)-1]...)); err == nil && parent.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(parent.Content); i += 2 {
				if parent.Content[i+1] == node {
					return b.pos(abs, parent.Content[i])
				}
			}
		}
	}
	return b.pos(abs, node)
}
