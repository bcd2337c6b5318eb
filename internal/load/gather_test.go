package load

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// TestGather checks that a spec's objects in other files reach kin-openapi
// as components of the root document: each is read once, so every $ref to
// it shares one object, whatever file the $ref is written in; a component
// that is only a $ref into another file keeps its name; and the components
// added are reported with the reference they stand for.
func TestGather(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"spec.yaml": head + `paths:
  /a:
    $ref: paths/a.yaml
  /b:
    get:
      responses:
        '200':
          description: ok
          headers:
            X-Rate: {$ref: 'shared/headers.yaml#/rate'}
          content:
            application/json:
              schema: {$ref: 'models/pet.yaml'}
components:
  schemas:
    Pet: {$ref: 'models/pet.yaml'}
`,
		"paths/a.yaml": `get:
  responses:
    '200':
      $ref: '../shared/responses.yaml#/PetList'
`,
		"shared/responses.yaml": `PetList:
  description: ok
  headers:
    X-Rate: {$ref: 'headers.yaml#/rate'}
  content:
    application/json:
      schema:
        type: array
        items: {$ref: '../models/pet.yaml'}
`,
		"shared/headers.yaml": "rate:\n  schema: {type: integer}\n",
		"models/pet.yaml": `type: object
properties:
  owner: {$ref: '../other/pet.yaml'}
  self: {$ref: '#'}
`,
		"other/pet.yaml": "type: object\nproperties:\n  name: {type: string}\n",
	})
	res, err := Load(context.Background(), filepath.Join(dir, "spec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	doc := res.Doc
	pet := doc.Components.Schemas["Pet"].Value
	b := doc.Paths.Value("/b").Get.Responses.Value("200").Value
	a := doc.Paths.Value("/a").Get.Responses.Value("200").Value
	if got := b.Content["application/json"].Schema.Value; got != pet {
		t.Errorf("/b's schema is not components/schemas/Pet")
	}
	if got := a.Content["application/json"].Schema.Value.Items.Value; got != pet {
		t.Errorf("/a's items are not components/schemas/Pet")
	}
	if got := pet.Properties["self"].Value; got != pet {
		t.Errorf("Pet's self is not Pet")
	}
	if a.Headers["X-Rate"].Value != b.Headers["X-Rate"].Value {
		t.Errorf("the two X-Rate headers are two objects")
	}
	want := map[string]string{
		"#/components/headers/rate":      "shared/headers.yaml#/rate",
		"#/components/responses/PetList": "shared/responses.yaml#/PetList",
		"#/components/schemas/pet":       "other/pet.yaml#",
	}
	if !maps.Equal(res.Gathered, want) {
		t.Errorf("Gathered = %v, want %v", res.Gathered, want)
	}
	// Positions name the files the objects are written in.
	k := pet.Properties["owner"].Value.Origin.Key
	if p := res.MapPos(diag.Pos{File: k.File, Line: k.Line, Col: k.Column}); !strings.HasSuffix(p.File, filepath.Join("other", "pet.yaml")) || p.Line != 1 {
		t.Errorf("owner's schema is at %v, want other/pet.yaml:1", p)
	}
	if keys := slices.Sorted(maps.Keys(doc.Components.Schemas)); !slices.Equal(keys, []string{"Pet", "pet"}) {
		t.Errorf("schemas %v", keys)
	}
}

// TestGatherSwagger checks that a Swagger 2.0 spec's objects in other files
// are converted as Swagger 2.0: its parameters, responses and schemas are
// gathered into the root document before the conversion, a Path Item is
// written in place, and each object's position is in its own file.
func TestGatherSwagger(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"spec.yaml": swaggerHead + `paths:
  /pets/{id}:
    parameters:
      - $ref: 'common/params.yaml#/parameters/Id'
    get:
      parameters:
        - $ref: 'common/params.yaml#/parameters/Verbose'
      responses:
        200:
          description: ok
          schema: {$ref: 'common/models.yaml#/definitions/Pet'}
        default:
          $ref: 'common/responses.yaml#/responses/Error'
  /things:
    $ref: 'common/paths.yaml#/things'
definitions:
  Pet: {$ref: 'common/models.yaml#/definitions/Pet'}
  Local: {type: object}
`,
		"common/params.yaml": `parameters:
  Id: {name: id, in: path, required: true, type: string}
  Verbose: {name: verbose, in: query, type: boolean}
`,
		"common/models.yaml": `definitions:
  Pet:
    type: object
    discriminator: kind
    required: [kind]
    properties:
      kind: {type: string}
      owner: {$ref: '#/definitions/Owner'}
      local: {$ref: '../spec.yaml#/definitions/Local'}
  Owner:
    type: object
    x-nullable: true
  Error: {type: object}
`,
		"common/responses.yaml": `responses:
  Error:
    description: failed
    schema: {$ref: 'models.yaml#/definitions/Error'}
`,
		"common/paths.yaml": `things:
  post:
    parameters:
      - {name: body, in: body, schema: {$ref: 'models.yaml#/definitions/Pet'}}
    responses:
      204: {description: done}
`,
	})
	res, err := Load(context.Background(), filepath.Join(dir, "spec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	doc := res.Doc
	pet := doc.Components.Schemas["Pet"].Value
	get := doc.Paths.Value("/pets/{id}").Get
	if p := doc.Paths.Value("/pets/{id}").Parameters[0].Value; p.Name != "id" || p.Schema == nil || !p.Schema.Value.Type.Is("string") {
		t.Errorf("the path's parameter is %+v, want id, a string", p)
	}
	if p := get.Parameters[0].Value; p.Name != "verbose" || p.Schema == nil || !p.Schema.Value.Type.Is("boolean") {
		t.Errorf("the operation's parameter is %+v, want verbose, a boolean", p)
	}
	if got := get.Responses.Value("200").Value.Content.Get("application/json").Schema.Value; got != pet {
		t.Errorf("the 200's schema is not definitions/Pet")
	}
	if got := get.Responses.Default().Value; got.Description == nil || *got.Description != "failed" || got.Content["application/json"].Schema.Value != doc.Components.Schemas["Error"].Value {
		t.Errorf("the default response is not the gathered Error")
	}
	if pet.Discriminator == nil || pet.Discriminator.PropertyName != "kind" {
		t.Errorf("Pet's discriminator is %+v, want kind", pet.Discriminator)
	}
	if owner := pet.Properties["owner"].Value; !owner.Nullable {
		t.Errorf("Owner is not nullable")
	}
	if pet.Properties["local"].Value != doc.Components.Schemas["Local"].Value {
		t.Errorf("Pet's local is not the root's Local")
	}
	for media, mt := range doc.Paths.Value("/things").Post.RequestBody.Value.Content {
		if mt.Schema.Value != pet {
			t.Errorf("/things' %s body is not Pet", media)
		}
	}
	want := map[string]string{
		"#/components/parameters/Id":      "common/params.yaml#/parameters/Id",
		"#/components/parameters/Verbose": "common/params.yaml#/parameters/Verbose",
		"#/components/responses/Error":    "common/responses.yaml#/responses/Error",
		"#/components/schemas/Error":      "common/models.yaml#/definitions/Error",
		"#/components/schemas/Owner":      "common/models.yaml#/definitions/Owner",
	}
	if !maps.Equal(res.Gathered, want) {
		t.Errorf("Gathered = %v, want %v", res.Gathered, want)
	}
	// Positions and pointers name the files the objects are written in.
	for _, c := range []struct{ ptr, file, want string }{
		{"#/components/schemas/Owner", "models.yaml", "#/definitions/Owner"},
		{"#/components/schemas/Pet/properties/kind", "models.yaml", "#/definitions/Pet/properties/kind"},
		{"common/params.yaml#/parameters/Verbose", "params.yaml", "#/parameters/Verbose"},
		{"#/paths/~1things/post", "paths.yaml", "#/paths/~1things/post"},
	} {
		pos, ptr := res.Locate(c.ptr)
		if filepath.Base(pos.File) != c.file || pos.Line == 0 || ptr != c.want {
			t.Errorf("Locate(%s) = %v %s, want %s:N %s", c.ptr, pos, ptr, c.file, c.want)
		}
	}
}
