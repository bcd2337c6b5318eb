package prismtest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v4"
)

func TestPatchSpec(t *testing.T) {
	src := filepath.Join("testdata", "holes.yaml")
	before, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	out, changes, err := PatchSpec(src, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(src)
	if !bytes.Equal(before, after) {
		t.Fatal("PatchSpec modified the original spec")
	}
	if len(changes) != 12 {
		t.Errorf("got %d changes, want 12:\n%s", len(changes), strings.Join(changes, "\n"))
	}

	var doc map[string]any
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("patched spec does not parse: %v", err)
	}
	get := func(path ...string) any {
		t.Helper()
		var cur any = doc
		for _, k := range path {
			m, ok := cur.(map[string]any)
			if !ok {
				t.Fatalf("%s: not a map at %q", strings.Join(path, "/"), k)
			}
			cur = m[k]
		}
		return cur
	}
	props := []string{"paths", "/things", "post", "requestBody", "content", "application/json", "schema", "properties"}
	at := func(rest ...string) any { return get(append(append([]string(nil), props...), rest...)...) }

	if v := at("site", "pattern"); v != nil {
		t.Errorf("site: nested-quantifier pattern kept: %v", v)
	}
	if v := at("name", "pattern"); v != "^[a-z]+$" {
		t.Errorf("name: plain pattern changed: %v", v)
	}
	if v := at("note", "nullable"); v != nil {
		t.Errorf("note: nullable kept: %v", v)
	}
	if v := at("note", "description"); v == nil {
		t.Error("note: description lost")
	}
	if v := at("kind", "nullable"); v != nil {
		t.Errorf("kind: nullable kept: %v", v)
	}
	oneOf, _ := at("kind", "oneOf").([]any)
	if len(oneOf) != 3 {
		t.Fatalf("kind.oneOf = %v, want the two alternatives and {enum: [null]}", oneOf)
	}
	if enum, _ := oneOf[2].(map[string]any)["enum"].([]any); len(enum) != 1 || enum[0] != nil {
		t.Errorf("kind.oneOf[2] = %v, want {enum: [null]}", oneOf[2])
	}
	// Keywords' names used as property names are properties, not keywords.
	if v := at("example", "$ref"); v != "#/components/schemas/Meta" {
		t.Errorf("property \"example\" lost its schema $ref: %v", v)
	}
	if v := at("nullable", "type"); v != "boolean" {
		t.Errorf("property \"nullable\" changed: %v", at("nullable"))
	}
	if v := at("nullable", "default", "nullable"); v != true {
		t.Errorf("default value changed: %v", at("nullable", "default"))
	}

	if v := get("paths", "/things", "post", "requestBody", "content", "application/json", "example", "meta"); len(v.(map[string]any)) != 0 {
		t.Errorf("example $ref kept: %v", v)
	}
	examples := []string{"paths", "/things", "post", "responses", "200", "content", "application/json", "examples"}
	items := get(append(examples, "one", "value", "items")...).([]any)
	if len(items[0].(map[string]any)) != 0 {
		t.Errorf("examples value $ref kept: %v", items)
	}
	if v := get(append(examples, "two", "$ref")...); v != "#/components/examples/Meta" {
		t.Errorf("reference to an Example Object dropped: %v", v)
	}
	// An array header's schema is a string, required or not, as is an
	// array response header's; a query list is left alone.
	if v := get("components", "parameters", "Languages", "schema"); v.(map[string]any)["type"] != "string" || v.(map[string]any)["items"] != nil {
		t.Errorf("optional array header schema: %v, want {type: string}", v)
	}
	headers := []string{"paths", "/things", "post", "responses", "200", "headers"}
	if v := get(append(headers, "Cache-Control", "schema", "type")...); v != "string" {
		t.Errorf("array response header: type %v, want string", v)
	}
	if v := get(append(headers, "X-Rate-Limit", "schema", "type")...); v != "integer" {
		t.Errorf("integer response header changed: %v", v)
	}
	if v := get(headers...).(map[string]any)["Content-Encoding"]; v != nil {
		t.Errorf("Content-Encoding response header kept: %v", v)
	}
	if v := get("paths", "/exports", "get", "responses", "200", "content"); v.(map[string]any)["*/*"] == nil {
		t.Errorf("content key xls not renamed */*: %v", v)
	}
	params := get("paths", "/tags/{names}", "get", "parameters").([]any)
	if v := params[0].(map[string]any); len(v["schema"].(map[string]any)) != 0 {
		t.Errorf("array path parameter: %v, want any value", v)
	}
	if v := params[1].(map[string]any); v["schema"].(map[string]any)["type"] != "string" || v["required"] != true {
		t.Errorf("required array header: %v, want a required string", v)
	}
	if v := params[2].(map[string]any)["schema"].(map[string]any)["type"]; v != "array" {
		t.Errorf("query list changed: %v", params[2])
	}
	if v := get("components", "examples", "Meta", "value"); len(v.(map[string]any)) != 1 {
		t.Errorf("components example: %v, want only id", v)
	}
}

func TestPatchSpecCopiesCleanSpec(t *testing.T) {
	src := filepath.Join(t.TempDir(), "clean.json")
	spec := `{"openapi": "3.0.3", "info": {"title": "clean", "version": "1"}, "paths": {},
  "components": {"schemas": {"N": {"type": "string", "nullable": true}}}}`
	if err := os.WriteFile(src, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	out, changes, err := PatchSpec(src, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 0 {
		t.Errorf("unexpected changes: %v", changes)
	}
	if filepath.Base(out) != "clean.json" {
		t.Errorf("copy named %s, want clean.json", out)
	}
	if b, _ := os.ReadFile(out); string(b) != spec {
		t.Error("a spec that needs nothing is not copied byte for byte")
	}
}
