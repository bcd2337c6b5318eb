package load

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// Multi-file specs put $refs where OpenAPI allows none: a whole operation, a
// tag's description, an extension's value, a whole properties or components
// map. kin-openapi resolves only the standard ones, so a document with
// others is handed to it bundled: those $refs inlined, the $refs of inlined
// content made relative to the document it lands in, written back as YAML
// by the YAML library, with the source of each line recorded so that
// positions still name the original file and line. Every other document,
// and every standard $ref, is kin-openapi's to read and resolve.

// mapKeywords are the keys whose value is a map of named things: a $ref in
// their place stands for the whole map, which OpenAPI does not allow.
var mapKeywords = map[string]bool{
	"properties": true, "patternProperties": true, "dependentSchemas": true, "$defs": true,
	"definitions": true, "schemas": true, "responses": true, "headers": true, "content": true,
	"examples": true, "links": true, "callbacks": true, "encoding": true, "variables": true,
	"mapping": true, "securitySchemes": true, "requestBodies": true, "parameters": true,
	"additionalOperations": true,
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
		return !(n == 3 && isMethod(last) || n == 4 && path[2] == "additionalOperations")
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
	case "get", "put", "post", "delete", "options", "head", "patch", "trace", "query":
		return true
	}
	return false
}

// needsBundle reports whether a document has a $ref where OpenAPI allows none.
func needsBundle(doc *yaml.Node, root bool) bool {
	var walk func(n *yaml.Node, path []string) bool
	walk = func(n *yaml.Node, path []string) bool {
		switch n.Kind {
		case yaml.DocumentNode:
			return len(n.Content) > 0 && walk(n.Content[0], path)
		case yaml.MappingNode:
			if refOf(n) != nil && !refAllowed(path, root) {
				return true
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				// An extension's value is data nobody resolves (see transform).
				if !isExtension(path, k) && walk(n.Content[i+1], append(path, k)) {
					return true
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if walk(c, append(path, strconv.Itoa(i))) {
					return true
				}
			}
		}
		return false
	}
	return walk(doc, nil)
}

// sources names the files of a spec and maps positions in what kin-openapi
// read back to them. Result.MapPos holds it, not the parsed files.
type sources struct {
	root, given string                // the root document's absolute path, and as the user gave it
	lines       map[string][]diag.Pos // bundled document (absolute path) -> source of each line
}

// name shows a file as the user would name it: files under the root's
// directory by the root's path as given joined with theirs, others by
// their absolute path.
func (s sources) name(abs string) string {
	if abs == s.root {
		return s.given
	}
	rel, err := filepath.Rel(filepath.Dir(s.root), abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs
	}
	return filepath.Join(filepath.Dir(s.given), rel)
}

// mapPos maps a position in kin-openapi's origins, whose file is a URL's
// path ("a b.yaml" is "a%20b.yaml"), to the file and line it came from.
func (s sources) mapPos(p diag.Pos) diag.Pos {
	if p.File == "" {
		return p
	}
	f, err := url.PathUnescape(p.File)
	if err != nil {
		return p
	}
	abs, err := filepath.Abs(filepath.FromSlash(f))
	if err != nil {
		return p
	}
	lines, ok := s.lines[abs]
	if !ok {
		p.File = s.name(abs)
		return p
	}
	if p.Line < 1 || p.Line > len(lines) || !lines[p.Line-1].IsValid() {
		return diag.Pos{File: s.name(abs)}
	}
	return lines[p.Line-1]
}

type bundler struct {
	sources
	docs map[string]*yaml.Node // parsed files, by absolute path
	data map[string][]byte     // their text, as kin-openapi is to read it
	read map[string][]byte     // what kin-openapi read of the files other than the root
	// During bundling: the source of each node written, and the $refs being
	// inlined, to stop cycles.
	from   map[*yaml.Node]diag.Pos
	active map[string]bool
	// What was read leniently, for Result.Warnings.
	warnings diag.List
	// The $refs of the root document whose targets are inlined because
	// they are written where objects of another kind are (misplaced.go).
	misplaced map[*yaml.Node]bool
	// References that resolve only through another $ref, by throughKey, to
	// the direct reference, and the files that have them (through.go).
	through      map[string]string
	throughFiles map[string]bool
	// The documents' $self URIs, and the references (by throughKey) that
	// name a file through one (self.go).
	selves   []selfBase
	selfRefs map[string]bool
	// Nodes of the root document that overlays inserted, with the file
	// of the overlay they come from; overlaid says there are any.
	origin   map[*yaml.Node]string
	overlaid bool
	// rewritten says the root document's tree was changed in place
	// (tuples.go): it is handed to kin-openapi bundled.
	rewritten bool
	// dropped counts the schema keywords left out (annotations.go).
	dropped int
	// Each file's name as shown (sources.name), by absolute path: a
	// bundle asks once per node written.
	names map[string]string
	// The gathering of the root document's objects in other files into
	// its components, when it has any (gather.go).
	gather *gathering
	// The same for a Swagger 2.0 root, gathered in its parsed tree
	// (swaggergather.go).
	gather2 *gathering
	// swagger says the root document is a Swagger 2.0 one.
	swagger bool
}

func newBundler(abs, given string) *bundler {
	return &bundler{
		sources: sources{root: abs, given: given, lines: map[string][]diag.Pos{}},
		docs:    map[string]*yaml.Node{},
		data:    map[string][]byte{},
		read:    map[string][]byte{},
		active:  map[string]bool{},
		names:   map[string]string{},

		misplaced:    map[*yaml.Node]bool{},
		through:      map[string]string{},
		throughFiles: map[string]bool{},
		selfRefs:     map[string]bool{},
	}
}

// load returns the parsed file at abs.
func (b *bundler) load(abs string) (*yaml.Node, error) {
	if doc, ok := b.docs[abs]; ok {
		return doc, nil
	}
	data, err := readRegular(abs)
	if err != nil {
		return nil, err
	}
	return b.parse(abs, jsonForYAML(data))
}

// parse parses the text of the file at abs. The YAML library parses JSON
// too, with positions.
func (b *bundler) parse(abs string, data []byte) (*yaml.Node, error) {
	doc := new(yaml.Node)
	if err := yaml.Unmarshal(data, doc); err != nil {
		return nil, syntaxError(b.name(abs), "malformed spec", err)
	}
	b.docs[abs], b.data[abs] = doc, data
	return doc, nil
}

// jsonForYAML returns a JSON text as one the YAML library reads alike. The
// library rejects the \u escapes of UTF-16 surrogates, which JSON writes
// characters beyond the BMP with: those become YAML's \U escapes (a lone
// surrogate becomes U+FFFD, as encoding/json reads it). The raw line
// breaks JSON reads as characters in a string and YAML folds into a space
// (U+0085, U+2028, U+2029) become \u escapes: besides keeping the text,
// kin-openapi reads a document holding U+0085 without positions. Other
// texts are returned as they are.
func jsonForYAML(data []byte) []byte {
	breaks := yamlBreak.Match(data)
	if !breaks && !surrogate.Match(data) || !json.Valid(data) {
		return data
	}
	if breaks {
		data = yamlBreak.ReplaceAllFunc(data, func(c []byte) []byte {
			r, _ := utf8.DecodeRune(c)
			return fmt.Appendf(nil, `\u%04x`, r)
		})
	}
	hex := func(b []byte) rune {
		if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
			return -1
		}
		r, err := strconv.ParseUint(string(b[2:6]), 16, 16)
		if err != nil {
			return -1
		}
		return rune(r)
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		if data[i] != '\\' {
			out = append(out, data[i])
			continue
		}
		// In valid JSON, a backslash starts an escape in a string, which
		// a quote ends: the escape after a \u escape can be read.
		hi := hex(data[i:])
		if !utf16.IsSurrogate(hi) {
			out = append(out, data[i], data[i+1])
			i++
			continue
		}
		if r := utf16.DecodeRune(hi, hex(data[i+6:])); r != unicode.ReplacementChar {
			out = fmt.Appendf(out, `\U%08x`, r)
			i += 11
		} else {
			out = append(out, `\ufffd`...)
			i += 5
		}
	}
	return out
}

// surrogate matches the escape of a UTF-16 surrogate.
var surrogate = regexp.MustCompile(`\\u[dD][89a-fA-F]`)

// yamlBreak matches the characters YAML breaks a line on and JSON does not.
var yamlBreak = regexp.MustCompile("\u0085|\u2028|\u2029")

// document returns the file at abs as kin-openapi is to read it: as it is,
// or bundled when it has $refs where OpenAPI allows none.
func (b *bundler) document(abs string, root bool) ([]byte, error) {
	doc, err := b.load(abs)
	if err != nil || !needsBundle(doc, root) && !(root && (len(b.misplaced) > 0 || b.overlaid || b.rewritten || b.gather != nil)) && !b.throughFiles[abs] {
		return b.data[abs], err
	}
	b.from = map[*yaml.Node]diag.Pos{}
	defer func() { b.from = nil }()
	tree, err := b.transform(doc, abs, abs, nil, root, false)
	if err == nil && root && b.gather != nil {
		err = b.writeGathered(tree)
	}
	if err != nil {
		return nil, err
	}
	text, lines, err := writeYAML(tree, b.from)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: b.name(abs)}, "", "cannot bundle: %v", err)
	}
	b.lines[abs] = lines
	return text, nil
}

// transform returns a copy of n, a node of file (an absolute path) with
// the keys path above it, for the document base: $refs where OpenAPI allows none are
// replaced by what they refer to, the others made relative to base. A raw
// node (an extension's value, data that kin-openapi keeps as it is) is only
// copied: inlining in it would follow recursive schemas forever
// (x-model: {$ref: ...}). Aliases are copied out; collections are written
// in block style, one entry a line.
func (b *bundler) transform(n *yaml.Node, file, base string, path []string, root, raw bool) (*yaml.Node, error) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return b.transform(n.Content[0], file, base, path, root, raw)
	}
	if n.Kind == 0 || n.Kind == yaml.DocumentNode { // an empty file
		n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	}
	gathering := root && b.gather != nil
	if ref := refOf(n); !raw && ref != nil && (!refAllowed(path, root) || b.misplaced[ref] || gathering && b.writeInPlace(ref, file, path)) {
		return b.inline(ref, file, base, path, root)
	}
	out := &yaml.Node{Kind: n.Kind, Style: n.Style &^ yaml.FlowStyle, Tag: n.Tag, Value: n.Value}
	b.from[out] = b.pos(file, n)
	// Discriminator mapping values are references too.
	mapping := len(path) >= 2 && path[len(path)-1] == "mapping" && path[len(path)-2] == "discriminator"
	for i, c := range n.Content {
		var t *yaml.Node
		var err error
		switch {
		case n.Kind == yaml.SequenceNode:
			t, err = b.transform(c, file, base, append(path, strconv.Itoa(i)), root, raw)
		case i%2 == 0: // a key
			t, err = b.transform(c, file, base, path, root, true)
		case !raw && c.Kind == yaml.ScalarNode && (n.Content[i-1].Value == "$ref" || mapping && strings.ContainsAny(c.Value, "#/.")):
			t, err = b.transform(c, file, base, path, root, true)
			t.Value = relativeRef(b.throughRef(file, c.Value), file, base)
			if gathering {
				k := kSchema // a discriminator mapping's
				if !mapping {
					k = placeKind(path)
				}
				if local := b.gatherRef(file, c.Value, k); local != "" {
					t.Value = local
				}
			}
		default:
			key := n.Content[i-1].Value
			t, err = b.transform(c, file, base, append(path, key), root, raw || isExtension(path, key))
		}
		if err != nil {
			return nil, err
		}
		out.Content = append(out.Content, t)
	}
	return out, nil
}

// refOf returns the value node of a mapping's $ref, if it has one.
func refOf(n *yaml.Node) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "$ref" && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1]
		}
	}
	return nil
}

// inline replaces a $ref by its target, transformed in its own file.
func (b *bundler) inline(ref *yaml.Node, file, base string, path []string, root bool) (*yaml.Node, error) {
	target, frag := resolveRef(b.throughRef(file, ref.Value), file)
	key := target + "#" + frag
	at := b.pos(file, ref)
	if b.active[key] {
		return nil, diag.Errorf(at, "", "$ref %q refers to itself", ref.Value)
	}
	b.active[key] = true
	defer delete(b.active, key)
	doc, err := b.load(target)
	if err != nil {
		return nil, diag.Errorf(at, "", "cannot resolve $ref %q: %v", ref.Value, err)
	}
	node, err := lookup(doc, frag)
	if err != nil {
		return nil, diag.Errorf(at, "", "cannot resolve $ref %q: %v", ref.Value, err)
	}
	return b.transform(node, target, base, path, root, false)
}

// pos is the position of a node of the file at abs, or of the overlay that
// inserted it.
func (b *bundler) pos(abs string, n *yaml.Node) diag.Pos {
	if f, ok := b.origin[n]; ok {
		return diag.Pos{File: f, Line: n.Line, Col: n.Column}
	}
	name, ok := b.names[abs]
	if !ok {
		name = b.name(abs)
		b.names[abs] = name
	}
	return diag.Pos{File: name, Line: n.Line, Col: n.Column}
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
func relativeRef(ref, file, base string) string {
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
	n := doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if frag == "" || frag == "/" {
		return n, nil
	}
	at := "#"
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		switch n.Kind {
		case yaml.MappingNode:
			next := mapValue(n, tok)
			if next == nil {
				return nil, fmt.Errorf("%s has no %q%s", where(at), tok, didYouMean(tok, keys(n)))
			}
			n = next
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil, fmt.Errorf("%s has no index %q", where(at), tok)
			}
			n = n.Content[i]
		default:
			return nil, fmt.Errorf("%s is not an object or a list", where(at))
		}
		at = diag.JoinPointer(at, tok)
	}
	return n, nil
}

func where(ptr string) string {
	if ptr == "#" {
		return "the document"
	}
	return ptr
}
