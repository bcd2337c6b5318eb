package changelog_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/internal/changelog"
	"github.com/sdkgen/sdkgen/internal/gen"
	"github.com/sdkgen/sdkgen/internal/goview"
)

var update = flag.Bool("update", false, "rewrite the golden reports")

// api lowers a spec made of a paths and a schemas section.
func api(t *testing.T, paths, schemas string) *goview.View {
	t.Helper()
	spec := "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n" + indent(paths, 2) +
		"components:\n  schemas:\n" + indent(schemas, 4)
	p := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(p, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	g := gen.New()
	a, err := g.View(context.Background(), gen.SDK{Spec: p, Out: "-", Package: "sdk"})
	if err != nil {
		t.Fatalf("%v\n%s", err, spec)
	}
	return a
}

func indent(s string, n int) string {
	if strings.TrimSpace(s) == "" {
		return strings.Repeat(" ", n) + "{}\n"
	}
	var b strings.Builder
	for _, l := range strings.Split(strings.Trim(s, "\n"), "\n") {
		b.WriteString(strings.Repeat(" ", n) + l + "\n")
	}
	return b.String()
}

// summary lists the report's changes one per line:
// "Name Kind" for whole entries, "Name path Kind [breaking]" for changes.
func summary(r *changelog.Report) string {
	var lines []string
	for _, e := range append(r.Methods, r.Models...) {
		if e.Kind != "" {
			line := e.Name + " " + string(e.Kind)
			if e.Kind == changelog.Removed {
				line += " breaking"
			}
			lines = append(lines, line)
		}
		for _, c := range e.Changes {
			line := fmt.Sprintf("%s %s %s", e.Name, c.Path, c.Kind)
			if c.Breaking {
				line += " breaking"
			}
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

const getPet = `
/pets/{id}:
  get:
    operationId: getPet
    tags: [pets]
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
`

const createPet = `
/pets:
  post:
    operationId: createPet
    tags: [pets]
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: '#/components/schemas/NewPet'}
    responses:
      '201':
        description: ok
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
`

const pet = `
Pet:
  type: object
  required: [id]
  properties:
    id: {type: string}
    name: {type: string}
    kind: {$ref: '#/components/schemas/Kind'}
Kind:
  type: string
  enum: [dog, cat]
NewPet:
  type: object
  properties:
    name: {type: string}
`

func TestRules(t *testing.T) {
	for _, tc := range []struct {
		name                       string
		oldPaths, oldSchemas       string
		newPaths, newSchemas, want string
	}{
		{"no change", getPet, pet, getPet, pet, ""},
		{"added operation", getPet, pet, getPet + createPet, pet, "Pets.Create() Added"},
		{"removed operation", getPet + createPet, pet, getPet, pet, "Pets.Create() Removed breaking"},
		{
			"added optional property", getPet, pet, getPet,
			strings.Replace(pet, "    name: {type: string}\n    kind", "    name: {type: string}\n    age: {type: integer}\n    kind", 1),
			"Pet Age Added",
		},
		{
			"removed property", getPet, pet, getPet,
			strings.Replace(pet, "    name: {type: string}\n    kind", "    kind", 1),
			"Pet Name Removed breaking",
		},
		{
			"type change", getPet, pet, getPet,
			strings.Replace(pet, "    name: {type: string}\n    kind", "    name: {type: integer}\n    kind", 1),
			"Pet Name Changed breaking",
		},
		{
			"optional to required request property", createPet, pet, createPet,
			strings.Replace(pet, "NewPet:\n  type: object\n", "NewPet:\n  type: object\n  required: [name]\n", 1),
			"NewPet Name Changed breaking",
		},
		{
			"new required request property", createPet, pet, createPet,
			strings.Replace(pet, "NewPet:\n  type: object\n  properties:\n", "NewPet:\n  type: object\n  required: [tag]\n  properties:\n    tag: {type: string}\n", 1),
			"NewPet Tag Added breaking",
		},
		{
			"new required response property", getPet, pet, getPet,
			strings.Replace(pet, "  required: [id]\n  properties:\n    id: {type: string}\n", "  required: [id, tag]\n  properties:\n    id: {type: string}\n    tag: {type: string}\n", 1),
			"Pet Tag Added",
		},
		{
			"removed enum value", getPet, pet, getPet,
			strings.Replace(pet, "enum: [dog, cat]", "enum: [dog]", 1),
			"Kind KindCat Removed breaking",
		},
		{
			"added enum value, closed enum in a response", getPet, pet, getPet,
			strings.Replace(pet, "enum: [dog, cat]", "enum: [dog, cat, bird]", 1),
			"Kind KindBird Added breaking",
		},
		{
			"added enum value, unknown values allowed", getPet, pet, getPet,
			strings.Replace(pet, "  type: string\n  enum: [dog, cat]", "  type: string\n  x-speakeasy-unknown-values: allow\n  enum: [dog, cat, bird]", 1),
			"Kind KindBird Added",
		},
		{
			"new required parameter", getPet, pet,
			strings.Replace(getPet, "    parameters:\n", "    parameters:\n      - {name: v, in: query, required: true, schema: {type: string}}\n", 1), pet,
			"Pets.Get() request.params.V Added breaking",
		},
		{
			"new optional parameter", getPet, pet,
			strings.Replace(getPet, "    parameters:\n", "    parameters:\n      - {name: v, in: query, schema: {type: string}}\n", 1), pet,
			"Pets.Get() request.params.V Added",
		},
		{
			"new path parameter", getPet, pet,
			strings.NewReplacer("/pets/{id}:", "/pets/{id}/{rev}:", "    parameters:\n", "    parameters:\n      - {name: rev, in: path, required: true, schema: {type: string}}\n").Replace(getPet), pet,
			"Pets.Get() request.path Changed breaking",
		},
		{
			"declared error added", getPet, pet,
			strings.Replace(getPet, "    responses:\n", "    responses:\n      '404':\n        description: no\n        content:\n          application/json:\n            schema: {type: object, properties: {msg: {type: string}}}\n", 1), pet,
			"Pets.Get() error.status[404] Added\nGetPet404Error Added",
		},
		{
			"result type changed", getPet, pet,
			strings.Replace(getPet, "schema: {$ref: '#/components/schemas/Pet'}", "schema: {$ref: '#/components/schemas/NewPet'}", 1), pet,
			"Pets.Get() response Changed breaking",
		},
		{
			"deprecated operation", getPet, pet,
			strings.Replace(getPet, "    operationId: getPet\n", "    operationId: getPet\n    deprecated: true\n", 1), pet,
			"Pets.Get() Deprecated",
		},
		{
			"deprecated property", getPet, pet, getPet,
			strings.Replace(pet, "    name: {type: string}\n    kind", "    name: {type: string, deprecated: true}\n    kind", 1),
			"Pet Name Deprecated",
		},
		{
			"added model", getPet, pet, getPet, pet + "Extra:\n  type: object\n  properties:\n    a: {type: string}\n",
			"Extra Added",
		},
		{
			"removed model", getPet, pet + "Extra:\n  type: object\n  properties:\n    a: {type: string}\n", getPet, pet,
			"Extra Removed breaking",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := changelog.Compare(api(t, tc.oldPaths, tc.oldSchemas), api(t, tc.newPaths, tc.newSchemas))
			if got := summary(r); got != tc.want {
				t.Errorf("changes:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestReorderingChangesNothing(t *testing.T) {
	a := api(t, getPet+createPet, pet)
	b := api(t, createPet+getPet, "NewPet:\n  type: object\n  properties:\n    name: {type: string}\n"+pet[:strings.Index(pet, "NewPet:")])
	if r := changelog.Compare(a, b); !r.Empty() {
		t.Errorf("reordering reported changes:\n%s", r.Markdown())
	}
}

func TestMarkdownAndJSON(t *testing.T) {
	r := changelog.Compare(api(t, getPet+createPet, pet), api(t, getPet, strings.Replace(pet, "enum: [dog, cat]", "enum: [dog]", 1)))
	md := r.Markdown()
	for _, want := range []string{
		"## Go SDK Changes",
		"* `Pets.Create()` **Removed** (Breaking ⚠️)",
		"* `Kind`:\n  * `KindCat` **Removed** (Breaking ⚠️): `cat`",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"breaking": true`) || !strings.Contains(string(js), `"name": "Pets.Create()"`) {
		t.Errorf("json:\n%s", js)
	}
}

// TestClerkHistory checks the reports between successive versions of
// Clerk's Backend API against reviewed goldens (-update rewrites them).
func TestClerkHistory(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "specs", "clerk")
	versions := []string{"2025-04-10", "2025-11-10", "2026-05-12"}
	g := gen.New()
	apis := map[string]*goview.View{}
	for _, v := range versions {
		a, err := g.View(context.Background(), gen.SDK{Spec: filepath.Join(dir, "bapi-"+v+".yml"), Out: "-", Package: "clerk"})
		if err != nil {
			t.Fatal(err)
		}
		apis[v] = a
	}
	for i := 1; i < len(versions); i++ {
		from, to := versions[i-1], versions[i]
		golden := filepath.Join("testdata", "clerk-"+from+"-to-"+to+".md")
		got := changelog.Compare(apis[from], apis[to]).Markdown()
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s differs from a fresh report (go test ./internal/changelog -update rewrites it):\n%s", golden, got)
		}
	}
}
