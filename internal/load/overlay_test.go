package load

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/internal/diag"
)

const overlaySpec = head + `paths:
  /pets:
    get:
      operationId: list pets
      tags: [pets]
      responses: {'200': {description: ok}}
  /internal/health:
    get:
      operationId: health
      responses: {'204': {description: ok}}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
`

// loadOverlaid loads overlaySpec (or spec, when given) with the overlays,
// written as o1.yaml, o2.yaml, ...
func loadOverlaid(t *testing.T, spec string, overlays ...string) (*Result, error) {
	t.Helper()
	dir := t.TempDir()
	if spec == "" {
		spec = overlaySpec
	}
	files := map[string]string{"spec.yaml": spec}
	var paths []string
	for i, o := range overlays {
		name := "o" + string(rune('1'+i)) + ".yaml"
		files[name] = o
		paths = append(paths, filepath.Join(dir, name))
	}
	writeFiles(t, dir, files)
	res, err := Load(context.Background(), filepath.Join(dir, "spec.yaml"), paths...)
	if err != nil {
		return nil, errorsWithout(err, dir)
	}
	for _, w := range res.Warnings {
		w.Pos.File = strings.TrimPrefix(w.Pos.File, dir+string(filepath.Separator))
	}
	return res, nil
}

type plainError string

func (e plainError) Error() string { return string(e) }

func errorsWithout(err error, dir string) error {
	return plainError(strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""))
}

const overlayHead = "overlay: 1.0.0\ninfo: {title: fixes, version: '1'}\nactions:\n"

// TestOverlayApply: update merges (objects merge, arrays append, other
// values replace), remove deletes, actions apply in order and overlays in
// the order given; kept nodes are located in the spec, inserted ones in
// the overlay.
func TestOverlayApply(t *testing.T) {
	res, err := loadOverlaid(t, "", overlayHead+`  - target: $.paths['/pets'].get
    update:
      operationId: listPets
      description: Lists the pets.
      tags: [animals]
  - target: $.paths['/internal/health']
    remove: true
  - target: $.components.schemas.Pet
    update:
      required: [tag]
      properties:
        tag: {type: string}
`, overlayHead+`  - target: $.components.schemas.Pet.properties.tag
    update: {description: set by the second overlay}
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	doc := res.Doc
	op := doc.Paths.Value("/pets").Get
	if op.OperationID != "listPets" || op.Description != "Lists the pets." || strings.Join(op.Tags, ",") != "pets,animals" {
		t.Errorf("operation = %q %q %v", op.OperationID, op.Description, op.Tags)
	}
	if doc.Paths.Value("/internal/health") != nil {
		t.Error("/internal/health was not removed")
	}
	pet := schema(doc, "Pet")
	if strings.Join(pet.Required, ",") != "name,tag" || pet.Properties["tag"] == nil || pet.Properties["tag"].Value.Description != "set by the second overlay" {
		t.Errorf("Pet = required %v, tag %+v", pet.Required, pet.Properties["tag"])
	}
	// Positions: kept nodes in the spec, inserted ones in the overlay.
	for name, want := range map[string]string{"name": "spec.yaml:19:9", "tag": "o1.yaml:15:9"} {
		k := pet.Properties[name].Value.Origin.Key
		if got := res.MapPos(diag.Pos{File: k.File, Line: k.Line, Col: k.Column}).String(); !strings.HasSuffix(got, string(filepath.Separator)+want) {
			t.Errorf("Pet.%s at %s, want %s", name, got, want)
		}
	}
}

// TestOverlayProblems: problems of the overlay document, and actions that
// cannot apply, are errors located in the overlay; a target that selects
// nothing is a warning located there; problems of the result are located
// where its nodes were written.
func TestOverlayProblems(t *testing.T) {
	for _, c := range []struct {
		name, overlay, spec string
		want                string // the error, or the warnings when wantWarn
		wantWarn            bool
	}{
		{name: "no version", overlay: "info: {title: t, version: '1'}\nactions: [{target: $, update: {}}]\n",
			want: `o1.yaml:1:1: not an Overlay document: no "overlay" field (the Overlay Specification version, as in overlay: 1.0.0)`},
		{name: "version 1.1", overlay: "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions: [{target: $, update: {}}]\n",
			want: `o1.yaml:1:10: #/overlay: unsupported Overlay version "1.1.0" (want 1.0.x)`},
		{name: "no info, no actions", overlay: "overlay: 1.0.0\n",
			want: "o1.yaml:1:1: the overlay has no \"actions\"\no1.yaml:1:1: the overlay has no \"info\" (an object with its title and version)"},
		{name: "action without target", overlay: overlayHead + "  - update: {x-a: 1}\n",
			want: "o1.yaml:4:5: #/actions/0: action has no target (a JSONPath selecting what it changes)"},
		{name: "action that does nothing", overlay: overlayHead + "  - target: $.info\n    remove: false\n",
			want: "o1.yaml:4:5: #/actions/0: action has neither update nor remove: true, so it does nothing"},
		{name: "invalid JSONPath", overlay: overlayHead + "  - target: $.paths[\n    remove: true\n",
			want: `o1.yaml:4:13: #/actions/0/target: invalid JSONPath "$.paths[": unexpected eof at position 9`},
		{name: "unknown field", overlay: overlayHead + "  - target: $.info\n    updates: {title: x}\n",
			want: "o1.yaml:4:5: #/actions/0: action has neither update nor remove: true, so it does nothing\n" +
				`o1.yaml:5:5: #/actions/0: unknown field "updates" in an action (known: target, description, update, remove)`},
		{name: "malformed", overlay: "overlay: [\n", want: "o1.yaml:2:1: malformed overlay: did not find expected node content"},
		{name: "update of a string", overlay: overlayHead + "  - target: $.info.title\n    update: New\n",
			want: `o1.yaml:4:13: #/actions/0/target: target "$.info.title", at $['info']['title']: the target is a string; Overlay 1.0 updates objects and arrays (select its parent object and update the field)`},
		{name: "update of an object by a list", overlay: overlayHead + "  - target: $.info\n    update: [x]\n",
			want: `o1.yaml:4:13: #/actions/0/target: target "$.info", at $['info']: the target is an object, so update must be an object to merge into it; found a list`},
		{name: "remove the document", overlay: overlayHead + "  - target: $\n    remove: true\n",
			want: `o1.yaml:4:13: #/actions/0/target: target "$", at $: cannot remove the whole document`},
		{name: "error in the result, from the overlay", overlay: overlayHead + "  - target: $.components.schemas.Pet.properties\n    update:\n      owner: {$ref: '#/components/schemas/Owner'}\n",
			want: `o1.yaml:6:21: #/components/schemas/Pet/properties/owner: $ref "#/components/schemas/Owner" does not resolve: #/components/schemas has no "Owner"`},
		{name: "selects nothing", overlay: overlayHead + "  - target: $.paths['/nope']\n    remove: true\n  - target: $.info\n    update: {x-a: 1}\n    remove: true\n",
			wantWarn: true,
			want: `o1.yaml:4:13: #/actions/0/target: target "$.paths['/nope']" selects nothing` + "\n" +
				"o1.yaml:7:13: #/actions/1/update: update is ignored: the action also says remove: true"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := loadOverlaid(t, c.spec, c.overlay)
			got := ""
			switch {
			case c.wantWarn && err != nil:
				t.Fatal(err)
			case c.wantWarn:
				res.Warnings.Sort()
				got = res.Warnings.Error()
			case err == nil:
				t.Fatalf("no error; want %s", c.want)
			default:
				got = err.Error()
			}
			if got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// TestOverlayMultiFileAndSwagger: an overlay targets the root document of a
// multi-file spec, a $ref it inserts is relative to that document, and the
// other files keep their positions; a Swagger 2.0 spec is overlaid before
// its conversion.
func TestOverlayMultiFileAndSwagger(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"spec.yaml": head + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'models/a.yaml#/A'}\n",
		"models/a.yaml": "A:\n  type: object\n  properties:\n    x: {type: string}\n" +
			"B:\n  type: object\n  properties:\n    y: {type: integer}\n",
		"fix.yaml":     overlayHead + "  - target: $.components.schemas\n    update:\n      B: {$ref: 'models/a.yaml#/B'}\n",
		"swagger.yaml": "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\ndefinitions:\n  A: {type: object}\n",
		"fix2.yaml":    overlayHead + "  - target: $.definitions.A\n    update: {description: overlaid}\n",
	})
	res, err := Load(context.Background(), filepath.Join(dir, "spec.yaml"), filepath.Join(dir, "fix.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	b := schema(res.Doc, "B")
	if b == nil || b.Properties["y"] == nil {
		t.Fatalf("B = %+v", b)
	}
	k := b.Properties["y"].Value.Origin.Key
	if got := res.MapPos(diag.Pos{File: k.File, Line: k.Line, Col: k.Column}).String(); got != filepath.Join(dir, "models", "a.yaml")+":8:5" {
		t.Errorf("B.y at %s, want models/a.yaml:8:5", got)
	}

	res, err = Load(context.Background(), filepath.Join(dir, "swagger.yaml"), filepath.Join(dir, "fix2.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if d := schema(res.Doc, "A").Description; d != "overlaid" {
		t.Errorf("Swagger A's description = %q", d)
	}
}

// TestOverlayAliases: an update of an anchored node leaves the nodes that
// alias it as they were, as they are in the JSON data the target selects.
func TestOverlayAliases(t *testing.T) {
	spec := head + "paths: {}\ncomponents:\n  schemas:\n    A: &a {type: object, properties: {x: {type: string}}}\n    B: *a\n"
	res, err := loadOverlaid(t, spec, overlayHead+"  - target: $.components.schemas.A.properties\n    update: {y: {type: integer}}\n")
	if err != nil {
		t.Fatal(err)
	}
	if a, b := schema(res.Doc, "A"), schema(res.Doc, "B"); len(a.Properties) != 2 || len(b.Properties) != 1 {
		t.Errorf("A has %d properties, B %d; want 2 and 1", len(a.Properties), len(b.Properties))
	}
}
