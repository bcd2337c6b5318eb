package load

import (
	"regexp"

	yaml "go.yaml.in/yaml/v4"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// Some of kin-openapi's load errors name neither a pointer nor a position:
// "invalid response: value MUST be an object", "cannot contain both schema
// and content in a parameter". They say what kind of object is wrong and
// how, and the first object of that kind, through $refs from the root
// document, that is wrong that way is the one: kin-openapi stops at the
// first.

// mustBeObjectRE matches kin-openapi's error for an object that is not one.
var mustBeObjectRE = regexp.MustCompile(`^invalid (callback|example|header|link|parameter|path item|requestBody|response|schema|securityScheme): value MUST be an object$`)

// kinNames are kin-openapi's names of the kinds in those errors.
var kinNames = map[string]kind{
	"callback": kCallback, "example": kExample, "header": kHeader, "link": kLink, "parameter": kParameter,
	"path item": kPathItem, "requestBody": kRequestBody, "response": kResponse, "schema": kSchema,
	"securityScheme": kSecurityScheme,
}

// locateKinError returns the position and pointer of the object a
// kin-openapi error describes by kind and fault, if it is one of those.
func (b *bundler) locateKinError(msg string) (diag.Pos, string, bool) {
	var want kind
	var wrong func(n *yaml.Node) bool
	switch m := mustBeObjectRE.FindStringSubmatch(msg); {
	case m != nil:
		want = kinNames[m[1]]
		wrong = func(n *yaml.Node) bool { return n.Kind != yaml.MappingNode }
	case msg == "cannot contain both schema and content in a parameter":
		want = kParameter
		wrong = func(n *yaml.Node) bool { return mapValue(n, "schema") != nil && mapValue(n, "content") != nil }
	default:
		return diag.Pos{}, "", false
	}
	var found *yaml.Node
	var foundFile, foundPtr string
	b.walkFromRoot(func(file string, n *yaml.Node, k kind, path []string) {
		if found == nil && k == want && wrong(n) {
			found, foundFile, foundPtr = n, file, b.swaggerPointer(path)
		}
	}, false)
	if found == nil {
		return diag.Pos{}, "", false
	}
	return b.pos(foundFile, found), foundPtr, true
}
