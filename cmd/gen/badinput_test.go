package main

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// A bad input goes through run like a user's command line. Whatever it is,
// gen must not panic, must say what is wrong and where, must exit 1 (2 for
// usage errors), and must leave the output directory exactly as it was.
// Inputs that are odd but valid must generate code that compiles.

const head = "openapi: 3.0.3\ninfo: {title: x, version: \"1\"}\n"

// okOp is an operation that makes a spec generate something.
const okOp = "  /ok:\n    get:\n      operationId: ok\n      responses: {'204': {description: ok}}\n"

type badInput struct {
	name  string
	files map[string]string // written under the case's directory
	// args are the command line; "$D" stands for the case's directory.
	// Default: -spec $D/spec.yaml -out $D/out -package p.
	args []string
	code int      // expected exit status
	want []string // substrings of stderr, with "$D/" removed from it
}

func badInputs() []badInput {
	schema := func(s string) map[string]string {
		return map[string]string{"spec.yaml": head + "paths:\n" + okOp + "components:\n  schemas:\n" + s}
	}
	paths := func(s string) map[string]string {
		return map[string]string{"spec.yaml": head + "paths:\n" + s}
	}
	deep := func(n int) string {
		return strings.Repeat(`{"type":"object","properties":{"a":`, n) + `{"type":"string"}` + strings.Repeat("}}", n)
	}
	return []badInput{
		{name: "missing file", files: map[string]string{}, code: 1,
			want: []string{"spec.yaml: cannot read spec: no such file or directory"}},
		{name: "empty file", files: map[string]string{"spec.yaml": ""}, code: 1,
			want: []string{"spec.yaml: spec is empty"}},
		{name: "blank file", files: map[string]string{"spec.yaml": "\n  \n\t\n"}, code: 1,
			want: []string{"spec.yaml: spec is empty"}},
		{name: "directory", files: map[string]string{"spec.yaml/x": ""}, code: 1,
			want: []string{"spec.yaml: cannot read spec: is a directory"}},
		{name: "malformed YAML", files: map[string]string{"spec.yaml": head + "paths: {a: [}\n"}, code: 1,
			want: []string{"spec.yaml:3:", "malformed spec"}},
		{name: "malformed JSON", files: map[string]string{"spec.json": "{\"openapi\": \"3.0.3\",\n \"info\": {\"title\": \"x\",,}}"},
			args: []string{"-spec", "$D/spec.json", "-out", "$D/out", "-package", "p"}, code: 1,
			want: []string{"spec.json:2:", "malformed spec"}},
		{name: "openapi 2.5 number", files: map[string]string{"spec.yaml": "openapi: 2.5\ninfo: {title: x, version: '1'}\npaths: {}\n"}, code: 1,
			want: []string{"spec.yaml:1:10: #/openapi: the openapi version must be a string"}},
		{name: "openapi 3.0 number", files: map[string]string{"spec.yaml": "openapi: 3.0\ninfo: {title: x, version: '1'}\npaths: {}\n"}, code: 1,
			want: []string{"spec.yaml:1:10: #/openapi: the openapi version must be a string", `openapi: "3.0"`}},
		{name: "openapi 4.0", files: map[string]string{"spec.yaml": "openapi: '4.0'\ninfo: {title: x, version: '1'}\npaths: {}\n"}, code: 1,
			want: []string{`spec.yaml:1:10: #/openapi: unsupported OpenAPI version "4.0"`}},
		{name: "openapi 3.2x", files: map[string]string{"spec.yaml": "openapi: '3.25'\ninfo: {title: x, version: '1'}\npaths: {}\n"}, code: 1,
			want: []string{`spec.yaml:1:10: #/openapi: unsupported OpenAPI version "3.25"`}},
		{name: "openapi object", files: map[string]string{"spec.yaml": "openapi: {v: 3}\ninfo: {title: x, version: '1'}\npaths: {}\n"}, code: 1,
			want: []string{"spec.yaml:1:10: #/openapi: the openapi version must be a string", "found an object"}},
		{name: "swagger 1.2", files: map[string]string{"spec.yaml": "swagger: '1.2'\ninfo: {title: x, version: '1'}\n"}, code: 1,
			want: []string{`spec.yaml:1:10: #/swagger: unsupported Swagger version "1.2" (want 2.0)`}},
		{name: "no version", files: map[string]string{"spec.yaml": "info: {title: x, version: '1'}\npaths: {}\n"}, code: 1,
			want: []string{`spec.yaml:1:1: not an OpenAPI document: no "openapi" or "swagger" field`}},
		{name: "root is a list", files: map[string]string{"spec.yaml": "- openapi: 3.0.3\n- paths: {}\n"}, code: 1,
			want: []string{"spec.yaml:1:1: not an OpenAPI document: the top level is a list, not an object"}},
		{name: "root is a scalar", files: map[string]string{"spec.yaml": "just text\n"}, code: 1,
			want: []string{"spec.yaml:1:1: not an OpenAPI document: the top level is a string, not an object"}},
		{name: "binary garbage", files: map[string]string{"spec.yaml": string([]byte{0x89, 'P', 'N', 'G', 0, 0xff, 0xfe, 0x01, 0x02, 0xc3, 0x28, 0, 0, 0x7f})}, code: 1,
			want: []string{"spec.yaml", "malformed spec"}},
		{name: "UTF-16 without BOM", files: map[string]string{"spec.yaml": utf16LE(head+"paths: {}\n", false)}, code: 1,
			want: []string{"spec.yaml"}},
		{name: "dangling schema ref", files: paths("  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Nope'}\n"), code: 1,
			want: []string{`spec.yaml:11:30: #/paths/~1a/get/responses/200/content/application~1json/schema: $ref "#/components/schemas/Nope" does not resolve: the document has no "components"`}},
		{name: "dangling parameter ref", files: map[string]string{"spec.yaml": head + "paths:\n  /a:\n    get:\n      parameters:\n        - $ref: '#/components/parameters/Nope'\n      responses: {'204': {description: ok}}\ncomponents:\n  parameters: {}\n"}, code: 1,
			want: []string{`spec.yaml:7:17: #/paths/~1a/get/parameters/0: $ref "#/components/parameters/Nope" does not resolve: #/components/parameters has no "Nope"`}},
		{name: "dangling response ref", files: paths("  /a:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/Nope'}\n"), code: 1,
			want: []string{`spec.yaml:7:23: #/paths/~1a/get/responses/200: $ref "#/components/responses/Nope" does not resolve`}},
		{name: "dangling request body ref", files: paths("  /a:\n    post:\n      requestBody: {$ref: '#/components/requestBodies/Nope'}\n      responses: {'204': {description: ok}}\n"), code: 1,
			want: []string{`spec.yaml:6:27: #/paths/~1a/post/requestBody: $ref "#/components/requestBodies/Nope" does not resolve`}},
		{name: "ref to itself", files: schema("    A: {$ref: '#/components/schemas/A'}\n"), code: 1,
			want: []string{`spec.yaml:10:15: #/components/schemas/A: $ref "#/components/schemas/A" refers to itself through $refs alone`}},
		{name: "ref cycle", files: schema("    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/C'}\n    C: {$ref: '#/components/schemas/A'}\n"), code: 1,
			want: []string{
				`spec.yaml:10:15: #/components/schemas/A: $ref "#/components/schemas/B" refers to itself through $refs alone (#/components/schemas/B -> #/components/schemas/C -> #/components/schemas/A)`,
				`spec.yaml:12:15: #/components/schemas/C: $ref`,
			}},
		{name: "external ref to a missing file", files: schema("    A: {$ref: 'models.yaml#/A'}\n"), code: 1,
			want: []string{`spec.yaml:10:15: #/components/schemas/A: cannot resolve $ref "models.yaml#/A": `, "models.yaml: no such file or directory"}},
		{name: "external ref to a missing node", files: map[string]string{
			"spec.yaml":   head + "paths:\n" + okOp + "components:\n  schemas:\n    A: {$ref: 'models.yaml#/B'}\n",
			"models.yaml": "A: {type: string}\n"}, code: 1,
			want: []string{`spec.yaml:10:15: #/components/schemas/A: $ref "models.yaml#/B" does not resolve: the document has no "B"`}},
		{name: "external ref to a malformed file", files: map[string]string{
			"spec.yaml":   head + "paths:\n" + okOp + "components:\n  schemas:\n    A: {$ref: 'models.yaml#/A'}\n",
			"models.yaml": "A: {type: [\n"}, code: 1,
			want: []string{"models.yaml:2:", "malformed spec"}},
		{name: "dangling ref in an external file", files: map[string]string{
			"spec.yaml":   head + "paths:\n" + okOp + "components:\n  schemas:\n    A: {$ref: 'models.yaml#/A'}\n",
			"models.yaml": "A:\n  type: object\n  properties:\n    b: {$ref: '#/B'}\n"}, code: 1,
			want: []string{`models.yaml:4:15: #/A/properties/b: $ref "#/B" does not resolve: the document has no "B"`}},
		{name: "ref to a device", files: schema("    A: {$ref: '/dev/zero'}\n    B: {$ref: '/dev/stdin#/B'}\n"), code: 1,
			want: []string{`spec.yaml:10:15: #/components/schemas/A: cannot resolve $ref "/dev/zero": /dev/zero: not a regular file`, `spec.yaml:11:15: #/components/schemas/B: cannot resolve $ref "/dev/stdin#/B": /dev/stdin: not a regular file`}},
		{name: "dangling discriminator mapping", files: schema("    U:\n      oneOf: [{$ref: '#/components/schemas/A'}]\n      discriminator: {propertyName: k, mapping: {a: '#/components/schemas/A', x: '#/components/schemas/Nope'}}\n    A: {type: object, properties: {k: {type: string}}}\n"), code: 1,
			want: []string{`spec.yaml:12:82: #/components/schemas/U/discriminator/mapping/x: discriminator mapping: $ref "#/components/schemas/Nope" does not resolve`}},
		{name: "remote ref", files: schema("    A: {$ref: 'https://example.com/models.yaml#/A'}\n"), code: 1,
			want: []string{`spec.yaml:10:15: #/components/schemas/A: remote $ref "https://example.com/models.yaml#/A" is not supported`}},
		{name: "remote ref in swagger", files: map[string]string{"spec.yaml": "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\ndefinitions:\n  A: {$ref: 'http://127.0.0.1:1/x.json'}\n"}, code: 1,
			want: []string{`spec.yaml:5:13: #/definitions/A: remote $ref "http://127.0.0.1:1/x.json" is not supported`}},
		{name: "swagger: errors at the Swagger 2.0 nodes", files: map[string]string{"spec.yaml": "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths:\n" +
			"  /a/{id}:\n    get:\n      responses:\n        200:\n          description: ok\n          schema: {type: object, properties: {n: {type: integer, enum: [1, x]}}}\n" +
			"  /b:\n    post:\n      parameters:\n        - {name: body, in: body, schema: {type: string, enum: []}}\n        - {name: \"X A\", in: header, type: string}\n" +
			"      responses: {204: {description: ok}}\n" +
			"definitions:\n  A: {type: string, enum: []}\n"}, code: 1,
			want: []string{
				`spec.yaml:9:66: #/paths/~1a~1{id}/get/responses/200/schema/properties/n/enum: enum value "x" is not an integer`,
				`spec.yaml:13:57: #/paths/~1b/post/parameters/0/schema/enum: enum lists no values`,
				`spec.yaml:14:11: #/paths/~1b/post/parameters/1: header parameter name "X A" is not a valid HTTP token`,
				`spec.yaml:17:21: #/definitions/A/enum: enum lists no values`,
			}},
		{name: "brace inside a path parameter name", files: paths("  /x/{a{b}:\n    get:\n      parameters:\n        - {name: b, in: path, required: true, schema: {type: string}}\n      responses: {'204': {description: ok}}\n"), code: 1,
			want: []string{`spec.yaml:5:5: #/paths/~1x~1{a{b}/get: path "/x/{a{b}" has a "{" at offset 5 inside a parameter name`}},
		{name: "unclosed path brace", files: paths("  /x/{a:\n    get:\n      responses: {'204': {description: ok}}\n"), code: 1,
			want: []string{`spec.yaml:5:5: #/paths/~1x~1{a/get: path "/x/{a" has a "{" at offset 3 that is not closed`}},
		{name: "stray closing path brace", files: paths("  /x/a}/{b}:\n    get:\n      parameters:\n        - {name: b, in: path, required: true, schema: {type: string}}\n      responses: {'204': {description: ok}}\n"), code: 1,
			want: []string{`spec.yaml:5:5: #/paths/~1x~1a}~1{b}/get: path "/x/a}/{b}" has a "}" at offset 4 that closes no "{"`}},
		{name: "empty path parameter name", files: paths("  /x/{}:\n    get:\n      responses: {'204': {description: ok}}\n"), code: 1,
			want: []string{`spec.yaml:5:5: #/paths/~1x~1{}/get: path "/x/{}" has an empty parameter name at offset 3`}},
		{name: "parameter without in", files: paths("  /a:\n    get:\n      parameters:\n        - {name: q, schema: {type: string}}\n      responses: {'204': {description: ok}}\n"), code: 1,
			want: []string{`spec.yaml:7:12: #/paths/~1a/get/parameters/0: parameter "q" has unknown location ""`}},
		{name: "enum value of the wrong type", files: schema("    E: {type: integer, enum: [1, two, 3]}\n"), code: 1,
			want: []string{`spec.yaml:10:24: #/components/schemas/E/enum: enum value "two" is not an integer`}},
		{name: "enum value an object", files: schema("    E: {type: string, enum: [a, {b: 1}]}\n"), code: 1,
			want: []string{`spec.yaml:10:23: #/components/schemas/E/enum: enum value {"b":1} is not a string`}},
		{name: "empty enum", files: schema("    E: {type: string, enum: []}\n"), code: 1,
			want: []string{`spec.yaml:10:23: #/components/schemas/E/enum: enum lists no values`}},
		{name: "response status out of range", files: paths("  /a:\n    get:\n      responses:\n        '2000': {description: ok}\n"), code: 1,
			want: []string{`spec.yaml:7:9: #/paths/~1a/get/responses/2000: invalid response status "2000"`}},
		{name: "response status not a code", files: paths("  /a:\n    get:\n      responses:\n        ok: {description: ok}\n"), code: 1,
			want: []string{`spec.yaml:7:9: #/paths/~1a/get/responses/ok: invalid response status "ok"`}},
		{name: "components.schemas is a list", files: map[string]string{"spec.yaml": head + "paths: {}\ncomponents:\n  schemas:\n    - A\n    - B\n"}, code: 1,
			want: []string{"spec.yaml:6:5: #/components/schemas: cannot load spec: expected an object, found a list"}},
		{name: "paths is a list", files: map[string]string{"spec.yaml": head + "paths: [a]\n"}, code: 1,
			want: []string{"spec.yaml:3:8: #/paths: cannot load spec: expected an object, found a list"}},
		{name: "header name with a line break", files: paths("  /a:\n    get:\n      parameters:\n        - {name: \"X-A\\r\\nX-B\", in: header, schema: {type: string}}\n      responses: {'204': {description: ok}}\n"), code: 1,
			want: []string{`spec.yaml:7:12: #/paths/~1a/get/parameters/0: header parameter name "X-A\r\nX-B" is not a valid HTTP token`}},
		{name: "apiKey with a header name that is not a token", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp + "components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: 'X Key'}\n"}, code: 1,
			want: []string{`spec.yaml:10:5: #/components/securitySchemes/key: apiKey security scheme's header name "X Key" is not a valid HTTP token`}},
		{name: "apiKey without name", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp + "components:\n  securitySchemes:\n    key: {type: apiKey, in: header}\n"}, code: 1,
			want: []string{"spec.yaml:10:5: #/components/securitySchemes/key: apiKey security scheme has no name"}},
		{name: "excessive aliasing", files: map[string]string{"spec.yaml": head + "paths: {}\n" + laughs()}, code: 1,
			want: []string{"spec.yaml:", "excessive aliasing"}},
		{name: "nesting beyond the parser's limit", files: schema("    A: " + strings.Repeat("{type: array, items: ", 12000) + "{type: string}" + strings.Repeat("}", 12000) + "\n"), code: 1,
			want: []string{"spec.yaml:10:", "exceeded max depth"}},
		{name: "deep JSON beyond the parser's limit", files: map[string]string{"spec.json": `{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{},"components":{"schemas":{"A":` + deep(6000) + "}}}"},
			args: []string{"-spec", "$D/spec.json", "-out", "$D/out", "-package", "p"}, code: 1,
			want: []string{"spec.json:1:", "exceeded max depth"}},

		// Overlays.
		{name: "missing overlay", files: paths(okOp),
			args: []string{"-spec", "$D/spec.yaml", "-out", "$D/out", "-package", "p", "-overlay", "$D/fix.yaml"}, code: 1,
			want: []string{"fix.yaml: cannot read overlay: no such file or directory"}},
		{name: "overlay without its version", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp,
			"fix.yaml": "info: {title: t, version: '1'}\nactions:\n  - {target: $.info, update: {title: y}}\n"},
			args: []string{"-spec", "$D/spec.yaml", "-out", "$D/out", "-package", "p", "-overlay", "$D/fix.yaml"}, code: 1,
			want: []string{`fix.yaml:1:1: not an Overlay document: no "overlay" field`}},
		{name: "overlay with an invalid JSONPath, from the config", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp,
			"fix.yaml":    "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - {target: '$.paths[?@.x ==]', remove: true}\n",
			"sdkgen.yaml": "sdks:\n  - {spec: spec.yaml, out: out, package: p, overlays: [fix.yaml]}\n"},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{`fix.yaml:4:14: #/actions/0/target: invalid JSONPath "$.paths[?@.x ==]"`}},
		{name: "overlay that breaks the spec", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp,
			"fix.yaml": "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths['/ok'].get\n    update:\n      responses: {'20x': {description: ok}}\n"},
			args: []string{"-spec", "$D/spec.yaml", "-out", "$D/out", "-package", "p", "-overlay", "$D/fix.yaml"}, code: 1,
			want: []string{"fix.yaml:6:19: #/paths/~1ok/get/responses/20x: invalid response status"}},

		// The module the SDK is written into.
		{name: "module declaring an older go", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp, "go.mod": "module m\n\ngo 1.23\n"}, code: 1,
			want: []string{"go.mod:3:1: go 1.23 is older than the SDK in", "needs: go 1.24 or later", "go mod edit -go=1.24"}},
		{name: "module with no go line", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp, "go.mod": "module m\n"}, code: 1,
			want: []string{"go.mod:1:1: the module has no go line", "needs go 1.24 or later"}},
		{name: "module that does not parse", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp, "go.mod": "module m\ngo 1.24 extra\n"}, code: 1,
			want: []string{"go.mod:2:"}},
		{name: "config with an invalid module", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp, "sdkgen.yaml": "sdks:\n  - {spec: spec.yaml, out: out, package: p, module: 'a b'}\n"},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{`sdkgen.yaml:2:5: #/sdks/0: module "a b" is not a valid module path`}},
		{name: "config with importPath outside the module", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp, "sdkgen.yaml": "sdks:\n  - {spec: spec.yaml, out: out, package: p, module: example.com/a, importPath: example.com/b}\n"},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{`sdkgen.yaml:2:5: #/sdks/0: importPath "example.com/b" differs from module "example.com/a"`}},
		{name: "module over a hand-written go.mod", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp, "out/go.mod": "module example.com/a\n\ngo 1.26\n",
			"sdkgen.yaml": "sdks:\n  - {spec: spec.yaml, out: out, package: p, module: example.com/a}\n"},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{"out/go.mod: not generated by sdkgen", "refusing to overwrite it"}},

		// The config file.
		{name: "config with an unknown key", files: map[string]string{"sdkgen.yaml": "sdks:\n  - {spec: spec.yaml, out: out, package: p, pakage: q}\n"},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{`sdkgen.yaml:2:45: #/sdks/0: unknown SDK key "pakage"`}},
		{name: "config with an unknown streams key", files: map[string]string{"sdkgen.yaml": "sdks:\n  - spec: spec.yaml\n    out: out\n    package: p\n    streams: {sentinal: x}\n"},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{`sdkgen.yaml:5:15: #/sdks/0/streams: unknown streams key "sentinal" (known: sentinel)`}},
		{name: "config with streams not an object", files: map[string]string{"sdkgen.yaml": "sdks:\n  - spec: spec.yaml\n    out: out\n    package: p\n    streams: \"[DONE]\"\n"},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{`sdkgen.yaml:5:14: #/sdks/0/streams: streams must be an object (known keys: sentinel)`}},
		{name: "config with an unknown top-level key", files: map[string]string{"sdkgen.yaml": "sdk:\n  - {spec: spec.yaml, out: out, package: p}\n"},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{`sdkgen.yaml:1:1: unknown config key "sdk"`}},
		{name: "config without package", files: map[string]string{"sdkgen.yaml": "sdks:\n  - {spec: spec.yaml, out: out}\n"},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{"sdkgen.yaml:2:5: #/sdks/0: package is required"}},
		{name: "config with an invalid package", files: map[string]string{"sdkgen.yaml": "sdks:\n  - {spec: spec.yaml, out: out, package: my-sdk}\n"},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{`sdkgen.yaml:2:5: #/sdks/0: package "my-sdk" is not a valid Go package name`}},
		{name: "config with overlapping outputs", files: map[string]string{"sdkgen.yaml": "sdks:\n  - {spec: spec.yaml, out: out, package: p}\n  - {spec: spec.yaml, out: out/inner, package: q}\n"},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{"sdkgen.yaml:3:5: #/sdks/1/out: output directory", "overlaps that of SDK 0"}},
		{name: "config is empty", files: map[string]string{"sdkgen.yaml": ""},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{"sdkgen.yaml: config is empty"}},
		{name: "config is missing", files: map[string]string{},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{"sdkgen.yaml: cannot read config: no such file or directory"}},
		{name: "one bad spec in the config", files: map[string]string{
			"sdkgen.yaml": "sdks:\n  - {spec: good.yaml, out: out, package: p}\n  - {spec: bad.yaml, out: out2, package: q}\n",
			"good.yaml":   head + "paths:\n" + okOp,
			"bad.yaml":    head + "paths:\n  /a:\n" + "    get:\n      responses:\n        '2000': {description: ok}\n"},
			args: []string{"-config", "$D/sdkgen.yaml"}, code: 1,
			want: []string{`bad.yaml:7:9: #/paths/~1a/get/responses/2000: invalid response status "2000"`}},

		// Usage errors.
		{name: "spec without package", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp},
			args: []string{"-spec", "$D/spec.yaml", "-out", "$D/out"}, code: 2,
			want: []string{"package is required"}},
		{name: "invalid package flag", files: map[string]string{"spec.yaml": head + "paths:\n" + okOp},
			args: []string{"-spec", "$D/spec.yaml", "-out", "$D/out", "-package", "func"}, code: 2,
			want: []string{`package "func" is not a valid Go package name`}},
		{name: "unknown flag", files: map[string]string{}, args: []string{"-sepc", "x"}, code: 2,
			want: []string{"flag provided but not defined: -sepc"}},
	}
}

// goodInputs are odd specs that must generate code that compiles.
func goodInputs() []badInput {
	long := strings.Repeat("long", 2500)
	deep := func(n int) string {
		return strings.Repeat(`{"type":"object","properties":{"a":`, n) + `{"type":"string"}` + strings.Repeat("}}", n)
	}
	return []badInput{
		{name: "punctuation and non-ASCII names", files: map[string]string{"spec.yaml": head + `tags:
  - {name: "!!!", description: bang}
  - {name: 名前, description: names}
paths:
  /a/{***}:
    get:
      operationId: "***"
      tags: ["!!!"]
      parameters:
        - {name: "***", in: path, required: true, schema: {type: string}}
        - {name: "###", in: query, schema: {type: string}}
        - {name: "ß", in: query, schema: {type: string}}
        - {name: "#$%&'*+.^_|~", in: header, schema: {type: string}}
        - {name: "", in: query, schema: {type: integer}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/%25%25"}
  /b:
    get:
      operationId: 名前
      tags: [名前]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/名前"}
  /c:
    get:
      operationId: "???"
      tags: ["???"]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Ω"}
components:
  schemas:
    "%%":
      type: object
      properties:
        "$$": {type: string}
        "...": {type: string}
        名前: {type: string}
        "": {type: string}
        "-": {type: string}
        "é": {type: integer}
        e: {type: string, enum: ["!", "?", "é", "", "+", "-", 名前, "+1", "-1", "1"]}
    名前: {type: string, enum: ["***", "", "名前"]}
    Ω: {type: object, properties: {"ǅ": {type: string}, "ᾳ": {type: string}}}
`}},
		{name: "Go keywords and predeclared names", files: map[string]string{"spec.yaml": head + `paths:
  /func/{type}:
    get:
      operationId: func
      tags: [go]
      parameters:
        - {name: type, in: path, required: true, schema: {type: string}}
        - {name: range, in: query, schema: {type: string}}
        - {name: ctx, in: query, schema: {type: string}}
        - {name: err, in: header, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/string"}
components:
  schemas:
    string:
      type: object
      properties:
        func: {type: string}
        type: {type: string}
        interface: {type: string}
        nil: {type: boolean}
        error: {type: string}
        String: {type: string}
        MarshalJSON: {type: string}
    error: {type: object, properties: {select: {type: integer}}}
    any: {type: string, enum: [go, chan, defer]}
`}},
		{name: "absolute $ref", files: map[string]string{
			"spec.yaml":     schema2("    A: {$ref: '$D/models/a.yaml#/A'}\n")["spec.yaml"],
			"models/a.yaml": "A: {type: object, properties: {b: {$ref: '#/B'}}}\nB: {type: string, enum: [x]}\n"}},
		{name: "schemas that contain themselves", files: schema2(`    A:
      oneOf: [{$ref: '#/components/schemas/A1'}, {$ref: '#/components/schemas/U'}, {$ref: '#/components/schemas/N'}]
    A1: {allOf: [{$ref: '#/components/schemas/A2'}, {type: object, properties: {x: {type: string}}}]}
    A2: {allOf: [{$ref: '#/components/schemas/A1'}]}
    U: {oneOf: [{$ref: '#/components/schemas/U'}, {type: array, items: {$ref: '#/components/schemas/U'}}, {type: string}]}
    N: {anyOf: [{$ref: '#/components/schemas/M'}], not: {$ref: '#/components/schemas/N'}}
    M: {anyOf: [{$ref: '#/components/schemas/N'}, {type: object, additionalProperties: {$ref: '#/components/schemas/M'}}]}
`)},
		{name: "$ref keys in example values", files: schema2(`    A:
      type: object
      properties:
        schema: {type: object, example: {$ref: '#/nowhere'}}
      example: {schema: {$ref: '#/nowhere'}}
      examples: [{schema: {$ref: '#/nowhere'}}]
      default: {schema: {$ref: 'gone.yaml'}}
`)},
		{name: "UTF-16 with byte order mark", files: map[string]string{"spec.yaml": utf16LE(head+"paths:\n"+okOp, true)}},
		{name: "extremely long strings", files: map[string]string{"spec.yaml": "openapi: 3.0.3\ninfo: {title: " + strings.Repeat("t", 1<<20) + ", version: '1', description: " + strings.Repeat("d ", 1<<19) + "}\npaths:\n  /" + long + ":\n    get:\n      operationId: " + long + "\n      tags: [" + long + "]\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/" + long + "'}\ncomponents:\n  schemas:\n    " + long + ":\n      type: object\n      properties:\n        " + long + ": {type: string, enum: [" + long + "]}\n"}},
		{name: "thousands of nested objects", files: map[string]string{"spec.json": `{"openapi":"3.0.3","info":{"title":"x","version":"1"},"paths":{"/a":{"get":{"operationId":"a","responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"}}}}}}}},"components":{"schemas":{"A":` + deep(2000) + "}}}"},
			args: []string{"-spec", "$D/spec.json", "-out", "$D/out", "-package", "$P"}},
		{name: "undefined security scheme", files: map[string]string{"spec.yaml": head + "paths:\n" + ("  /a:\n    get:\n      operationId: a\n      security: [{nope: []}, {key: []}]\n      responses: {'204': {description: ok}}\ncomponents:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n")},
			args: []string{"-v", "-spec", "$D/spec.yaml", "-out", "$D/out", "-package", "$P"},
			want: []string{`spec.yaml:7:7: #/paths/~1a/get/security/0: security requirement names undefined scheme "nope"; the requirement is left out`}},
		{name: "undefined security scheme at the top", files: map[string]string{"spec.yaml": head + "security: [{nope: []}]\npaths:\n" + okOp},
			args: []string{"-v", "-spec", "$D/spec.yaml", "-out", "$D/out", "-package", "$P"},
			want: []string{`spec.yaml:3:1: #/security/0: security requirement names undefined scheme "nope"; the requirement is left out`}},
		{name: "$ref to a recursive schema in an extension", files: map[string]string{"spec.json": `{"openapi":"3.0.3","info":{"title":"x","version":"1"},` +
			`"tags":[{"name":"nodes","x-model":{"$ref":"#/components/schemas/Node"}}],` +
			`"paths":{"/a":{"get":{"operationId":"a","x-sample":{"$ref":"#/components/schemas/Node"},"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Node"}}}}}}}},` +
			`"components":{"schemas":{"Node":{"type":"object","properties":{"children":{"type":"array","items":{"properties":{"node":{"$ref":"#/components/schemas/Node"}}}}}}}}}`},
			args: []string{"-spec", "$D/spec.json", "-out", "$D/out", "-package", "$P"}},
		{name: "integer enum written as strings", files: schema2("    A: {type: object, properties: {n: {type: integer, enum: [\"1\", \"2\", 3]}}}\n"),
			args: []string{"-v", "-spec", "$D/spec.yaml", "-out", "$D/out", "-package", "$P"},
			want: []string{"#/components/schemas/A/properties/n/enum: integer enum lists its values as strings; read as the integers they spell"}},
		{name: "path parameter named twice", files: map[string]string{"spec.yaml": head + "paths:\n  /x/{id}/y/{id}:\n    get:\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses: {'204': {description: ok}}\n"},
			args: []string{"-v", "-spec", "$D/spec.yaml", "-out", "$D/out", "-package", "$P"},
			want: []string{`spec.yaml:5:5: #/paths/~1x~1{id}~1y~1{id}/get: path "/x/{id}/y/{id}" names parameter "id" twice; its one argument fills both`}},
		{name: "declared path parameter not in path", files: map[string]string{"spec.yaml": head + "paths:\n  /a:\n    get:\n      operationId: a\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses: {'204': {description: ok}}\n"},
			args: []string{"-v", "-spec", "$D/spec.yaml", "-out", "$D/out", "-package", "$P"},
			want: []string{`spec.yaml:8:12: #/paths/~1a/get/parameters/0: path parameter "id" does not appear in path "/a"; it cannot be sent and is left out`}},
		{name: "thousands of nested arrays", files: schema2("    A: " + strings.Repeat("{type: array, items: ", 4000) + "{type: string}" + strings.Repeat("}", 4000) + "\n")},
	}
}

func schema2(s string) map[string]string {
	return map[string]string{"spec.yaml": head + "paths:\n  /a:\n    get:\n      operationId: a\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/A'}\ncomponents:\n  schemas:\n" + s}
}

// laughs is a YAML alias bomb.
func laughs() string {
	var b strings.Builder
	b.WriteString("x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		fmt.Fprintf(&b, "x-%s: &%s [%s]\n", n, n, strings.TrimSuffix(strings.Repeat("*"+prev+", ", 9), ", "))
		prev = n
	}
	return b.String()
}

func utf16LE(s string, bom bool) string {
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

// existing is what each case's output directory holds before the run: a
// generated file from an earlier run and a hand-written one.
var existing = map[string]string{
	"out/model_old.go": "// Code generated by sdkgen. DO NOT EDIT.\n\npackage p\n\ntype Old struct{}\n",
	"out/extra.go":     "package p\n\n// Hand-written.\nfunc Extra() {}\n",
	"out/docs/old.md":  "<!-- Code generated by sdkgen. DO NOT EDIT. -->\n\n# Old\n",
}

// runCase runs gen in-process, turning a panic into a test failure.
func runCase(t *testing.T, args []string) (code int, stderr string) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	start := time.Now()
	code, _, stderr = runGen(args...)
	if d := time.Since(start); d > 60*time.Second {
		t.Errorf("took %v", d)
	}
	return code, stderr
}

func setUp(t *testing.T, c badInput) string {
	dir := t.TempDir()
	for name, content := range existing {
		write(t, filepath.Join(dir, name), content)
	}
	for name, content := range c.files {
		write(t, filepath.Join(dir, name), strings.ReplaceAll(content, "$D", filepath.ToSlash(dir)))
	}
	return dir
}

func expand(args []string, dir, pkg string) []string {
	if args == nil {
		args = []string{"-spec", "$D/spec.yaml", "-out", "$D/out", "-package", "$P"}
	}
	out := make([]string, len(args))
	for i, a := range args {
		a = strings.ReplaceAll(a, "$D", dir)
		out[i] = strings.ReplaceAll(a, "$P", pkg)
	}
	return out
}

// tree lists every file and directory under dir, with file contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBadInputs(t *testing.T) {
	cases := badInputs()
	if len(cases) < 30 {
		t.Fatalf("only %d bad inputs", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := setUp(t, c)
			before := tree(t, dir)
			code, stderr := runCase(t, expand(c.args, dir, "p"))
			shown := strings.ReplaceAll(stderr, dir+string(filepath.Separator), "")
			if code != c.code {
				t.Errorf("exit %d, want %d\n%s", code, c.code, shown)
			}
			for _, w := range c.want {
				if !strings.Contains(shown, w) {
					t.Errorf("stderr lacks %q:\n%s", w, shown)
				}
			}
			if strings.Contains(shown, "panic") || strings.Contains(shown, "goroutine ") {
				t.Errorf("stderr shows a crash:\n%s", shown)
			}
			after := tree(t, dir)
			for p, content := range before {
				if got, ok := after[p]; !ok {
					t.Errorf("%s was removed", p)
				} else if got != content {
					t.Errorf("%s was changed", p)
				}
			}
			for p := range after {
				if _, ok := before[p]; !ok {
					t.Errorf("%s was created", p)
				}
			}
		})
	}
}

func TestOddButValidInputs(t *testing.T) {
	module := t.TempDir()
	write(t, filepath.Join(module, "go.mod"), "module odd\n\ngo 1.26\n")
	for i, c := range goodInputs() {
		pkg := fmt.Sprintf("odd%d", i)
		ok := t.Run(c.name, func(t *testing.T) {
			dir := setUp(t, c)
			code, stderr := runCase(t, expand(c.args, dir, pkg))
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			out := filepath.Join(dir, "out")
			if b, err := os.ReadFile(filepath.Join(out, "extra.go")); err != nil || string(b) != existing["out/extra.go"] {
				t.Error("the hand-written file was touched")
			}
			if _, err := os.Stat(filepath.Join(out, "model_old.go")); !os.IsNotExist(err) {
				t.Error("the stale generated file was kept")
			}
			os.Remove(filepath.Join(out, "extra.go")) // of package p
			files := tree(t, out)
			fset := token.NewFileSet()
			for p, content := range files {
				if len(filepath.Base(p)) > 200 {
					t.Errorf("file name of %d bytes: %.60s...", len(filepath.Base(p)), p)
				}
				if strings.HasSuffix(p, ".go") {
					if _, err := parser.ParseFile(fset, p, content, parser.SkipObjectResolution); err != nil {
						t.Errorf("%v", err)
					}
				}
			}
			if err := os.CopyFS(filepath.Join(module, pkg), os.DirFS(out)); err != nil {
				t.Fatal(err)
			}
		})
		if !ok {
			os.RemoveAll(filepath.Join(module, pkg))
		}
	}
	t.Run("vet", func(t *testing.T) {
		cmd := exec.Command("go", "vet", "./...")
		cmd.Dir = module
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("generated code does not vet: %v\n%.5000s", err, out.String())
		}
	})
}
