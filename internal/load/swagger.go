package load

import (
	"encoding/json"
	"errors"
	"maps"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// A Swagger 2.0 document is decoded by kin-openapi without positions and
// converted to OpenAPI 3, whose objects then have no origins. Its errors,
// and the lowering's findings, are located here, in the Swagger document's
// own YAML nodes: a decode error by decoding parts of the document into the
// types kin-openapi's decode gives them until the innermost part that fails
// is found, an OpenAPI 3 pointer by the Swagger 2.0 node it was converted
// from.

// jsonTypeRE matches encoding/json's error for a value of the wrong kind.
var jsonTypeRE = regexp.MustCompile(`cannot unmarshal \w+ into .*\btype (\S+)$`)

// loadSwagger2 decodes and converts the root document, a Swagger 2.0 one.
func (b *bundler) loadSwagger2(loader *openapi3.Loader, location *url.URL) (*openapi3.T, error) {
	// kin-openapi's decode names a YAML key by its text: an unquoted status
	// code (200:) is an integer to YAML, and JSON has only string keys.
	data := b.data[b.root]
	if tuples, warnings := b.swaggerTuples(); tuples {
		b.warnings = append(b.warnings, warnings...)
		var err error
		if data, err = yaml.Marshal(b.docs[b.root]); err != nil {
			return nil, diag.Errorf(diag.Pos{File: b.given}, "", "cannot rewrite the tuples: %v", err)
		}
	}
	var doc2 openapi2.T
	if err := openapi2.UnmarshalFromData(data, &doc2); err != nil {
		return nil, b.swaggerDecodeError(err)
	}
	doc3, err := openapi2conv.ToV3WithLoader(&doc2, loader, location)
	if err != nil {
		return nil, b.swaggerConvertError(&doc2, err)
	}
	return doc3, nil
}

// swaggerDecodeError locates an error of kin-openapi's decode of the root
// document: at the innermost node that does not decode on its own into the
// type kin-openapi gives it.
func (b *bundler) swaggerDecodeError(err error) error {
	root := content(b.docs[b.root])
	stringKeys(root)
	n, path, cause := culprit(root, reflect.TypeFor[openapi2.T](), nil)
	if n == nil {
		// The parts decode where the whole did not: say so at the top.
		n, cause = root, err
	}
	msg := strings.TrimPrefix(cause.Error(), "json: ")
	// A value of the wrong kind: say which. kin-openapi rewords some of
	// encoding/json's errors, keeping the type's name at the end.
	var te *json.UnmarshalTypeError
	if errors.As(cause, &te) && te.Type != nil {
		msg = "expected " + expectedKind(te.Type.String()) + ", found " + kindName(n)
	} else if m := jsonTypeRE.FindStringSubmatch(msg); m != nil {
		msg = "expected " + expectedKind(m[1]) + ", found " + kindName(n)
	}
	return diag.Errorf(b.pos(b.root, n), diag.JoinPointer("#", path...), "cannot load spec: %s", msg)
}

// culprit returns the innermost node under n, a value kin-openapi decodes
// into type t, that fails to decode, with its path below n and the error.
// It returns a nil node when n decodes.
func culprit(n *yaml.Node, t reflect.Type, path []string) (*yaml.Node, []string, error) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	err := decodeAs(n, t)
	if err == nil {
		return nil, nil, nil
	}
	step := 2
	if n.Kind == yaml.SequenceNode {
		step = 1
	}
	for i := 0; i < len(n.Content); i += step {
		key, child := strconv.Itoa(i), n.Content[i]
		if step == 2 {
			if i+1 >= len(n.Content) {
				break
			}
			key, child = n.Content[i].Value, n.Content[i+1]
		}
		ct, ok := childType(t, key)
		if !ok {
			continue
		}
		if cn, cp, cerr := culprit(child, ct, append(path, key)); cn != nil {
			return cn, cp, cerr
		}
	}
	return n, path, err
}

// decodeAs decodes a node into a new value of type t as kin-openapi's
// decode does: YAML to plain values, to JSON, into t.
func decodeAs(n *yaml.Node, t reflect.Type) error {
	var plain any
	if err := n.Decode(&plain); err != nil {
		return err
	}
	data, err := json.Marshal(plain)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, reflect.New(t).Interface())
}

// childType returns the type kin-openapi decodes the member key of a value
// of type t into: a map's or slice's element, a struct's field by its JSON
// name (in embedded structs too), or, for a struct that holds its members
// elsewhere, the type of that: a reference's Value, a map wrapper's
// unexported map (kin-openapi's Responses).
func childType(t reflect.Type, key string) (reflect.Type, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Map:
		return t.Elem(), t.Key().Kind() == reflect.String
	case reflect.Slice:
		_, err := strconv.Atoi(key)
		return t.Elem(), err == nil
	case reflect.Struct:
	default:
		return nil, false
	}
	if f, ok := fieldByJSONName(t, key); ok {
		return f.Type, true
	}
	if v, ok := t.FieldByName("Value"); ok {
		return childType(v.Type, key)
	}
	for i := range t.NumField() {
		if f := t.Field(i); !f.IsExported() && f.Type.Kind() == reflect.Map {
			return f.Type.Elem(), true
		}
	}
	return nil, false
}

// fieldByJSONName finds the field of struct type t whose JSON name is name.
func fieldByJSONName(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			if g, ok := fieldByJSONName(f.Type, name); ok {
				return g, true
			}
			continue
		}
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == name && tag != "-" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// stringKeys tags every mapping key under n a string, as kin-openapi's
// decode reads it: JSON names a member by the key's text.
func stringKeys(n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode {
				k.Tag = "!!str"
			}
		}
	}
	for _, c := range n.Content {
		stringKeys(c)
	}
}

// content returns the top node of a document.
func content(doc *yaml.Node) *yaml.Node {
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		return doc.Content[0]
	}
	return doc
}

// swaggerConvertError locates an error of the conversion to OpenAPI 3. Its
// messages name no place: the part that fails is found by converting the
// parts one by one, with kin-openapi's own conversion of each.
func (b *bundler) swaggerConvertError(doc2 *openapi2.T, err error) error {
	var de *diag.Error
	if errors.As(err, &de) {
		return de
	}
	msg := "cannot convert Swagger 2.0 to OpenAPI 3: " + noiseRE.ReplaceAllString(err.Error(), "")
	path := convertCulprit(doc2, err)
	if path == nil {
		if m := refRE.FindStringSubmatch(err.Error()); m != nil {
			// An error of resolving the converted document's $refs: its
			// pointer is OpenAPI 3's in the root document, or one of
			// another file, which kin-openapi reads as it is.
			path = b.swaggerPath(splitPointer(m[1][1:]))
			if _, at := b.swaggerNode(path); len(at) < len(path) || path == nil {
				if pos := b.locate(m[1][1:], 0, 0); pos.Line > 0 {
					return diag.Errorf(pos, m[1], "%s", msg)
				}
			}
		}
	}
	n, at := b.swaggerNode(path)
	return diag.Errorf(b.pos(b.root, n), diag.JoinPointer("#", at...), "%s", msg)
}

// convertCulprit returns the path of the first part of doc2 whose own
// conversion fails, or nil.
func convertCulprit(doc2 *openapi2.T, err error) []string {
	if strings.HasPrefix(err.Error(), "invalid host") {
		return []string{"host"}
	}
	components := &openapi3.Components{}
	for _, name := range slices.Sorted(maps.Keys(doc2.Parameters)) {
		if _, _, _, err := openapi2conv.ToV3Parameter(components, doc2.Parameters[name], doc2.Consumes); err != nil {
			return []string{"parameters", name}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(doc2.Responses)) {
		if _, err := openapi2conv.ToV3Response(doc2.Responses[name], doc2.Produces); err != nil {
			return []string{"responses", name}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(doc2.SecurityDefinitions)) {
		if _, err := openapi2conv.ToV3SecurityScheme(doc2.SecurityDefinitions[name]); err != nil {
			return []string{"securityDefinitions", name}
		}
	}
	for _, p := range slices.Sorted(maps.Keys(doc2.Paths)) {
		item := doc2.Paths[p]
		for _, method := range slices.Sorted(maps.Keys(item.Operations())) {
			if _, err := openapi2conv.ToV3Operation(components, item, item.Operations()[method], doc2.Consumes); err != nil {
				return []string{"paths", p, strings.ToLower(method)}
			}
		}
		if _, err := openapi2conv.ToV3PathItem(doc2, components, item, doc2.Consumes); err != nil {
			return []string{"paths", p}
		}
	}
	return nil
}

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
	path := b.swaggerPath(splitPointer(strings.TrimPrefix(ptr, "#")))
	n, _ := b.swaggerNode(path)
	if path == nil {
		return b.pos(b.root, n), ptr
	}
	return b.pos(b.root, n), diag.JoinPointer("#", path...)
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
