package load

import (
	"encoding/json"
	"errors"
	"maps"
	"net/url"
	"reflect"
	"regexp"
	"slices"
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

// loadSwagger2 decodes and converts the root document, a Swagger 2.0 one;
// gathered says its tree has objects of other files (swaggergather.go).
func (b *bundler) loadSwagger2(loader *openapi3.Loader, location *url.URL, gathered bool) (*openapi3.T, error) {
	data := b.data[b.root]
	tuples, warnings := b.tuples("Swagger 2.0")
	b.warnings = append(b.warnings, warnings...)
	if tuples || b.overlaid || gathered {
		// The rewritten nodes, written out, are all the conversion needs:
		// it keeps no positions.
		var err error
		if data, err = yaml.Marshal(b.docs[b.root]); err != nil {
			return nil, diag.Errorf(diag.Pos{File: b.given}, "", "cannot rewrite the document: %v", err)
		}
	}
	// kin-openapi's decode names a YAML key by its text: an unquoted status
	// code (200:) is an integer to YAML, and JSON has only string keys.
	var doc2 openapi2.T
	if err := openapi2.UnmarshalFromData(data, &doc2); err != nil {
		return nil, b.swaggerDecodeError(err)
	}
	doc3, err := openapi2conv.ToV3WithLoader(&doc2, loader, location)
	if err != nil {
		return nil, b.swaggerConvertError(&doc2, err)
	}
	b.formBodies(&doc2, doc3)
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
	return diag.Errorf(b.pos(b.root, n), b.swaggerPointer(path), "cannot load spec: %s", msg)
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
	if pos, ptr, ok := b.locateKinError(err.Error()); ok {
		return diag.Errorf(pos, ptr, "%s", msg)
	}
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
	return diag.Errorf(b.pos(b.root, n), b.swaggerPointer(at), "%s", msg)
}

// convertCulprit returns the path of the first part of doc2 whose own
// conversion fails, or nil.
func convertCulprit(doc2 *openapi2.T, err error) []string {
	if strings.HasPrefix(err.Error(), "invalid host") {
		return []string{"host"}
	}
	// The parameters are made components as the whole conversion makes
	// them: an operation's $ref to a body parameter counts as its body.
	components := &openapi3.Components{Schemas: openapi3.Schemas{}, Parameters: openapi3.ParametersMap{},
		RequestBodies: openapi3.RequestBodies{}}
	for _, name := range slices.Sorted(maps.Keys(doc2.Parameters)) {
		p, body, schemas, err := openapi2conv.ToV3Parameter(components, doc2.Parameters[name], doc2.Consumes)
		switch {
		case err != nil:
			return []string{"parameters", name}
		case body != nil:
			components.RequestBodies[name] = body
		case schemas != nil:
			for _, s := range schemas {
				components.Schemas[name] = s
			}
		default:
			components.Parameters[name] = p
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
