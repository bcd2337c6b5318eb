package load

import (
	"cmp"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// A schema keyword that only describes or checks values (a pattern, an
// example, a title) sometimes holds a value of another JSON type than
// OpenAPI gives it (api.video's `pattern: 0`, Codat's examples written as
// a map of Example objects, a draft-4 `definitions` of junk). kin-openapi's
// decode fails on it, and the whole spec with it, though nothing the SDK
// is made of depends on it. Such a keyword of the root document is left
// out, with a warning, and the document read again.

// droppable are the schema keywords that decide no Go type, name or wire
// behaviour: left out, the SDK is the same but for its documentation.
var droppable = map[string]bool{
	"pattern": true, "title": true, "description": true, "example": true, "examples": true, "default": true,
	"externalDocs": true, "xml": true, "$comment": true, "definitions": true, "deprecated": true,
	"minLength": true, "maxLength": true, "minimum": true, "maximum": true, "exclusiveMinimum": true,
	"exclusiveMaximum": true, "multipleOf": true, "minItems": true, "maxItems": true, "uniqueItems": true,
	"minProperties": true, "maxProperties": true,
}

// maxDropped bounds the keywords left out of one spec: past it, the spec
// is refused with the error of the next.
const maxDropped = 20

// dropAnnotation leaves out of the root document the schema keyword whose
// value the load error e is about, when it is one that only describes or
// checks values, and reports whether it did: the innermost such keyword
// at or above the node e names, else one of that schema's whose value is
// not of the JSON type OpenAPI gives it.
func (b *bundler) dropAnnotation(e *diag.Error) bool {
	if b.dropped >= maxDropped || e.Pos.File != "" && e.Pos.File != b.name(b.root) {
		return false
	}
	ptr := e.Pointer
	if e.Pos.Line > 0 {
		ptr = cmp.Or(b.pointerAt(e.Pos), ptr)
	}
	tokens := splitPointer(strings.TrimPrefix(ptr, "#"))
	top := content(b.docs[b.root])
	members := member
	if b.swagger {
		members = swaggerMember
	}
	drop := func(parentPath []string, key string) bool {
		parent, err := lookup(b.docs[b.root], diag.JoinPointer("", parentPath...))
		if err != nil || parent.Kind != yaml.MappingNode {
			return false
		}
		j := mapIndex(parent, key)
		if j < 0 {
			return false
		}
		at := b.pos(b.root, parent.Content[j])
		parent.Content = append(parent.Content[:j:j], parent.Content[j+2:]...)
		b.dropped++
		b.rewritten = true
		b.warnings = append(b.warnings, diag.Errorf(at, diag.JoinPointer("#", append(parentPath, key)...),
			"%s (%s); the keyword, which only describes or checks values, is left out", strings.TrimPrefix(e.Msg, "cannot load spec: "), key))
		return true
	}
	for i := len(tokens) - 1; i >= 1; i-- {
		if droppable[tokens[i]] && kindWith(top, tokens[:i], members) == kSchema {
			return drop(tokens[:i], tokens[i])
		}
	}
	if kindWith(top, tokens, members) != kSchema {
		return false
	}
	n, err := lookup(b.docs[b.root], diag.JoinPointer("", tokens...))
	if err != nil || n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if key := n.Content[i].Value; droppable[key] && !fitsKeyword(key, n.Content[i+1]) {
			return drop(tokens, key)
		}
	}
	return false
}

// fitsKeyword reports whether v has the JSON type OpenAPI gives the schema
// keyword key (any type, for examples and defaults).
func fitsKeyword(key string, v *yaml.Node) bool {
	for v.Kind == yaml.AliasNode {
		v = v.Alias
	}
	tag := v.ShortTag()
	switch key {
	case "pattern", "title", "description", "$comment":
		return tag == "!!str"
	case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minimum", "maximum", "multipleOf":
		return tag == "!!int" || tag == "!!float"
	case "exclusiveMinimum", "exclusiveMaximum":
		return tag == "!!bool" || tag == "!!int" || tag == "!!float"
	case "uniqueItems", "deprecated":
		return tag == "!!bool"
	case "externalDocs", "xml", "definitions":
		return v.Kind == yaml.MappingNode
	}
	return true
}
