package load

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
)

const head = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\n"

const swaggerHead = "swagger: '2.0'\ninfo: {title: x, version: '1'}\n"

// writeFiles writes files (slash-separated names) under dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// schema returns components/schemas/name.
func schema(doc *openapi3.T, name string) *openapi3.Schema {
	return doc.Components.Schemas[name].Value
}

// TestPositions: the positions lowering reads (an object's key and its
// fields, through MapPos) name the file, line and column where each object
// is written, whether the spec is YAML or JSON, in one file or several, read
// by kin-openapi as it is or bundled.
func TestPositions(t *testing.T) {
	op := func(doc *openapi3.T) *openapi3.Operation { return doc.Paths.Value("/a").Get }
	cases := []struct {
		name  string
		files map[string]string // the root is spec.yaml or spec.json
		of    func(doc *openapi3.T) *openapi3.Origin
		field string // "" for the key above the object
		want  string // file:line:col under the case's directory
	}{
		{name: "YAML", files: map[string]string{"spec.yaml": head + "paths: {}\ncomponents:\n  schemas:\n    E:\n      type: string\n      enum: [a, b]\n"},
			of: func(doc *openapi3.T) *openapi3.Origin { return schema(doc, "E").Origin }, want: "spec.yaml:6:5"},
		{name: "YAML field", files: map[string]string{"spec.yaml": head + "paths: {}\ncomponents:\n  schemas:\n    E:\n      type: string\n      enum: [a, b]\n"},
			of: func(doc *openapi3.T) *openapi3.Origin { return schema(doc, "E").Origin }, field: "enum", want: "spec.yaml:8:7"},
		{name: "JSON", files: map[string]string{"spec.json": "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"x\", \"version\": \"1\"},\n" +
			" \"paths\": {\"/a\": {\"get\": {\"operationId\": \"a\",\n   \"responses\": {\"204\": {\"description\": \"ok\"}}}}}}\n"},
			of: func(doc *openapi3.T) *openapi3.Origin { return op(doc).Origin }, field: "responses", want: "spec.json:3:4"},
		{name: "JSON with escaped surrogates", files: map[string]string{"spec.json": "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"\\ud83d\\ude00 \\\\ud83d \\ud800\", \"version\": \"1\"},\n" +
			" \"paths\": {}, \"components\": {\"schemas\": {\"S\": {\"type\": \"string\"}}}}\n"},
			of: func(doc *openapi3.T) *openapi3.Origin { return schema(doc, "S").Origin }, field: "type", want: "spec.json:2:48"},
		{name: "JSON with raw line-break characters", files: map[string]string{"spec.json": "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"a\u0085b\", \"version\": \"1\"},\n" +
			" \"paths\": {}, \"components\": {\"schemas\": {\"S\": {\"type\": \"string\"}}}}\n"},
			of: func(doc *openapi3.T) *openapi3.Origin { return schema(doc, "S").Origin }, field: "type", want: "spec.json:2:48"},
		{name: "another file", files: map[string]string{
			"spec.yaml":     head + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'models/a.yaml#/A'}\n",
			"models/a.yaml": "# models\nA:\n  type: object\n  properties:\n    b: {type: string}\n"},
			of: func(doc *openapi3.T) *openapi3.Origin { return schema(doc, "A").Properties["b"].Value.Origin }, want: "models/a.yaml:5:5"},
		{name: "bundled operation", files: map[string]string{
			"spec.yaml":     head + "paths:\n  /a:\n    get: {$ref: 'ops/get.yaml'}\n",
			"ops/get.yaml":  "operationId: a\ndescription: {$ref: 'text.yaml#/a'}\nresponses:\n  '200':\n    description: ok\n    content:\n      application/json:\n        schema: {$ref: '../models.yaml#/A'}\n",
			"ops/text.yaml": "a: The operation.\n",
			"models.yaml":   "A:\n  type: object\n  properties:\n    b: {$ref: 'more/b.yaml'}\n",
			"more/b.yaml":   "type: string\n"},
			of: func(doc *openapi3.T) *openapi3.Origin { return op(doc).Origin }, field: "responses", want: "ops/get.yaml:3:1"},
		{name: "bundled operation's key", files: map[string]string{
			"spec.yaml":    head + "paths:\n  /a:\n    get: {$ref: 'ops/get.yaml'}\n",
			"ops/get.yaml": "operationId: a\nresponses: {'204': {description: ok}}\n"},
			of: func(doc *openapi3.T) *openapi3.Origin { return op(doc).Origin }, want: "spec.yaml:5:5"},
		{name: "schema reached from a bundled operation", files: map[string]string{
			"spec.yaml":    head + "paths:\n  /a:\n    get: {$ref: 'ops/get.yaml'}\n",
			"ops/get.yaml": "operationId: a\nresponses:\n  '200':\n    description: ok\n    content:\n      application/json:\n        schema: {$ref: '../models.yaml#/A'}\n",
			"models.yaml":  "A:\n  type: object\n  properties:\n    b: {type: string}\n"},
			of: func(doc *openapi3.T) *openapi3.Origin {
				return op(doc).Responses.Value("200").Value.Content["application/json"].Schema.Value.Properties["b"].Value.Origin
			}, want: "models.yaml:4:5"},
		{name: "bundled in one file", files: map[string]string{"spec.yaml": head +
			"x-ops:\n  a:\n    operationId: a\n    responses: {'204': {description: ok}}\npaths:\n  /a:\n    get: {$ref: '#/x-ops/a'}\n"},
			of: func(doc *openapi3.T) *openapi3.Origin { return op(doc).Origin }, field: "operationId", want: "spec.yaml:5:5"},
		{name: "a directory name that is not a URL's", files: map[string]string{"a b#c%41/spec.yaml": head + "paths: {}\ncomponents:\n  schemas:\n    S: {type: string}\n"},
			of: func(doc *openapi3.T) *openapi3.Origin { return schema(doc, "S").Origin }, want: "a b#c%41/spec.yaml:6:5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, c.files)
			var root string
			for name := range c.files {
				if base := filepath.Base(name); base == "spec.yaml" || base == "spec.json" {
					root = filepath.Join(dir, filepath.FromSlash(name))
				}
			}
			res, err := Load(context.Background(), root)
			if err != nil {
				t.Fatal(err)
			}
			o := c.of(res.Doc)
			if o == nil || o.Key == nil {
				t.Fatal("no origin")
			}
			loc := *o.Key
			if c.field != "" {
				var ok bool
				if loc, ok = o.Fields.Lookup(c.field); !ok {
					t.Fatalf("no position for %s", c.field)
				}
			}
			p := res.MapPos(diag.Pos{File: loc.File, Line: loc.Line, Col: loc.Column})
			if got := strings.TrimPrefix(p.String(), dir+string(filepath.Separator)); got != filepath.FromSlash(c.want) {
				t.Errorf("at %s, want %s", got, c.want)
			}
		})
	}
}

// TestSurrogates: a JSON spec that writes characters beyond the BMP as
// escaped UTF-16 surrogate pairs, which the YAML library rejects, loads with
// the characters encoding/json reads.
func TestSurrogates(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"spec.json": `{"openapi": "3.0.3", "info": {"title": "\ud83d\ude00 \\ud83d \ud800 \udc00x", "version": "1"}, "paths": {}}`})
	res, err := Load(context.Background(), filepath.Join(dir, "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Doc.Info.Title, "\U0001f600 \\ud83d \ufffd \ufffdx"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
}

// TestLineBreakCharacters: the characters YAML breaks lines on and JSON
// keeps in a string (U+0085, U+2028, U+2029) are read as JSON reads them.
func TestLineBreakCharacters(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"spec.json": "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"a\u0085b\u2028c\u2029d \\\\u0085\", \"version\": \"1\"}, \"paths\": {}}"})
	res, err := Load(context.Background(), filepath.Join(dir, "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Doc.Info.Title, "a\u0085b\u2028c\u2029d \\u0085"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
}

// TestNames: files are named as the user named the root: the others by the
// root's directory joined with their path from it.
func TestNames(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"api/spec.yaml":     head + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'models/a.yaml#/A'}\n",
		"api/models/a.yaml": "A:\n  type: object\n  properties:\n    b: {$ref: '#/B'}\n",
	})
	t.Chdir(dir)
	_, err := Load(context.Background(), "./api/spec.yaml")
	want := filepath.FromSlash(`api/models/a.yaml:4:15: #/A/properties/b: $ref "#/B" does not resolve: the document has no "B"`)
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// TestErrors: every error names the file the problem is in, and where.
func TestErrors(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string // the error, with the case's directory left out
	}{
		{name: "OpenAPI version after 3.2", files: map[string]string{"spec.yaml": "openapi: 3.3.0\ninfo: {title: x, version: '1'}\npaths: {}\n"},
			want: `spec.yaml:1:10: #/openapi: unsupported OpenAPI version "3.3.0" (want 3.0.x, 3.1.x or 3.2.x)`},
		{name: "YAML syntax", files: map[string]string{"spec.yaml": head + "paths: {a: [}\n"},
			want: "spec.yaml:3:13: malformed spec: did not find expected node content"},
		{name: "JSON syntax", files: map[string]string{"spec.json": "{\"openapi\": \"3.0.3\",\n \"info\": {\"title\": \"x\",,}}"},
			want: "spec.json:2:24: malformed spec: did not find expected node content"},
		{name: "syntax in another file", files: map[string]string{
			"spec.yaml": head + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'm.json#/A'}\n", "m.json": "{\"A\":\n  {\"type\": ]}"},
			want: "m.json:2:12: malformed spec: did not find expected node content"},
		{name: "wrong kind", files: map[string]string{"spec.yaml": head + "paths: {}\ncomponents:\n  schemas:\n    A: {type: object, required: {a: 1}}\n"},
			want: "spec.yaml:6:33: #/components/schemas/A/required: cannot load spec: expected a list, found an object"},
		{name: "wrong kind in JSON", files: map[string]string{"spec.json": "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"x\", \"version\": \"1\"},\n \"paths\": []}"},
			want: "spec.json:2:11: #/paths: cannot load spec: expected an object, found a list"},
		{name: "wrong kind in another file", files: map[string]string{
			"spec.yaml": head + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'm.yaml#/A'}\n",
			"m.yaml":    "# models\nA: {type: object, required: {a: 1}}\n"},
			// kin-openapi says only "bad data in #/A": the node decoded as a
			// Schema says what and where.
			want: "m.yaml:2:29: #/A/required: cannot load spec: expected a list, found an object"},
		{name: "wrong kind in a bundled spec", files: map[string]string{
			"spec.yaml": "openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\n  description: {$ref: 'text.yaml#/d'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: object, required: {a: 1}}\n",
			"text.yaml": "d: Described.\n"},
			want: "spec.yaml:9:34: #/components/schemas/A/required: cannot load spec: expected a list, found an object"},
		{name: "dangling ref in another file", files: map[string]string{
			"spec.yaml": head + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'm.yaml#/A'}\n",
			"m.yaml":    "A:\n  type: object\n  properties:\n    b: {$ref: '#/B'}\n"},
			want: `m.yaml:4:15: #/A/properties/b: $ref "#/B" does not resolve: the document has no "B"`},
		{name: "ref to a missing file from another file", files: map[string]string{
			"spec.yaml":  head + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'sub/m.yaml#/A'}\n",
			"sub/m.yaml": "A: {$ref: 'gone.yaml'}\n"},
			want: `sub/m.yaml:1:11: #/A: cannot resolve $ref "gone.yaml": sub/gone.yaml: no such file or directory`},
		{name: "a ref where OpenAPI allows none, to itself", files: map[string]string{"spec.yaml": head +
			"paths: {}\ncomponents:\n  schemas:\n    A:\n      properties:\n        b:\n          properties: {$ref: '#/components/schemas/A/properties'}\n"},
			want: `spec.yaml:9:30: $ref "#/components/schemas/A/properties" refers to itself`},
		{name: "a ref where OpenAPI allows none, dangling", files: map[string]string{"spec.yaml": head +
			"paths:\n  /a:\n    get: {$ref: 'ops.yaml#/a'}\n", "ops.yaml": "b: {}\n"},
			want: `spec.yaml:5:17: #/paths/~1a/get: $ref "ops.yaml#/a" does not resolve: the document has no "a"`},
		{name: "dangling ref with a typo, in another file", files: map[string]string{
			"spec.yaml":         head + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'models/pet.yaml#/Pet'}\n",
			"models/pet.yaml":   "Pet:\n  type: object\n  properties:\n    owner: {$ref: 'owner.yaml#/Ownr'}\n",
			"models/owner.yaml": "Owner: {type: string}\nOwners: {type: array, items: {type: string}}\n"},
			want: `models/pet.yaml:4:19: #/Pet/properties/owner: $ref "owner.yaml#/Ownr" does not resolve: the document has no "Ownr"; did you mean "Owner"?`},
		{name: "ref to a file name with a typo", files: map[string]string{
			"spec.yaml":       head + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'models/pets.yaml#/Pet'}\n",
			"models/pet.yaml": "Pet: {type: string}\n"},
			want: `spec.yaml:6:15: #/components/schemas/A: cannot resolve $ref "models/pets.yaml#/Pet": models/pets.yaml: no such file or directory; did you mean "models/pet.yaml"?`},
		{name: "dangling ref far from every name", files: map[string]string{"spec.yaml": head + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/Zebra'}\n    Pet: {type: string}\n"},
			want: `spec.yaml:6:15: #/components/schemas/A: $ref "#/components/schemas/Zebra" does not resolve: #/components/schemas has no "Zebra"`},
		{name: "Swagger: wrong kind", files: map[string]string{"spec.yaml": swaggerHead +
			"paths:\n  /a:\n    get:\n      parameters: {a: 1}\n      responses: {200: {description: ok}}\n"},
			want: "spec.yaml:6:19: #/paths/~1a/get/parameters: cannot load spec: expected a list, found an object"},
		{name: "Swagger: wrong kind in a schema", files: map[string]string{"spec.yaml": swaggerHead +
			"paths: {}\ndefinitions:\n  A:\n    type: object\n    properties:\n      b: {type: object, required: {c: 1}}\n"},
			want: "spec.yaml:8:35: #/definitions/A/properties/b/required: cannot load spec: expected a list, found an object"},
		{name: "Swagger: wrong kind in JSON", files: map[string]string{"spec.json": `{"swagger": "2.0", "info": {"title": "x", "version": "1"},` +
			"\n \"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": {\"description\": [\"ok\"]}}}}}}"},
			want: "spec.json:2:64: #/paths/~1a/get/responses/200/description: cannot load spec: expected a string, found a list"},
		{name: "Swagger: two body parameters", files: map[string]string{"spec.yaml": swaggerHead +
			"paths:\n  /a:\n    get: {responses: {200: {description: ok}}}\n    post:\n      parameters:\n        - {name: a, in: body, schema: {type: string}}\n" +
			"        - {name: b, in: body, schema: {type: string}}\n      responses: {200: {description: ok}}\n"},
			want: "spec.yaml:6:5: #/paths/~1a/post: cannot convert Swagger 2.0 to OpenAPI 3: multiple body parameters cannot exist for the same operation"},
		{name: "Swagger: host with a scheme", files: map[string]string{"spec.yaml": swaggerHead + "host: https://api.example.com\npaths: {}\n"},
			want: `spec.yaml:3:1: #/host: cannot convert Swagger 2.0 to OpenAPI 3: invalid host "https://api.example.com". This MUST be the host only and does not include the scheme nor sub-paths`},
		{name: "Swagger: unknown OAuth2 flow", files: map[string]string{"spec.yaml": swaggerHead +
			"paths: {}\nsecurityDefinitions:\n  a: {type: basic}\n  b: {type: oauth2, flow: magic, scopes: {}}\n"},
			want: `spec.yaml:6:3: #/securityDefinitions/b: cannot convert Swagger 2.0 to OpenAPI 3: unsupported flow "magic"`},
		{name: "Swagger: a $ref to the wrong kind of object", files: map[string]string{"spec.yaml": swaggerHead +
			"paths:\n  /a:\n    post:\n      parameters:\n        - {name: b, in: body, schema: {$ref: '#/parameters/X'}}\n      responses: {200: {description: ok}}\n" +
			"parameters:\n  X: {name: x, in: query, type: string}\n"},
			want: `spec.yaml:10:3: #/parameters/X: cannot convert Swagger 2.0 to OpenAPI 3: bad data in "#/components/parameters/X" (expecting ref to schema object)`},
		{name: "Swagger: items a list of what are not schemas", files: map[string]string{"spec.yaml": swaggerHead +
			"paths: {}\ndefinitions:\n  A:\n    type: array\n    items: [{type: string}, 2]\n"},
			want: "spec.yaml:7:12: #/definitions/A/items: cannot load spec: expected an object, found a list"},
		{name: "a $ref to an object of the wrong kind in another section", files: map[string]string{"spec.yaml": head +
			"paths:\n  /a:\n    post:\n      requestBody: {$ref: '#/components/responses/R'}\n      responses: {'204': {description: ok}}\n" +
			"components:\n  responses:\n    R: {description: gone}\n"},
			want: `spec.yaml:6:27: #/paths/~1a/post/requestBody: $ref "#/components/responses/R" must refer to a Request Body object, as its place requires; the object it refers to (under components/responses) is not one`},
		{name: "a schema $ref to a parameter", files: map[string]string{"spec.yaml": head +
			"paths: {}\ncomponents:\n  schemas:\n    A: {type: object, properties: {b: {$ref: '#/components/parameters/P'}}}\n" +
			"  parameters:\n    P: {name: p, in: query, schema: {type: string}}\n"},
			want: `spec.yaml:6:46: #/components/schemas/A/properties/b: $ref "#/components/parameters/P" must refer to a Schema object, as its place requires; the object it refers to (under components/parameters) is not one`},
		{name: "a parameter with schema and content", files: map[string]string{"spec.yaml": head +
			"paths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {type: string}}\n" +
			"        - {name: r, in: query, schema: {type: string}, content: {application/json: {schema: {type: string}}}}\n" +
			"      responses: {'204': {description: ok}}\n"},
			want: "spec.yaml:8:11: #/paths/~1a/get/parameters/1: cannot load spec: cannot contain both schema and content in a parameter"},
		{name: "a response that is not an object", files: map[string]string{"spec.yaml": head +
			"paths:\n  /a:\n    get:\n      responses: {'200': {description: ok}, '204': 7}\n"},
			want: "spec.yaml:6:52: #/paths/~1a/get/responses/204: cannot load spec: expected an object, found a number"},
		{name: "a parameter with schema and content, in another file", files: map[string]string{
			"spec.yaml":   head + "paths:\n  /a:\n    get: {$ref: 'ops.yaml#/a'}\n",
			"ops.yaml":    "a:\n  parameters:\n    - {$ref: 'params.yaml#/q'}\n  responses: {'204': {description: ok}}\n",
			"params.yaml": "q: {name: q, in: query, schema: {type: string}, content: {application/json: {schema: {type: string}}}}\n"},
			want: "params.yaml:1:4: #/q: cannot load spec: cannot contain both schema and content in a parameter"},
		{name: "a pointer through a $ref to itself", files: map[string]string{"spec.yaml": head +
			"paths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/A/properties/x'}\n"},
			want: `spec.yaml:6:15: #/components/schemas/A: $ref "#/components/schemas/A/properties/x" does not resolve: #/components/schemas/A has no "properties"`},
		{name: "a pointer through a $ref that still does not resolve", files: map[string]string{"spec.yaml": head +
			"paths: {}\ncomponents:\n  schemas:\n    A: {type: object, properties: {b: {$ref: '#/components/schemas/Alias/properties/c'}}}\n" +
			"    Alias: {$ref: '#/components/schemas/B'}\n    B: {type: object, properties: {d: {type: string}}}\n"},
			want: `spec.yaml:6:46: #/components/schemas/A/properties/b: $ref "#/components/schemas/Alias/properties/c" does not resolve: #/components/schemas/Alias has no "properties"`},
		{name: "wrong kind beside a $ref, in OpenAPI 3.1", files: map[string]string{"spec.yaml": "openapi: 3.1.0\ninfo: {title: x, version: '1'}\n" +
			"paths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B', properties: 5}\n    B: {type: object}\n"},
			want: "spec.yaml:6:53: #/components/schemas/A/properties: cannot load spec: expected an object, found a number"},
		{name: "Swagger: wrong kind in another file", files: map[string]string{
			"spec.yaml":   swaggerHead + "paths:\n  /a:\n    get:\n      responses:\n        200: {description: ok, schema: {$ref: 'models.yaml#/Pet'}}\n",
			"models.yaml": "# models\nPet: {type: object, required: {a: 1}}\n"},
			// The object is gathered into the document and decoded there:
			// the error is the YAML library's, where the value is.
			want: "models.yaml:2:31: #/Pet/required: cannot load spec: expected a list, found an object"},
		{name: "Swagger: response not an object", files: map[string]string{
			"spec.yaml": swaggerHead + "paths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\n        default: []\n"},
			want: "spec.yaml:8:18: #/paths/~1a/get/responses/default: cannot load spec: expected an object, found a list"},
		{name: "Swagger: two bodies through $refs", files: map[string]string{
			"spec.yaml": swaggerHead + "paths:\n  /a:\n    post:\n      parameters:\n        - $ref: '#/parameters/A'\n        - $ref: '#/parameters/B'\n" +
				"      responses:\n        200: {description: ok}\nparameters:\n  A: {name: a, in: body, schema: {type: string}}\n  B: {name: b, in: body, schema: {type: string}}\n"},
			want: "spec.yaml:5:5: #/paths/~1a/post: cannot convert Swagger 2.0 to OpenAPI 3: multiple body parameters cannot exist for the same operation"},
		{name: "Swagger: wrong kind in a parameter of another file", files: map[string]string{
			"spec.yaml":   swaggerHead + "paths:\n  /a:\n    get:\n      parameters:\n        - $ref: 'params.yaml#/Q'\n      responses:\n        200: {description: ok}\n",
			"params.yaml": "Q: {name: q, in: query, type: string, required: yes}\n"},
			want: "params.yaml:1:49: #/Q/required: cannot load spec: expected a boolean, found a string"},
		{name: "a schema $ref to a Response object with more than a description", files: map[string]string{"spec.yaml": head +
			"paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n" +
			"              schema: {$ref: '#/components/responses/R'}\ncomponents:\n  responses:\n    R: {description: gone, headers: {X: {schema: {type: string}}}}\n"},
			want: `spec.yaml:11:30: #/paths/~1a/get/responses/200/content/application~1json/schema: $ref "#/components/responses/R" must refer to a Schema object, as its place requires; the object it refers to (under components/responses) is not one`},
		{name: "not a spec", files: map[string]string{"spec.yaml": "- a\n- b\n"},
			want: "spec.yaml:1:1: not an OpenAPI document: the top level is a list, not an object"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, c.files)
			root := filepath.Join(dir, "spec.yaml")
			if _, ok := c.files["spec.json"]; ok {
				root = filepath.Join(dir, "spec.json")
			}
			_, err := Load(context.Background(), root)
			if err == nil {
				t.Fatal("loaded")
			}
			if got := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""); got != filepath.FromSlash(c.want) {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// FuzzLoad loads arbitrary documents: loading never panics, every error is
// located, and what loads has its positions there.
func FuzzLoad(f *testing.F) {
	seeds, err := filepath.Glob("testdata/origins/*")
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range append(seeds, "../../spec/signintokens.yaml", "../gen/testdata/decode/spec.yaml") {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		path := filepath.Join(t.TempDir(), "spec.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Load(context.Background(), path)
		if err != nil {
			var list diag.List
			var one *diag.Error
			switch {
			case errors.As(err, &list):
				for _, e := range list {
					if !e.Pos.IsValid() {
						t.Errorf("error not located: %v", e)
					}
				}
			case errors.As(err, &one):
				if !one.Pos.IsValid() {
					t.Errorf("error not located: %v", err)
				}
			default:
				t.Errorf("error without a position: %v", err)
			}
			return
		}
		if o := res.Doc.Origin; o != nil && o.Key != nil {
			if p := res.MapPos(diag.Pos{File: o.Key.File, Line: o.Key.Line, Col: o.Key.Column}); p.File != path || p.Line == 0 {
				t.Errorf("the document is at %s", p)
			}
		}
	})
}

// TestSelf: in an OpenAPI 3.2 document, a $ref written as an absolute URI
// or absolute path under the directory of $self names the file at the same
// place beside the document; one outside it stays a remote $ref.
func TestSelf(t *testing.T) {
	const models = "A: {type: string}\n"
	cases := []struct {
		name, self, ref, wantErr string
	}{
		{name: "absolute URI", self: "https://api.example.com/v1/openapi.yaml", ref: "https://api.example.com/v1/models.yaml#/A"},
		{name: "the document itself", self: "https://api.example.com/v1/openapi.yaml", ref: "https://api.example.com/v1/openapi.yaml#/components/schemas/B"},
		{name: "absolute path under a relative $self", self: "/v1/openapi.yaml", ref: "/v1/models.yaml#/A"},
		{name: "escaped", self: "https://api.example.com/v1/openapi.yaml", ref: "https://api.example.com/v1/mo%64els.yaml#/A"},
		{name: "another host", self: "https://api.example.com", ref: "https://api.example.com.evil/models.yaml#/A", wantErr: "remote $ref"},
		{name: "above $self", self: "https://api.example.com/v1/openapi.yaml", ref: "https://api.example.com/v1/../models.yaml#/A", wantErr: "remote $ref"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{
				"models.yaml": models,
				"spec.yaml": "openapi: 3.2.0\n$self: '" + c.self + "'\ninfo: {title: t, version: '1'}\npaths: {}\n" +
					"components:\n  schemas:\n    B: {type: integer}\n    S:\n      type: object\n      properties:\n        p: {$ref: '" + c.ref + "'}\n",
			})
			res, err := Load(context.Background(), filepath.Join(dir, "spec.yaml"))
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) || !strings.Contains(err.Error(), "spec.yaml:11:") {
					t.Fatalf("error %v, want a located %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Warnings) > 0 {
				t.Errorf("warnings: %v", res.Warnings)
			}
			p := schema(res.Doc, "S").Properties["p"].Value
			if p == nil || p.Type == nil || len(p.Type.Slice()) != 1 {
				t.Fatalf("p not resolved: %+v", p)
			}
			want := "string"
			if strings.Contains(c.ref, "#/components/schemas/B") {
				want = "integer"
			}
			if got := p.Type.Slice()[0]; got != want {
				t.Errorf("p is %s, want %s", got, want)
			}
		})
	}
}

// TestSelfErrors: a $self that is no URI reference, or has a fragment, is
// an error located at it.
func TestSelfErrors(t *testing.T) {
	for self, want := range map[string]string{
		"[a]":     "spec.yaml:2:8: #/$self: $self must be a string, a URI reference",
		"'::bad'": `spec.yaml:2:8: #/$self: $self must be a URI reference: "::bad" is not one`,
		"'#top'":  `spec.yaml:2:8: #/$self: $self "#top" has a fragment, which OpenAPI does not allow`,
	} {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{"spec.yaml": "openapi: 3.2.0\n$self: " + self + "\ninfo: {title: t, version: '1'}\npaths: {}\n"})
		_, err := Load(context.Background(), filepath.Join(dir, "spec.yaml"))
		if err == nil || strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)) != want {
			t.Errorf("$self %s: error %v, want %s", self, err, want)
		}
	}
}

// TestDropAnnotations: a schema keyword that only describes or checks
// values, holding a value of another type than OpenAPI gives it, is left
// out with a warning, and the spec loads; a keyword that decides the type
// stays an error.
func TestDropAnnotations(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"spec.yaml": head + `paths: {}
components:
  schemas:
    Thumb:
      type: object
      properties:
        timecode: {type: string, pattern: 0, description: frame}
    Status:
      type: object
      examples:
        one: {value: {ok: true}}
      properties:
        ok: {type: boolean}
`,
		"bad.yaml": head + "paths: {}\ncomponents:\n  schemas:\n    A: {type: 5}\n",
	})
	res, err := Load(context.Background(), filepath.Join(dir, "spec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, strings.TrimPrefix(w.Error(), dir+string(filepath.Separator)))
	}
	want := []string{
		"spec.yaml:9:34: #/components/schemas/Thumb/properties/timecode/pattern: expected a string, found a number (pattern); the keyword, which only describes or checks values, is left out",
		"spec.yaml:12:7: #/components/schemas/Status/examples: expected a list, found an object (examples); the keyword, which only describes or checks values, is left out",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p := res.Doc.Components.Schemas["Thumb"].Value.Properties["timecode"].Value; p.Pattern != "" || p.Description != "frame" {
		t.Errorf("timecode: pattern %q, description %q", p.Pattern, p.Description)
	}
	if _, err := Load(context.Background(), filepath.Join(dir, "bad.yaml")); err == nil {
		t.Errorf("a type of the wrong kind loaded")
	}
}
