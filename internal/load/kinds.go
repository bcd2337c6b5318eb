package load

import (
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// What an object of an OpenAPI 3 document must be is told by where it is:
// the value of a responses entry is a Response object, of a webhooks entry a
// Path Item, and so on. kind names that; a $ref in a place stands for an
// object of the place's kind, wherever its target is written.

// kind is what OpenAPI requires the object at a place to be: a kind of
// object a $ref may stand for, a structural object, or "map:K" and "list:K"
// for a map or list of K. The empty kind is a place of no concern here
// (data, extensions, unknown keys).
type kind string

const (
	kSchema         kind = "schema"
	kParameter      kind = "parameter"
	kHeader         kind = "header"
	kResponse       kind = "response"
	kRequestBody    kind = "requestBody"
	kExample        kind = "example"
	kLink           kind = "link"
	kCallback       kind = "callback"
	kPathItem       kind = "pathItem"
	kSecurityScheme kind = "securityScheme"

	kDocument   kind = "document"
	kPaths      kind = "paths"
	kComponents kind = "components"
	kOperation  kind = "operation"
	kResponses  kind = "responses"
	kMediaType  kind = "mediaType"
	kEncoding   kind = "encoding"

	// Kinds only the check of OpenAPI 3.2's fields (fields32.go) needs.
	kTag        kind = "tag"
	kServer     kind = "server"
	kOAuthFlows kind = "oauthFlows"
)

// sectionKinds are the components sections and the kind of their entries.
var sectionKinds = map[string]kind{
	"schemas": kSchema, "parameters": kParameter, "headers": kHeader, "responses": kResponse,
	"requestBodies": kRequestBody, "examples": kExample, "links": kLink, "callbacks": kCallback,
	"pathItems": kPathItem, "securitySchemes": kSecurityScheme,
}

// kindNames are the names of the kinds a $ref may stand for, in messages.
var kindNames = map[kind]string{
	kSchema: "Schema", kParameter: "Parameter", kHeader: "Header", kResponse: "Response",
	kRequestBody: "Request Body", kExample: "Example", kLink: "Link", kCallback: "Callback",
	kPathItem: "Path Item", kSecurityScheme: "Security Scheme",
}

// mapOf and listOf are the kinds of a map and a list of k.
func mapOf(k kind) kind  { return "map:" + k }
func listOf(k kind) kind { return "list:" + k }

// member returns the kind of the member key of an object of kind k.
func member(k kind, key string) kind {
	if _, elem, ok := strings.Cut(string(k), ":"); ok {
		return kind(elem)
	}
	entries := k == kPaths || k == kResponses || k == kCallback
	if entries && strings.HasPrefix(key, "x-") {
		return ""
	}
	switch k {
	case kDocument:
		switch key {
		case "tags":
			return listOf(kTag)
		case "servers":
			return listOf(kServer)
		case "paths":
			return kPaths
		case "webhooks":
			return mapOf(kPathItem)
		case "components":
			return kComponents
		}
	case kPaths, kCallback:
		return kPathItem
	case kComponents:
		if s, ok := sectionKinds[key]; ok {
			return mapOf(s)
		}
	case kPathItem:
		if isMethod(key) {
			return kOperation
		}
		switch key {
		case "parameters":
			return listOf(kParameter)
		case "additionalOperations":
			return mapOf(kOperation)
		case "servers":
			return listOf(kServer)
		}
	case kSecurityScheme:
		if key == "flows" {
			return kOAuthFlows
		}
	case kOperation:
		switch key {
		case "servers":
			return listOf(kServer)
		case "parameters":
			return listOf(kParameter)
		case "requestBody":
			return kRequestBody
		case "responses":
			return kResponses
		case "callbacks":
			return mapOf(kCallback)
		}
	case kResponses:
		return kResponse
	case kResponse:
		switch key {
		case "headers":
			return mapOf(kHeader)
		case "content":
			return mapOf(kMediaType)
		case "links":
			return mapOf(kLink)
		}
	case kRequestBody:
		if key == "content" {
			return mapOf(kMediaType)
		}
	case kMediaType, kParameter, kHeader:
		switch key {
		case "schema":
			return kSchema
		case "itemSchema":
			if k == kMediaType {
				return kSchema
			}
		case "examples":
			return mapOf(kExample)
		case "encoding":
			if k == kMediaType {
				return mapOf(kEncoding)
			}
		case "content":
			if k != kMediaType {
				return mapOf(kMediaType)
			}
		}
	case kEncoding:
		if key == "headers" {
			return mapOf(kHeader)
		}
	case kSchema:
		switch key {
		case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas":
			return mapOf(kSchema)
		case "allOf", "anyOf", "oneOf", "prefixItems":
			return listOf(kSchema)
		case "items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames",
			"unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema":
			return kSchema
		}
	}
	return ""
}

// isObjectKind reports whether a $ref may stand for an object of kind k.
func isObjectKind(k kind) bool {
	_, ok := kindNames[k]
	return ok
}

// walkFromRoot visits every node of the root document with its kind, the
// file it is in and its path there, following each $ref (those where
// OpenAPI allows none too: a whole operation in another file) once for
// each place and kind it leads to. A $ref's own node is visited first when
// refs is set.
func (b *bundler) walkFromRoot(visit func(file string, n *yaml.Node, k kind, path []string), refs bool) {
	seen := map[string]bool{}
	members := member
	if b.swagger {
		members = swaggerMember
	}
	var walk func(file string, n *yaml.Node, k kind, path []string)
	walk = func(file string, n *yaml.Node, k kind, path []string) {
		walkKinds(n, k, path, members, func(n *yaml.Node, k kind, path []string) {
			if ref := refOf(n); ref != nil {
				if refs {
					visit(file, n, k, path)
				}
				target, frag, node, err := b.resolve(ref.Value, file)
				if key := target + "#" + frag + "#" + string(k); err == nil && !seen[key] {
					seen[key] = true
					walk(target, node, k, splitPointer(frag))
				}
				return
			}
			visit(file, n, k, path)
		})
	}
	walk(b.root, content(b.docs[b.root]), kDocument, nil)
}

// walkKinds visits n, of kind k at path, and every node under it with its
// kind (by members: member, or swaggerMember) and path, in document order.
// A $ref is visited, not followed.
func walkKinds(n *yaml.Node, k kind, path []string, members func(kind, string) kind, visit func(n *yaml.Node, k kind, path []string)) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	visit(n, k, path)
	if k == "" || refOf(n) != nil {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			if mk := members(k, key); mk != "" {
				walkKinds(n.Content[i+1], mk, append(path, key), members, visit)
			}
		}
	case yaml.SequenceNode:
		elem := kind("")
		if _, e, ok := strings.Cut(string(k), ":"); ok && strings.HasPrefix(string(k), "list:") {
			elem = kind(e)
		} else if k == kSchema {
			elem = kSchema // an items tuple
		}
		if elem == "" {
			return
		}
		for i, c := range n.Content {
			walkKinds(c, elem, append(path, strconv.Itoa(i)), members, visit)
		}
	}
}

// fields are the fixed fields of each kind of object a $ref may stand for
// (a Schema's are open), and required the ones it must have.
var (
	fields = map[kind][]string{
		kParameter: {"name", "in", "description", "required", "deprecated", "allowEmptyValue", "style", "explode",
			"allowReserved", "schema", "example", "examples", "content"},
		kHeader: {"description", "required", "deprecated", "allowEmptyValue", "style", "explode", "allowReserved",
			"schema", "example", "examples", "content"},
		kResponse:    {"summary", "description", "headers", "content", "links"},
		kRequestBody: {"description", "content", "required"},
		kExample:     {"summary", "description", "value", "externalValue", "dataValue", "serializedValue"},
		kLink:        {"operationRef", "operationId", "parameters", "requestBody", "description", "server"},
		kPathItem: {"summary", "description", "servers", "parameters", "get", "put", "post", "delete", "options", "head", "patch", "trace",
			"query", "additionalOperations"},
		kSecurityScheme: {"type", "description", "name", "in", "scheme", "bearerFormat", "flows", "openIdConnectUrl",
			"oauth2MetadataUrl", "deprecated"},
	}
	required = map[kind][]string{
		kParameter: {"name", "in"}, kResponse: {"description"}, kRequestBody: {"content"}, kSecurityScheme: {"type"},
	}
)

// fits reports whether n has the shape of an object of kind k: only its
// fields (and extensions), and those it requires. Any object fits a Schema
// or a Callback, whose members are open.
func fits(n *yaml.Node, k kind) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	allowed, closed := fields[k]
	for i := 0; closed && i+1 < len(n.Content); i += 2 {
		key := n.Content[i].Value
		if !strings.HasPrefix(key, "x-") && !slices.Contains(allowed, key) {
			return false
		}
	}
	for _, f := range required[k] {
		if mapValue(n, f) == nil {
			return false
		}
	}
	return true
}
