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
