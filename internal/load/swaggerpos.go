package load

import (
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// The objects of a Swagger 2.0 document converted to OpenAPI 3 have no
// origins: lowering's findings about them are located by their pointer,
// mapped back to the Swagger 2.0 node they were converted from.

// splitPointer splits a JSON pointer (without "#") into its unescaped tokens.
func splitPointer(ptr string) []string {
	var out []string
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if tok != "" {
			out = append(out, strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~"))
		}
	}
	return out
}

// swaggerLocate returns the position in the Swagger 2.0 root document of the
// node an OpenAPI 3 pointer of the converted document names, or of the
// nearest node above it that the Swagger document has, and the pointer
// there (the OpenAPI 3 one for what has no Swagger 2.0 counterpart).
func (b *bundler) swaggerLocate(ptr string) (diag.Pos, string) {
	if file, frag, ok := strings.Cut(ptr, "#"); ok && file != "" {
		// An object gathered from another file, named as written there.
		abs := refFile(b.root, file)
		if n, err := b.lookupIn(abs, frag); err == nil {
			return b.keyPos(abs, frag, n), "#" + frag
		}
	}
	path := b.swaggerPath(splitPointer(strings.TrimPrefix(ptr, "#")))
	n, _ := b.swaggerNode(path)
	if path == nil {
		return b.pos(b.root, n), ptr
	}
	return b.pos(b.root, n), b.swaggerPointer(path)
}

// swaggerPointer returns the pointer of the node at path in a document as
// written: for the root document of a gathered Swagger 2.0 spec, in the
// file an object gathered from another file came from (swaggergather.go).
func (b *bundler) swaggerPointer(path []string) string {
	if g := b.gather2; g != nil && len(path) >= 2 {
		if c, ok := g.sources[diag.JoinPointer("#/"+path[0], path[1])]; ok {
			return diag.JoinPointer("#"+c.frag, path[2:]...)
		}
	}
	return diag.JoinPointer("#", path...)
}

// swaggerNode follows path from the root document's top as far as it
// leads: it returns the node reached (the key of a mapping entry, where
// positions point) and the part of path followed.
func (b *bundler) swaggerNode(path []string) (*yaml.Node, []string) {
	n := content(b.docs[b.root])
	at := n
	for i, tok := range path {
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		switch n.Kind {
		case yaml.MappingNode:
			j := mapIndex(n, tok)
			if j < 0 {
				return at, path[:i]
			}
			at, n = n.Content[j], n.Content[j+1]
		case yaml.SequenceNode:
			k, err := strconv.Atoi(tok)
			if err != nil || k < 0 || k >= len(n.Content) {
				return at, path[:i]
			}
			n = n.Content[k]
			at = n
		default:
			return at, path[:i]
		}
	}
	return at, path
}

// mapIndex returns the index of key's key node in a mapping node, or -1.
func mapIndex(n *yaml.Node, key string) int {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// v3Sections are the components sections of OpenAPI 3 that a Swagger 2.0
// document's top-level maps convert to.
var v3Sections = map[string]string{
	"schemas": "definitions", "parameters": "parameters", "requestBodies": "parameters",
	"responses": "responses", "securitySchemes": "securityDefinitions",
}

// swaggerPath returns the path in the Swagger 2.0 root document of what the
// conversion to OpenAPI 3 put at path: components sections are top-level
// maps there, a body or schema is not wrapped in content by media type, a
// request body is the body (or first form) parameter, and an operation's
// parameters are numbered with those left out.
func (b *bundler) swaggerPath(path []string) []string {
	var out []string
	if len(path) >= 3 && path[0] == "components" {
		sec, ok := v3Sections[path[1]]
		if !ok {
			return nil
		}
		out, path = []string{sec, path[2]}, path[3:]
	}
	for i := 0; i < len(path); i++ {
		tok := path[i]
		switch {
		case tok == "content" && i+2 < len(path) && path[i+2] == "schema":
			i++ // the media type: Swagger 2.0 has one schema
			continue
		case tok == "requestBody":
			node, _ := b.swaggerValue(out)
			k := b.paramIndex(node, func(in string) bool { return in == "body" || in == "formData" }, 0)
			if k < 0 {
				return out
			}
			out = append(out, "parameters", strconv.Itoa(k))
			continue
		case tok == "parameters" && i+1 < len(path) && len(out) >= 2 && out[0] == "paths":
			v3, err := strconv.Atoi(path[i+1])
			node, _ := b.swaggerValue(out)
			k := b.paramIndex(node, func(in string) bool { return in != "body" && in != "formData" }, v3)
			if err != nil || k < 0 {
				return append(out, tok)
			}
			out = append(out, tok, strconv.Itoa(k))
			i++
			continue
		case tok == "schema" && len(out) >= 2 && out[len(out)-2] == "headers":
			continue // a Swagger 2.0 header is its own schema
		}
		out = append(out, tok)
	}
	return out
}

// swaggerValue returns the value node at path in the root document, or nil.
func (b *bundler) swaggerValue(path []string) (*yaml.Node, error) {
	return lookup(b.docs[b.root], diag.JoinPointer("", path...))
}

// paramIndex returns the index in the parameters of an operation or path
// item node of the nth (from 0) parameter whose location keep accepts,
// following a parameter's $ref to learn its location; -1 if there is none.
func (b *bundler) paramIndex(owner *yaml.Node, keep func(in string) bool, nth int) int {
	if owner == nil || owner.Kind != yaml.MappingNode {
		return -1
	}
	params := mapValue(owner, "parameters")
	if params == nil || params.Kind != yaml.SequenceNode {
		return -1
	}
	for i, p := range params.Content {
		if ref := refOf(p); ref != nil {
			if _, _, target, err := b.resolve(ref.Value, b.root); err == nil {
				p = target
			}
		}
		in := ""
		if v := mapValue(p, "in"); v != nil {
			in = v.Value
		}
		if keep(in) {
			if nth == 0 {
				return i
			}
			nth--
		}
	}
	return -1
}
