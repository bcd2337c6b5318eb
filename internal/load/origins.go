package load

import (
	"net/url"
	"path/filepath"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// Lowering reads source positions off kin-openapi's objects (Origin.Key and
// Origin.Fields). kin-openapi records them while it decodes when asked
// (Loader.IncludeOrigin), but that took more than half of its load time:
// Stripe's spec loads in 1.0 s with them and 0.42 s without. The loader has
// its own parse of the same file, with every node's position, so for a
// self-contained spec kin-openapi decodes without origins and attachOrigins
// sets them from that parse, as kin-openapi would have, on the objects
// lowering reads: the document, operations, parameters, request bodies,
// responses, schemas and security schemes. TestOriginsMatch compares the two.
//
// kin-openapi gives the schema of a parameter or media type the key of its
// parameter or media type (it stamps a parent's key through to a field named
// Schema), not the "schema" key; attachOrigins does the same.

// fromOriginFile maps a position in kin-openapi's origins, whose file is the
// document's URL (url.URL{Path: path}.String(): "a b.yaml" is "a%20b.yaml"),
// to the file's path.
func fromOriginFile(p diag.Pos) diag.Pos {
	if f, err := url.PathUnescape(p.File); err == nil {
		p.File = filepath.FromSlash(f)
	}
	return p
}

// attachOrigins sets the origins of doc's objects from root, the parse of
// the file doc was decoded from. It reports false, having set some, when the
// document uses YAML anchors or merge keys, whose positions kin-openapi
// resolves in ways this does not follow; the caller then loads with
// kin-openapi's own origins.
func attachOrigins(doc *openapi3.T, root *yaml.Node, file string) bool {
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	w := &originWalker{file: file, ok: true}
	if root.Kind != yaml.MappingNode {
		return true
	}
	// The root's key is where it starts: its first key (a JSON document's
	// root mapping starts at the brace before it).
	first := root
	if len(root.Content) > 0 {
		first = root.Content[0]
	}
	doc.Origin = w.origin(first, root)
	doc.Origin.Key.Name = ""
	w.each(root, func(k, v *yaml.Node) {
		switch k.Value {
		case "paths":
			if doc.Paths != nil {
				w.each(v, func(k, v *yaml.Node) { w.pathItem(doc.Paths.Value(k.Value), v) })
			}
		case "webhooks":
			w.each(v, func(k, v *yaml.Node) { w.pathItem(doc.Webhooks[k.Value], v) })
		case "components":
			if doc.Components != nil {
				w.components(doc.Components, v)
			}
		}
	})
	// A reference with sibling keywords (OpenAPI 3.1) resolves to a copy of
	// the schema it names, made before the origins were set: give it the
	// origin of what it copies, as kin-openapi's copy shares it.
	for _, c := range w.copies {
		if c.schema.Origin == nil && strings.HasPrefix(c.ref, "#") {
			if key, node, err := lookupKeyed(root, c.ref[1:]); err == nil && key != nil && node.Kind == yaml.MappingNode {
				c.schema.Origin = w.origin(key, node)
			}
		}
	}
	return w.ok
}

type originWalker struct {
	file   string
	ok     bool // no alias or merge key met
	copies []refCopy
}

// refCopy is a schema reached through a reference.
type refCopy struct {
	schema *openapi3.Schema
	ref    string
}

// origin is what kin-openapi records for a mapping under a key: the key's
// position, and the position of each of the mapping's own keys.
func (w *originWalker) origin(key, node *yaml.Node) *openapi3.Origin {
	o := &openapi3.Origin{Key: &openapi3.Location{File: w.file, Line: key.Line, Column: key.Column, Name: key.Value}}
	if node.Kind == yaml.MappingNode && len(node.Content) > 0 {
		o.Fields = make(openapi3.FieldLocations, 0, len(node.Content)/2)
		for i := 0; i+1 < len(node.Content); i += 2 {
			k := node.Content[i]
			o.Fields = append(o.Fields, openapi3.Location{File: w.file, Line: k.Line, Column: k.Column, Name: k.Value})
		}
	}
	return o
}

// each calls f for each entry of a mapping, and notes anchors and merges.
func (w *originWalker) each(node *yaml.Node, f func(k, v *yaml.Node)) {
	if node == nil {
		return
	}
	if node.Kind == yaml.AliasNode {
		w.ok = false
		return
	}
	if node.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		if k.Value == "<<" || v.Kind == yaml.AliasNode {
			w.ok = false
		}
		f(k, v)
	}
}

// items calls f for each mapping of a sequence with the key kin-openapi
// gives a sequence item: its own first key.
func (w *originWalker) items(node *yaml.Node, f func(i int, k, v *yaml.Node)) {
	if node == nil || node.Kind != yaml.SequenceNode {
		return
	}
	for i, item := range node.Content {
		if item.Kind == yaml.AliasNode {
			w.ok = false
		}
		if item.Kind == yaml.MappingNode && len(item.Content) > 0 {
			f(i, item.Content[0], item)
		}
	}
}

// isRef reports whether a mapping is a reference: its object is the one
// referred to, which gets its origin where it is written. As for
// kin-openapi, only a non-empty string is a reference; an object with a
// null or numeric $ref decodes as an ordinary value.
func isRef(node *yaml.Node) bool {
	for i := 0; i+1 < len(node.Content); i += 2 {
		if node.Content[i].Value == "$ref" {
			v := node.Content[i+1]
			return v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" && v.Value != ""
		}
	}
	return false
}

func (w *originWalker) components(c *openapi3.Components, node *yaml.Node) {
	w.each(node, func(k, v *yaml.Node) {
		switch k.Value {
		case "schemas":
			w.each(v, func(k, v *yaml.Node) { w.schemaRef(c.Schemas[k.Value], k, v) })
		case "parameters":
			w.each(v, func(k, v *yaml.Node) { w.parameterRef(c.Parameters[k.Value], k, v) })
		case "requestBodies":
			w.each(v, func(k, v *yaml.Node) { w.requestBodyRef(c.RequestBodies[k.Value], k, v) })
		case "responses":
			w.each(v, func(k, v *yaml.Node) { w.responseRef(c.Responses[k.Value], k, v) })
		case "headers":
			w.each(v, func(k, v *yaml.Node) { w.header(c.Headers[k.Value], k, v) })
		case "callbacks":
			w.each(v, func(k, v *yaml.Node) { w.callback(c.Callbacks[k.Value], v) })
		case "securitySchemes":
			w.each(v, func(k, v *yaml.Node) {
				if r := c.SecuritySchemes[k.Value]; r != nil && r.Value != nil && !isRef(v) {
					r.Value.Origin = w.origin(k, v)
				}
			})
		}
	})
}

func (w *originWalker) pathItem(item *openapi3.PathItem, node *yaml.Node) {
	if item == nil || node.Kind != yaml.MappingNode || isRef(node) {
		return
	}
	w.each(node, func(k, v *yaml.Node) {
		if k.Value == "parameters" {
			w.parameters(item.Parameters, v)
			return
		}
		if op := item.GetOperation(strings.ToUpper(k.Value)); op != nil && isMethod(k.Value) {
			w.operation(op, k, v)
		}
	})
}

func (w *originWalker) operation(op *openapi3.Operation, key, node *yaml.Node) {
	op.Origin = w.origin(key, node)
	w.each(node, func(k, v *yaml.Node) {
		switch k.Value {
		case "parameters":
			w.parameters(op.Parameters, v)
		case "requestBody":
			w.requestBodyRef(op.RequestBody, k, v)
		case "responses":
			if op.Responses != nil {
				w.each(v, func(k, v *yaml.Node) { w.responseRef(op.Responses.Value(k.Value), k, v) })
			}
		case "callbacks":
			w.each(v, func(k, v *yaml.Node) { w.callback(op.Callbacks[k.Value], v) })
		}
	})
}

func (w *originWalker) callback(cb *openapi3.CallbackRef, node *yaml.Node) {
	if cb != nil && cb.Value != nil && node.Kind == yaml.MappingNode && !isRef(node) {
		w.each(node, func(k, v *yaml.Node) { w.pathItem(cb.Value.Value(k.Value), v) })
	}
}

func (w *originWalker) parameters(ps openapi3.Parameters, node *yaml.Node) {
	w.items(node, func(i int, k, v *yaml.Node) {
		if i < len(ps) {
			w.parameterRef(ps[i], k, v)
		}
	})
}

func (w *originWalker) parameterRef(r *openapi3.ParameterRef, key, node *yaml.Node) {
	if r == nil || r.Value == nil || node.Kind != yaml.MappingNode || isRef(node) {
		return
	}
	w.parameter(r.Value, key, node)
}

func (w *originWalker) parameter(p *openapi3.Parameter, key, node *yaml.Node) {
	p.Origin = w.origin(key, node)
	w.each(node, func(k, v *yaml.Node) {
		switch k.Value {
		case "schema":
			w.schemaRef(p.Schema, key, v) // kin-openapi: keyed like its parameter
		case "content":
			w.content(p.Content, v)
		}
	})
}

func (w *originWalker) requestBodyRef(r *openapi3.RequestBodyRef, key, node *yaml.Node) {
	if r == nil || r.Value == nil || node.Kind != yaml.MappingNode || isRef(node) {
		return
	}
	r.Value.Origin = w.origin(key, node)
	w.each(node, func(k, v *yaml.Node) {
		if k.Value == "content" {
			w.content(r.Value.Content, v)
		}
	})
}

func (w *originWalker) responseRef(r *openapi3.ResponseRef, key, node *yaml.Node) {
	if r == nil || r.Value == nil || node.Kind != yaml.MappingNode || isRef(node) {
		return
	}
	r.Value.Origin = w.origin(key, node)
	w.each(node, func(k, v *yaml.Node) {
		switch k.Value {
		case "content":
			w.content(r.Value.Content, v)
		case "headers":
			w.each(v, func(k, v *yaml.Node) { w.header(r.Value.Headers[k.Value], k, v) })
		}
	})
}

func (w *originWalker) header(h *openapi3.HeaderRef, key, node *yaml.Node) {
	if h != nil && h.Value != nil && node.Kind == yaml.MappingNode && !isRef(node) {
		w.parameter(&h.Value.Parameter, key, node)
	}
}

func (w *originWalker) content(c openapi3.Content, node *yaml.Node) {
	w.each(node, func(mk, v *yaml.Node) {
		mt := c[mk.Value]
		if mt == nil {
			return
		}
		w.each(v, func(k, v *yaml.Node) {
			if k.Value == "schema" {
				w.schemaRef(mt.Schema, mk, v) // kin-openapi: keyed like its media type
			}
		})
	})
}

func (w *originWalker) schemaRef(r *openapi3.SchemaRef, key, node *yaml.Node) {
	if r == nil || r.Value == nil {
		return
	}
	if node.Kind == yaml.ScalarNode && node.ShortTag() == "!!bool" {
		// A 3.1 boolean schema (items: false) is placed at its key.
		r.Value.Origin = w.origin(key, node)
		return
	}
	if node.Kind != yaml.MappingNode {
		return
	}
	if isRef(node) {
		if r.Ref != "" {
			w.copies = append(w.copies, refCopy{r.Value, r.Ref})
		}
		return
	}
	s := r.Value
	s.Origin = w.origin(key, node)
	schemas := func(m openapi3.Schemas, v *yaml.Node) {
		w.each(v, func(k, v *yaml.Node) { w.schemaRef(m[k.Value], k, v) })
	}
	list := func(refs openapi3.SchemaRefs, v *yaml.Node) {
		w.items(v, func(i int, k, v *yaml.Node) {
			if i < len(refs) {
				w.schemaRef(refs[i], k, v)
			}
		})
	}
	w.each(node, func(k, v *yaml.Node) {
		switch k.Value {
		case "properties":
			schemas(s.Properties, v)
		case "patternProperties":
			schemas(s.PatternProperties, v)
		case "dependentSchemas":
			schemas(s.DependentSchemas, v)
		case "$defs":
			schemas(s.Defs, v)
		case "allOf":
			list(s.AllOf, v)
		case "oneOf":
			list(s.OneOf, v)
		case "anyOf":
			list(s.AnyOf, v)
		case "prefixItems":
			list(s.PrefixItems, v)
		case "items":
			w.schemaRef(s.Items, k, v)
		case "not":
			w.schemaRef(s.Not, k, v)
		case "contains":
			w.schemaRef(s.Contains, k, v)
		case "propertyNames":
			w.schemaRef(s.PropertyNames, k, v)
		case "if":
			w.schemaRef(s.If, k, v)
		case "then":
			w.schemaRef(s.Then, k, v)
		case "else":
			w.schemaRef(s.Else, k, v)
		case "contentSchema":
			w.schemaRef(s.ContentSchema, k, v)
		case "additionalProperties":
			w.schemaRef(s.AdditionalProperties.Schema, k, v)
		case "unevaluatedItems":
			w.schemaRef(s.UnevaluatedItems.Schema, k, v)
		case "unevaluatedProperties":
			w.schemaRef(s.UnevaluatedProperties.Schema, k, v)
		}
	})
}
