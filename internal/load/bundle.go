package load

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// Multi-file specs put $refs where OpenAPI allows none: a whole operation, a
// tag's description, an extension's value, a whole properties or components
// map. The bundler inlines those, rewrites the $refs of inlined content to be
// relative to the document it lands in, and hands kin-openapi that document
// as JSON with one entry per line, recording where each line came from, so
// that positions still name the original file and line. Documents without
// such $refs are read as they are.

// mapKeywords are the keys whose value is a map of named things: a $ref in
// their place stands for the whole map, which OpenAPI does not allow.
var mapKeywords = map[string]bool{
	"properties": true, "patternProperties": true, "dependentSchemas": true, "$defs": true,
	"definitions": true, "schemas": true, "responses": true, "headers": true, "content": true,
	"examples": true, "links": true, "callbacks": true, "encoding": true, "variables": true,
	"mapping": true, "securitySchemes": true, "requestBodies": true, "parameters": true,
}

// refAllowed reports whether OpenAPI allows a $ref in the object at path (the
// keys from the document's top). root says whether the document is the root
// one, whose structure is known; an external file holds a schema, a
// response, ..., where any nested reference position is standard.
func refAllowed(path []string, root bool) bool {
	n := len(path)
	if n == 0 {
		return !root
	}
	last := path[n-1]
	if !isName(path) && (strings.HasPrefix(last, "x-") || last == "description" || last == "summary" || mapKeywords[last]) {
		// A $ref standing for a text, an extension, or a whole map.
		return false
	}
	if !root {
		return true
	}
	switch path[0] {
	case "paths", "webhooks":
		// A path item may be a $ref; its operations may not.
		return n != 3 || !isMethod(last)
	case "components":
		return n >= 3 // components/<section>/<name>; not a whole section
	}
	return false
}

// isName reports whether the last key of path names an entry of a map (a
// property called "description") rather than being a keyword.
func isName(path []string) bool {
	name, prevMap := false, false
	for i, k := range path {
		name = prevMap
		prevMap = !name && (mapKeywords[k] || (i == 0 && (k == "paths" || k == "webhooks")))
	}
	return name
}

// isExtension reports whether key, in the object at path, is a
// specification extension rather than the name of a property, path or
// other map entry.
func isExtension(path []string, key string) bool {
	return strings.HasPrefix(key, "x-") && !isName(append(slices.Clip(path), key))
}

func isMethod(s string) bool {
	switch s {
	case "get", "put", "post", "delete", "options", "head", "patch", "trace":
		return true
	}
	return false
}

// needsBundle reports whether a document has a $ref where OpenAPI allows none.
func needsBundle(doc *yaml.Node, root bool) bool {
	found := false
	var walk func(n *yaml.Node, path []string)
	walk = func(n *yaml.Node, path []string) {
		if found || n == nil {
			return
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				if k == "$ref" && !refAllowed(path, root) {
					found = true
					return
				}
				if isExtension(path, k) {
					continue // data nobody resolves (see transform)
				}
				walk(n.Content[i+1], append(path, k))
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, append(path, strconv.Itoa(i)))
			}
		}
	}
	walk(doc, nil)
	return found
}

type bundler struct {
	docs map[string]*yaml.Node // parsed files, by absolute path
	// display names files as the user gave them, where known (the root);
	// others are shown relative to the working directory.
	display map[string]string
	// fileOf names the file each node of a referenced document came from,
	// as shown to users; nodes of the root document, the first one loaded,
	// are not listed (a large spec has a million of them): fileOfRoot.
	fileOf     map[*yaml.Node]string
	fileOfRoot string
	active     map[string]bool       // refs being inlined, to stop cycles
	lines      map[string][]diag.Pos // produced document (absolute path) -> source of each line
	json       map[string]bool       // documents written in JSON
	out        bytes.Buffer
	cur        []diag.Pos
}

func newBundler() *bundler {
	return &bundler{
		docs:    map[string]*yaml.Node{},
		display: map[string]string{},
		fileOf:  map[*yaml.Node]string{},
		active:  map[string]bool{},
		lines:   map[string][]diag.Pos{},
		json:    map[string]bool{},
	}
}

// document returns the document at abs as block-style YAML with its
// non-standard $refs inlined, recording where each of its lines came from.
func (b *bundler) document(abs string, root bool) ([]byte, error) {
	tree, err := b.tree(abs, root)
	if err != nil {
		return nil, err
	}
	return b.text(abs, tree), nil
}

// text writes tree, the transformed document at abs, as block-style YAML.
func (b *bundler) text(abs string, tree *yaml.Node) []byte {
	b.out.Reset()
	b.cur = nil
	b.emit(tree)
	b.lines[abs] = b.cur
	return bytes.Clone(b.out.Bytes())
}

// tree returns the document at abs with the references kin-openapi does
// not resolve inlined and the others made relative to it.
func (b *bundler) tree(abs string, root bool) (*yaml.Node, error) {
	doc, err := b.load(abs)
	if err != nil {
		return nil, err
	}
	return b.transform(doc, abs, abs, nil, root)
}

// mapPos maps a position in a produced document to its source.
func (b *bundler) mapPos(p diag.Pos) diag.Pos {
	if p.File == "" {
		return p
	}
	abs, err := filepath.Abs(p.File)
	if err != nil {
		return p
	}
	lines, ok := b.lines[abs]
	if !ok {
		return p
	}
	if p.Line < 1 || p.Line > len(lines) || !lines[p.Line-1].IsValid() {
		return diag.Pos{File: displayPath(abs)}
	}
	return lines[p.Line-1]
}

// readFile serves kin-openapi's reads of referenced files: documents with
// non-standard $refs are bundled first, others are read as they are. Remote
// references are refused, so generation never depends on the network.
func (b *bundler) readFile(location *url.URL) ([]byte, error) {
	if location.Scheme != "" && location.Scheme != "file" {
		return nil, fmt.Errorf("remote reference %q is not supported: download it and refer to the local copy", location.String())
	}
	abs, err := filepath.Abs(filepath.FromSlash(location.Path))
	if err != nil {
		return nil, err
	}
	if _, done := b.lines[abs]; done {
		return b.document(abs, false)
	}
	doc, err := b.load(abs)
	if err != nil {
		return nil, err
	}
	if !needsBundle(doc, false) && !b.json[abs] {
		return readRegular(abs)
	}
	// JSON goes to kin-openapi as block YAML too (see jsonnode.go).
	return b.document(abs, false)
}

// displayPath shows a file relative to the working directory when it is
// below it.
func displayPath(abs string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return abs
}

// mark records the file of every node of a parsed document.
// file names the file n came from.
func (b *bundler) file(n *yaml.Node) string {
	if f, ok := b.fileOf[n]; ok {
		return f
	}
	return b.fileOfRoot
}

func (b *bundler) mark(n *yaml.Node, file string) {
	b.fileOf[n] = file
	for _, c := range n.Content {
		b.mark(c, file)
	}
}

func (b *bundler) load(abs string) (*yaml.Node, error) {
	if doc, ok := b.docs[abs]; ok {
		return doc, nil
	}
	data, err := readRegular(abs)
	if err != nil {
		return nil, err
	}
	display, ok := b.display[abs]
	if !ok {
		display = displayPath(abs)
	}
	var doc *yaml.Node
	if looksLikeJSON(data) {
		if doc, err = parseJSONNode(data); err != nil {
			return nil, syntaxError(display, err)
		}
		b.json[abs] = true
	} else {
		if doc, err = parseYAML(data); err != nil {
			return nil, syntaxError(display, err)
		}
	}
	if len(b.docs) == 0 {
		b.fileOfRoot = display
	} else {
		b.mark(doc, display)
	}
	b.docs[abs] = doc
	return doc, nil
}

// transform returns n with non-standard $refs inlined and the others made
// relative to base, the document being produced. file is the absolute path
// of n's own document.
func (b *bundler) transform(n *yaml.Node, file, base string, path []string, root bool) (*yaml.Node, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return n, nil
		}
		return b.transform(n.Content[0], file, base, path, root)
	case yaml.AliasNode:
		return b.transform(n.Alias, file, base, path, root)
	case yaml.SequenceNode:
		out := b.copyNode(n)
		out.Content = make([]*yaml.Node, len(n.Content))
		for i, c := range n.Content {
			t, err := b.transform(c, file, base, append(path, strconv.Itoa(i)), root)
			if err != nil {
				return nil, err
			}
			out.Content[i] = t
		}
		return out, nil
	case yaml.MappingNode:
		if ref := refOf(n); ref != nil {
			if !refAllowed(path, root) {
				return b.inline(ref, file, base, path, root)
			}
			out := b.copyNode(n)
			out.Content = slices.Clone(n.Content)
			for i := 0; i+1 < len(out.Content); i += 2 {
				if out.Content[i].Value == "$ref" {
					out.Content[i+1] = b.rewritten(ref, file, base)
				}
			}
			return out, nil
		}
		// Discriminator mapping values are references too.
		mapping := len(path) >= 2 && path[len(path)-1] == "mapping" && path[len(path)-2] == "discriminator"
		out := b.copyNode(n)
		out.Content = make([]*yaml.Node, len(n.Content))
		for i := 0; i+1 < len(n.Content); i += 2 {
			out.Content[i] = n.Content[i]
			if v := n.Content[i+1]; mapping && v.Kind == yaml.ScalarNode && strings.ContainsAny(v.Value, "#/.") {
				out.Content[i+1] = b.rewritten(v, file, base)
				continue
			}
			if isExtension(path, n.Content[i].Value) {
				// An extension's value is data that kin-openapi keeps as it
				// is and resolves no $ref in; inlining them would follow
				// recursive schemas forever (x-model: {$ref: ...}).
				out.Content[i+1] = n.Content[i+1]
				continue
			}
			t, err := b.transform(n.Content[i+1], file, base, append(path, n.Content[i].Value), root)
			if err != nil {
				return nil, err
			}
			out.Content[i+1] = t
		}
		return out, nil
	}
	return n, nil
}

func (b *bundler) copyNode(n *yaml.Node) *yaml.Node {
	out := *n
	if f, ok := b.fileOf[n]; ok {
		b.fileOf[&out] = f
	}
	return &out
}

// rewritten returns a reference scalar made relative to base.
func (b *bundler) rewritten(ref *yaml.Node, file, base string) *yaml.Node {
	out := b.copyNode(ref)
	out.Value = b.relativeRef(ref.Value, file, base)
	return out
}

// refOf returns the value node of a mapping's $ref, if it has one.
func refOf(n *yaml.Node) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "$ref" && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1]
		}
	}
	return nil
}

// inline replaces a $ref by its target, transformed in its own file.
func (b *bundler) inline(ref *yaml.Node, file, base string, path []string, root bool) (*yaml.Node, error) {
	target, frag := resolveRef(ref.Value, file)
	key := target + "#" + frag
	if b.active[key] {
		return nil, b.errorAt(ref, "$ref %q refers to itself", ref.Value)
	}
	b.active[key] = true
	defer delete(b.active, key)
	doc, err := b.load(target)
	if err != nil {
		return nil, b.errorAt(ref, "cannot resolve $ref %q: %v", ref.Value, err)
	}
	node, err := lookup(doc, frag)
	if err != nil {
		return nil, b.errorAt(ref, "cannot resolve $ref %q: %v", ref.Value, err)
	}
	return b.transform(node, target, base, path, root)
}

func (b *bundler) errorAt(n *yaml.Node, format string, args ...any) error {
	return diag.Errorf(diag.Pos{File: b.file(n), Line: n.Line, Col: n.Column}, "", format, args...)
}

// resolveRef splits a $ref found in file into the absolute file it names and
// its fragment.
func resolveRef(ref, file string) (string, string) {
	p, frag, _ := strings.Cut(ref, "#")
	if p == "" {
		return file, frag
	}
	return refFile(file, p), frag
}

// refFile returns the file a $ref's slash-separated path names, relative to
// the file the $ref is in unless it is absolute.
func refFile(file, p string) string {
	if path.IsAbs(p) {
		return filepath.Clean(filepath.FromSlash(p))
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), filepath.FromSlash(p)))
}

// relativeRef rewrites a $ref found in file to be relative to base.
func (b *bundler) relativeRef(ref, file, base string) string {
	if strings.Contains(ref, "://") || file == base {
		return ref
	}
	target, frag := resolveRef(ref, file)
	if target == base {
		return "#" + frag
	}
	rel, err := filepath.Rel(filepath.Dir(base), target)
	if err != nil {
		return ref
	}
	out := filepath.ToSlash(rel)
	if frag != "" {
		out += "#" + frag
	}
	return out
}

// lookup follows a JSON pointer fragment from a document node.
func lookup(doc *yaml.Node, frag string) (*yaml.Node, error) {
	_, n, err := lookupKeyed(doc, frag)
	return n, err
}

// lookupKeyed is lookup that also returns the key above the node: the
// mapping key of the last step, or a sequence item's own first key (as
// kin-openapi records it); nil at the root or for an item that has none.
func lookupKeyed(doc *yaml.Node, frag string) (key, n *yaml.Node, err error) {
	n = doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if frag == "" || frag == "/" {
		return nil, n, nil
	}
	at := "#"
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == tok {
					key, next = n.Content[i], n.Content[i+1]
					break
				}
			}
			if next == nil {
				return nil, nil, fmt.Errorf("%s has no %q", where(at), tok)
			}
			n = next
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil, nil, fmt.Errorf("%s has no index %q", where(at), tok)
			}
			n, key = n.Content[i], nil
			if n.Kind == yaml.MappingNode && len(n.Content) > 0 {
				key = n.Content[0]
			}
		default:
			return nil, nil, fmt.Errorf("%s is not an object or a list", where(at))
		}
		at = diag.JoinPointer(at, tok)
	}
	return key, n, nil
}

func where(ptr string) string {
	if ptr == "#" {
		return "the document"
	}
	return ptr
}

// emit writes n as block-style YAML, one entry per line, recording each
// line's source. Keys and scalars are written as JSON literals, which YAML
// reads as the same values; block style keeps the YAML parser linear.
func (b *bundler) emit(n *yaml.Node) {
	n = deref(n)
	switch {
	case n.Kind == yaml.MappingNode && len(n.Content) > 0:
		b.entries(n, 0, "")
	case n.Kind == yaml.SequenceNode && len(n.Content) > 0:
		b.items(n, 0)
	default:
		b.line(string(inline(n)), b.posOf(n))
	}
}

func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// inline renders a scalar or an empty collection on one line.
func inline(n *yaml.Node) []byte {
	switch n.Kind {
	case yaml.MappingNode:
		return []byte("{}")
	case yaml.SequenceNode:
		return []byte("[]")
	}
	return scalarJSON(n)
}

// nested reports whether n is written on lines of its own.
func nested(n *yaml.Node) bool {
	return (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && len(n.Content) > 0
}

// entries writes a mapping's entries at indent; the first one's line starts
// with first instead when set (a sequence item's "- ").
func (b *bundler) entries(n *yaml.Node, indent int, first string) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		prefix := strings.Repeat(" ", indent)
		if i == 0 && first != "" {
			prefix = first
		}
		key := quote(k.Value)
		if !nested(v) {
			b.line(prefix+string(key)+": "+string(inline(v)), b.posOf(k))
			continue
		}
		b.line(prefix+string(key)+":", b.posOf(k))
		if v.Kind == yaml.MappingNode {
			b.entries(v, indent+2, "")
		} else {
			b.items(v, indent+2)
		}
	}
}

// items writes a sequence's items at indent.
func (b *bundler) items(n *yaml.Node, indent int) {
	dash := strings.Repeat(" ", indent) + "- "
	for _, c := range n.Content {
		c = deref(c)
		switch {
		case !nested(c):
			b.line(dash+string(inline(c)), b.posOf(c))
		case c.Kind == yaml.MappingNode:
			b.entries(c, indent+2, dash)
		default:
			b.line(strings.TrimRight(dash, " "), b.posOf(c))
			b.items(c, indent+2)
		}
	}
}

func (b *bundler) posOf(n *yaml.Node) diag.Pos {
	return diag.Pos{File: b.file(n), Line: n.Line, Col: n.Column}
}

// line writes one line and records where it came from.
func (b *bundler) line(text string, src diag.Pos) {
	b.out.WriteString(text)
	b.out.WriteByte('\n')
	b.cur = append(b.cur, src)
}

// scalarJSON renders a YAML scalar as the JSON value YAML means by it.
func scalarJSON(n *yaml.Node) []byte {
	// The common cases without decoding: a string, or a literal that JSON
	// reads the same way YAML does.
	switch n.ShortTag() {
	case "!!str":
		return quote(n.Value)
	case "!!null":
		return []byte("null")
	case "!!int", "!!float", "!!bool":
		if v := []byte(n.Value); json.Valid(v) {
			return v
		}
	}
	var v any
	if err := n.Decode(&v); err != nil {
		v = n.Value
	}
	if str, ok := v.(string); ok {
		return quote(str)
	}
	out, err := json.Marshal(v)
	if err != nil {
		return quote(n.Value)
	}
	return out
}

// quote writes s as a double-quoted scalar that JSON and YAML read alike:
// everything YAML would not take raw (controls, NEL, line and paragraph
// separators, non-characters) is escaped.
func quote(s string) []byte {
	out := make([]byte, 0, len(s)+2)
	out = append(out, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			out = append(out, '\\', byte(r))
		case r == '\n':
			out = append(out, '\\', 'n')
		case r == '\t':
			out = append(out, '\\', 't')
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0x2028 || r == 0x2029 || r == 0xfeff ||
			(r >= 0xd800 && r <= 0xdfff) || r == 0xfffe || r == 0xffff:
			out = fmt.Appendf(out, "\\u%04x", r)
		default:
			out = utf8.AppendRune(out, r)
		}
	}
	return append(out, '"')
}
