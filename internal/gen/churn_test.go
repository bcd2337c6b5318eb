package gen_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sdkgen/sdkgen/internal/gen"
)

// churnBase is the spec the churn test changes in small ways.
const churnBase = `openapi: 3.0.3
info: {title: Churn, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
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
  /stores:
    get:
      operationId: listStores
      tags: [stores]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Store'}}
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id: {type: string}
        name: {type: string}
        status: {type: string, enum: [available, sold]}
    Store:
      type: object
      properties:
        id: {type: string}
        city: {type: string}
`

func generateSpec(t *testing.T, g *gen.Generator, spec string) map[string][]byte {
	t.Helper()
	p := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(p, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := g.Run(context.Background(), gen.SDK{Spec: p, Out: "-", Package: "churn"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range res.Files {
		out[f.Path] = f.Content
	}
	return out
}

// changed lists the files that differ between two outputs.
func changed(a, b map[string][]byte) []string {
	var out []string
	for p, c := range a {
		if d, ok := b[p]; !ok || !bytes.Equal(c, d) {
			out = append(out, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// TestLowChurn applies small changes to a spec and checks that only the
// files concerning each change differ, and that reordering changes nothing.
func TestLowChurn(t *testing.T) {
	g := gen.New()
	base := generateSpec(t, g, churnBase)
	for _, tc := range []struct {
		name string
		spec string
		// allowed are the files that may change: exact paths, or prefixes
		// ending in "/".
		allowed []string
		// sameLines: the changed files hold the same lines, in another order.
		sameLines bool
	}{
		{
			name:    "reorder paths",
			spec:    reorderPaths(churnBase),
			allowed: nil,
		},
		{
			// Fields follow the spec's order, and only they move.
			name:      "reorder properties",
			spec:      reorderPetProperties(churnBase),
			allowed:   []string{"model_pet.go", "docs/models/pet.md"},
			sameLines: true,
		},
		{
			name: "add an operation",
			spec: strings.Replace(churnBase, "  /stores:\n", "  /pets/{id}/photo:\n    delete:\n      operationId: deletePhoto\n      tags: [pets]\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses:\n        '204': {description: ok}\n  /stores:\n", 1),
			// The runtime gains what the new operation uses (reading an
			// empty body).
			allowed: []string{"service_pets.go", "docs/sdks/pets/", "README.md", "runtime_errors.go"},
		},
		{
			name:    "add a property",
			spec:    strings.Replace(churnBase, "        city: {type: string}\n", "        city: {type: string}\n        zip: {type: string}\n", 1),
			allowed: []string{"model_store.go", "docs/models/store.md"},
		},
		{
			name:    "add a schema",
			spec:    churnBase + "    Owner:\n      type: object\n      properties:\n        name: {type: string}\n",
			allowed: []string{"model_owner.go", "docs/models/owner.md", "README.md"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.spec == churnBase || strings.Count(tc.spec, "\n") < strings.Count(churnBase, "\n") {
				t.Fatal("the change did not apply")
			}
			after := generateSpec(t, g, tc.spec)
			got := changed(base, after)
			for _, p := range got {
				ok := false
				for _, a := range tc.allowed {
					if p == a || (strings.HasSuffix(a, "/") && strings.HasPrefix(p, a)) {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s changed; only %v may", p, tc.allowed)
				}
			}
			if tc.allowed != nil && len(got) == 0 {
				t.Error("nothing changed")
			}
			if tc.sameLines {
				for _, p := range got {
					a, b := strings.Split(string(base[p]), "\n"), strings.Split(string(after[p]), "\n")
					slices.Sort(a)
					slices.Sort(b)
					if !slices.Equal(a, b) {
						t.Errorf("%s: lines changed, not only their order", p)
					}
				}
			}
		})
	}
}

// reorderPetProperties writes Pet's properties in reverse.
func reorderPetProperties(spec string) string {
	return strings.Replace(spec,
		"        id: {type: string}\n        name: {type: string}\n        status: {type: string, enum: [available, sold]}\n",
		"        status: {type: string, enum: [available, sold]}\n        name: {type: string}\n        id: {type: string}\n", 1)
}

// reorderPaths moves the /stores path item before the /pets ones.
func reorderPaths(spec string) string {
	start := strings.Index(spec, "  /stores:\n")
	end := strings.Index(spec, "components:\n")
	stores := spec[start:end]
	spec = spec[:start] + spec[end:]
	return strings.Replace(spec, "paths:\n", "paths:\n"+stores, 1)
}
