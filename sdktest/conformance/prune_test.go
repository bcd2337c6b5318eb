package conformance

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestPrune: a received body is cut to what the SDK can hold before it is
// compared with the re-encoded result.
func TestPrune(t *testing.T) {
	var schema openapi3.Schema
	if err := json.Unmarshal([]byte(`{
		"type": "object",
		"required": ["id", "nullable_id"],
		"properties": {
			"id": {"type": "integer", "readOnly": true},
			"nullable_id": {"type": "integer", "readOnly": true, "nullable": true},
			"count": {"type": "integer", "readOnly": true},
			"note": {"type": "string", "readOnly": true, "nullable": true},
			"balance": {"type": "object", "required": ["limit"], "properties": {"limit": {"type": "number", "nullable": true}}},
			"name": {"type": "string"},
			"language": {"type": "object", "required": ["value"], "properties": {"value": {"type": "string"}}},
			"meta": {"type": "object", "additionalProperties": true},
			"regions": {"type": "object", "additionalProperties": {"type": "object", "properties": {"name": {"type": "string"}}}}
		}
	}`), &schema); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ in, want string }{
		// A required read-only zero is left out (a value field, omitzero);
		// an optional one is a pointer and keeps it, as does a nullable one.
		{`{"id": 0, "nullable_id": 0, "count": 0}`, `{"nullable_id": 0, "count": 0}`},
		{`{"id": 7}`, `{"id": 7}`},
		// A required nullable field left out reads as null.
		{`{"balance": {}}`, `{"balance": {"limit": null}}`},
		{`{"balance": {"limit": 1}}`, `{"balance": {"limit": 1}}`},
		{`{"nullable_id": null, "note": null}`, `{"note": null}`},
		// Members no schema declares go, unless the object takes others.
		{`{"name": "a", "extra": 1, "language": {"value": "x", "id": 20}, "meta": {"k": 1}}`,
			`{"name": "a", "language": {"value": "x"}, "meta": {"k": 1}}`},
		// An additional property is pruned as its schema says.
		{`{"regions": {"ch": {"name": "ch", "recovered": 1}}}`, `{"regions": {"ch": {"name": "ch"}}}`},
		// null where the schema allows none reads as absent.
		{`{"name": null}`, `{}`},
	} {
		var in, want any
		if err := json.Unmarshal([]byte(c.in), &in); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(c.want), &want); err != nil {
			t.Fatal(err)
		}
		if got := prune(in, openapi3.NewSchemaRef("", &schema), nil, 0); !reflect.DeepEqual(got, want) {
			t.Errorf("prune(%s) = %v, want %s", c.in, got, c.want)
		}
	}
}

// TestPruneUnionVariant: a value of a oneOf or anyOf is pruned by the
// variant it matches, not by the first.
func TestPruneUnionVariant(t *testing.T) {
	var schema openapi3.Schema
	if err := json.Unmarshal([]byte(`{"anyOf": [
		{"type": "array", "items": {"type": "object", "required": ["repo"], "additionalProperties": false, "properties": {"repo": {"type": "string"}}}},
		{"type": "array", "items": {"type": "object", "additionalProperties": false, "properties": {"name": {"type": "string"}}}}
	]}`), &schema); err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal([]byte(`[{"name": "a"}]`), &v); err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(prune(v, openapi3.NewSchemaRef("", &schema), nil, 0))
	if string(got) != `[{"name":"a"}]` {
		t.Errorf("got %s, want the second variant's fields kept", got)
	}
}

func TestNullItem(t *testing.T) {
	var schema openapi3.Schema
	if err := json.Unmarshal([]byte(`{"type": "object", "properties": {
		"events": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string"}}}},
		"notes": {"type": "array", "items": {"type": "string", "nullable": true}}
	}}`), &schema); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in   string
		want bool
	}{
		{`{"events": [null]}`, true},
		{`{"events": [{"kind": "a"}], "notes": [null]}`, false},
		{`{"events": null}`, false}, // a null list is a nil slice, no item
	} {
		var v any
		if err := json.Unmarshal([]byte(c.in), &v); err != nil {
			t.Fatal(err)
		}
		if got := nullItem(v, openapi3.NewSchemaRef("", &schema), 0); got != c.want {
			t.Errorf("nullItem(%s) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestPruneKind: a value of a polymorphic base that names one of its kinds
// keeps the kind's members, which the SDK decodes it as; one naming no
// kind is pruned by the base.
func TestPruneKind(t *testing.T) {
	doc, kinds := kindDoc(t, `{
		"Source": {"type": "object", "discriminator": {"propertyName": "type"}, "properties": {"type": {"type": "string"}}},
		"Blob": {"allOf": [{"$ref": "#/components/schemas/Source"}], "x-ms-discriminator-value": "Storage/Blob",
			"properties": {"properties": {"type": "object", "properties": {"container": {"type": "string"}}}}}
	}`)
	for in, want := range map[string]string{
		`{"type": "Storage/Blob", "properties": {"container": "c", "extra": 1}}`: `{"properties":{"container":"c"},"type":"Storage/Blob"}`,
		`{"type": "Other", "properties": {"container": "c"}}`:                    `{"type":"Other"}`,
	} {
		var v any
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(prune(v, doc.Components.Schemas["Source"], kinds, 0))
		if string(got) != want {
			t.Errorf("prune(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestBreaksKind: a value that names a kind is judged by the kind's schema,
// which the base's alone does not show.
func TestBreaksKind(t *testing.T) {
	doc, kinds := kindDoc(t, `{
		"Script": {"type": "object", "discriminator": {"propertyName": "kind"}, "properties": {"kind": {"type": "string"}}},
		"PowerShell": {"allOf": [{"$ref": "#/components/schemas/Script"}], "x-ms-discriminator-value": "AzurePowerShell",
			"properties": {"outputs": {"type": "object", "additionalProperties": {"type": "object"}}}}
	}`)
	base := doc.Components.Schemas["Script"].Value
	for in, want := range map[string]bool{
		`[{"kind": "AzurePowerShell", "outputs": {"output1": "value1"}}]`:   true,
		`[{"kind": "AzurePowerShell", "outputs": {"output1": {"a": "b"}}}]`: false,
		`[{"kind": "Other", "outputs": {"output1": "value1"}}]`:             false,
	} {
		var v any
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			t.Fatal(err)
		}
		list := &openapi3.Schema{Type: &openapi3.Types{"array"}, Items: openapi3.NewSchemaRef("", base)}
		if got := breaksKind(list, v, kinds, 0); got != want {
			t.Errorf("breaksKind(%s) = %v, want %v", in, got, want)
		}
	}
}

// kindDoc loads a document of the given component schemas and indexes
// their kinds.
func kindDoc(t *testing.T, schemas string) (*openapi3.T, map[*openapi3.Schema][]*openapi3.SchemaRef) {
	t.Helper()
	var doc openapi3.T
	if err := json.Unmarshal([]byte(`{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": `+schemas+`}}`), &doc); err != nil {
		t.Fatal(err)
	}
	if err := openapi3.NewLoader().ResolveRefsIn(&doc, nil); err != nil {
		t.Fatal(err)
	}
	return &doc, subtypeIndex(&doc)
}

func TestBreaksOwnVariant(t *testing.T) {
	var sc openapi3.Schema
	if err := json.Unmarshal([]byte(`{"oneOf": [
		{"type": "object", "properties": {"chime": {"type": "string"}, "chat": {"type": "boolean"}}},
		{"type": "object", "properties": {"security": {"type": "object"}}}
	]}`), &sc); err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]bool{
		`{"chime": false, "chat": true}`: true,  // breaks the variant it is
		`{"chime": "on", "chat": true}`:  false, // is it
		`{"chime": false, "other": 1}`:   true,  // the variant that declares the most of it
		`{"other": 1}`:                   false, // no variant declares any of it
		`{"security": 1}`:                true,
	} {
		var v any
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			t.Fatal(err)
		}
		if got := breaksOwnVariant(&sc, v); got != want {
			t.Errorf("breaksOwnVariant(%s) = %v, want %v", in, got, want)
		}
	}
}
