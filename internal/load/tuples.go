package load

import (
	"slices"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// Specs converted from JSON Schema often write an array's items as a list,
// a tuple, most often [{$ref: X}, {type: "null"}]: elements that are X or
// null. Neither Swagger 2.0 nor OpenAPI 3 has such a list (3.1 writes
// tuples as prefixItems), and kin-openapi's decode rejects it; the meaning
// is clear when one schema is left once the null ones are taken out. The
// list is replaced, before the decode, by that schema, made nullable when
// a null one was there (a $ref through a one-member allOf, as siblings of a
// $ref are ignored), with a warning; a list of different schemas by a
// schema of any value.

// tuples rewrites the tuples of the root document in its parsed tree, and
// reports whether there were any; version names the document's kind
// ("Swagger 2.0", "OpenAPI 3.0") in the warnings.
func (b *bundler) tuples(version string) (bool, diag.List) {
	var warnings diag.List
	members, nullable := member, "nullable"
	if b.swagger {
		members, nullable = swaggerMember, "x-nullable"
	}
	// Schemas only, by where they are: an example's items are data.
	walkKinds(content(b.docs[b.root]), kDocument, nil, members, func(n *yaml.Node, k kind, path []string) {
		if k != kSchema || n.Kind != yaml.MappingNode {
			return
		}
		i := mapIndex(n, "items")
		if i < 0 || n.Content[i+1].Kind != yaml.SequenceNode {
			return
		}
		list := n.Content[i+1]
		if one, msg := tupleItem(list, nullable); one != nil {
			n.Content[i+1] = one
			ptr := b.swaggerPointer(append(slices.Clip(path), "items"))
			warnings = append(warnings, diag.Errorf(b.pos(b.root, list), ptr, "items is a list of schemas (a tuple), which %s does not have; %s", version, msg))
		}
	})
	return len(warnings) > 0, warnings
}

// tupleItem returns the schema a tuple stands for and how it was read, or
// nil when it is not a list of schemas. Once its null ones are taken out,
// one schema (or the same one written again: coordinates) is the items; a
// tuple of different schemas (a number and a string) has elements of any
// type, as no Swagger 2.0 or OpenAPI 3.0 tool reads JSON Schema's tuples.
// nullable is the document's keyword: x-nullable in Swagger 2.0.
func tupleItem(list *yaml.Node, nullable string) (*yaml.Node, string) {
	var one *yaml.Node
	null, differ := false, false
	for _, c := range list.Content {
		for c.Kind == yaml.AliasNode {
			c = c.Alias
		}
		switch {
		case c.Kind != yaml.MappingNode:
			return nil, ""
		case isNullType(c):
			null = true
		case one == nil:
			one = c
		case !sameNode(one, c):
			differ = true
		}
	}
	switch {
	case one == nil:
		return nil, ""
	case differ:
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: list.Line, Column: list.Column},
			"its schemas differ, so its elements are read as values of any type"
	case !null:
		return one, "read as its one schema"
	case refOf(one) != nil:
		// {allOf: [{$ref: X}], x-nullable: true} (OpenAPI's nullable)
		wrapped := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: list.Line, Column: list.Column}
		all := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: one.Line, Column: one.Column, Content: []*yaml.Node{one}}
		wrapped.Content = append(wrapped.Content, scalar(list, "allOf", "!!str"), all, scalar(list, nullable, "!!str"), scalar(list, "true", "!!bool"))
		return wrapped, "read as its one non-null schema, nullable"
	}
	copied := *one
	if mapValue(one, nullable) == nil {
		copied.Content = append(copied.Content[:len(copied.Content):len(copied.Content)], scalar(list, nullable, "!!str"), scalar(list, "true", "!!bool"))
	}
	return &copied, "read as its one non-null schema, nullable"
}

// isNullType reports whether n is the schema {type: "null"}.
func isNullType(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode || len(n.Content) != 2 {
		return false
	}
	t := mapValue(n, "type")
	return t != nil && t.Kind == yaml.ScalarNode && t.Value == "null" && t.ShortTag() == "!!str"
}

// scalar returns a new scalar node, placed at the position of at.
func scalar(at *yaml.Node, value, tag string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value, Line: at.Line, Column: at.Column}
}

// sameNode reports whether a and b are the same YAML value, wherever they
// are written.
func sameNode(a, b *yaml.Node) bool {
	for a.Kind == yaml.AliasNode {
		a = a.Alias
	}
	for b.Kind == yaml.AliasNode {
		b = b.Alias
	}
	if a.Kind != b.Kind || a.ShortTag() != b.ShortTag() || a.Value != b.Value || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameNode(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}
