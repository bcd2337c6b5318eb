package conformance

import (
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestUndeclaredRequired: a value invalid only because its schema requires
// a property it does not declare is the spec's fault; one missing a declared
// property is the synthesiser's.
func TestUndeclaredRequired(t *testing.T) {
	for _, c := range []struct {
		schema, value, want string
	}{
		{`{"type": "object", "required": ["with", "level"], "properties": {"with": {"type": "string"}}}`, `{"with": "a"}`, "level"},
		{`{"type": "object", "properties": {"spec": {"type": "object", "properties": {"logs": {"type": "array", "items": {"type": "object", "required": ["endpoint"], "properties": {"token": {"type": "string"}}}}}}}}`,
			`{"spec": {"logs": [{"token": "t"}]}}`, "endpoint"},
		// Declared in an allOf part: not the spec's fault.
		{`{"allOf": [{"type": "object", "properties": {"level": {"type": "string"}}}, {"required": ["level"]}]}`, `{}`, ""},
		{`{"type": "object", "required": ["with"], "properties": {"with": {"type": "string"}}}`, `{}`, ""},
		// Another fault beside it: not only the spec's.
		{`{"type": "object", "required": ["level"], "properties": {"with": {"type": "string"}}}`, `{"with": 1}`, ""},
		// Additional properties could hold it.
		{`{"type": "object", "required": ["level"], "additionalProperties": {"type": "string"}}`, `{}`, ""},
	} {
		root, v := schemaAndValue(t, c.schema, c.value)
		err := validate(root, v)
		if err == nil {
			t.Fatalf("%s: %s is valid", c.schema, c.value)
		}
		name, ok := undeclaredRequired(root, err)
		if ok != (c.want != "") || name != c.want {
			t.Errorf("undeclaredRequired(%s, %s) = %q, %v; want %q", c.schema, c.value, name, ok, c.want)
		}
	}
}

// TestEnumOffType: an enum none of whose values has the schema's type cannot
// be met; one with a value of that type can.
func TestEnumOffType(t *testing.T) {
	for _, c := range []struct {
		schema, value, want string
	}{
		{`{"type": "object", "properties": {"ratio": {"type": "string", "enum": [169, 32]}}}`, `{"ratio": 169}`, "/ratio"},
		{`{"type": "object", "properties": {"ratio": {"type": "string", "enum": [169, 32]}}}`, `{"ratio": "169"}`, "/ratio"},
		{`{"type": "number", "enum": [1, 2]}`, `3`, ""},
		{`{"type": "string", "enum": [1, "a"]}`, `"b"`, ""},
		// Another fault beside it: not only the spec's.
		{`{"type": "object", "properties": {"ratio": {"type": "string", "enum": [169]}, "n": {"type": "integer"}}}`, `{"ratio": 169, "n": "x"}`, ""},
	} {
		root, v := schemaAndValue(t, c.schema, c.value)
		err := validate(root, v)
		if err == nil {
			t.Fatalf("%s: %s is valid", c.schema, c.value)
		}
		at, ok := enumOffType(err)
		if ok != (c.want != "") || at != c.want {
			t.Errorf("enumOffType(%s, %s) = %q, %v; want %q", c.schema, c.value, at, ok, c.want)
		}
	}
}

// TestTypelessMismatch finds a non-object where a schema lists properties
// without a type, at the top or within.
func TestTypelessMismatch(t *testing.T) {
	for _, c := range []struct {
		schema, value string
		want          bool
	}{
		{`{"properties": {"value": {"type": "array"}}}`, `[{"a": 1}]`, true},
		{`{"properties": {"value": {"type": "array"}}}`, `{"value": []}`, false},
		{`{"type": "object", "properties": {"by": {"properties": {"id": {"type": "string"}}}}}`, `{"by": [1]}`, true},
		{`{"type": "array", "items": {"properties": {"id": {"type": "string"}}}}`, `[{"id": "a"}, "b"]`, true},
		{`{"type": "object", "properties": {"by": {"type": "object", "properties": {"id": {"type": "string"}}}}}`, `{"by": null}`, false},
		// Azure's tags, as its examples give them.
		{`{"type": "object", "properties": {"tags": {"additionalProperties": {"type": "string"}}}}`, `{"tags": ""}`, true},
		{`{"type": "object", "additionalProperties": {"items": {"type": "string"}}}`, `{"a": "b"}`, true},
		{`{"type": "object", "additionalProperties": {"items": {"type": "string"}}}`, `{"a": ["b"]}`, false},
	} {
		root, v := schemaAndValue(t, c.schema, c.value)
		if got := typelessMismatch(root.Value, v, 0); got != c.want {
			t.Errorf("typelessMismatch(%s, %s) = %v, want %v", c.schema, c.value, got, c.want)
		}
	}
}

// schemaAndValue decodes a schema and a JSON value written as text.
func schemaAndValue(t *testing.T, schema, value string) (*openapi3.SchemaRef, any) {
	t.Helper()
	var sc openapi3.Schema
	if err := json.Unmarshal([]byte(schema), &sc); err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal([]byte(value), &v); err != nil {
		t.Fatal(err)
	}
	return openapi3.NewSchemaRef("", &sc), v
}

// TestClosedPart: a property the schema declares that a closed allOf part
// (additionalProperties: false) forbids cannot be sent; one no schema
// declares is the synthesiser's fault.
func TestClosedPart(t *testing.T) {
	closed := `{"type": "object", "additionalProperties": false, "properties": {"id": {"type": "string"}}}`
	for _, c := range []struct {
		schema, value, want string
	}{
		{`{"allOf": [` + closed + `], "properties": {"properties": {"type": "object"}}}`, `{"properties": {}}`, "properties"},
		{`{"allOf": [` + closed + `], "properties": {"name": {"type": "string"}}}`, `{"other": 1}`, ""},
		{closed, `{"other": 1}`, ""},
		// The same in the variant a discriminated oneOf's value names;
		// the others' faults are not the value's.
		{`{"discriminator": {"propertyName": "kind"}, "oneOf": [
			{"allOf": [{"type": "object", "additionalProperties": false, "properties": {"kind": {"type": "string"}}}],
			 "properties": {"kind": {"type": "string", "enum": ["a"]}, "cache": {"type": "boolean"}}},
			{"type": "object", "required": ["b"], "properties": {"kind": {"type": "string", "enum": ["b"]}, "b": {"type": "string"}}}]}`,
			`{"kind": "a", "cache": true}`, "cache"},
		// The same through a oneOf's variant.
		{`{"oneOf": [{"allOf": [` + closed + `], "properties": {"kind": {"type": "string", "enum": ["a"]}, "cache": {"type": "boolean"}}}]}`, `{"cache": true}`, "cache"},
		// Closed beside a oneOf whose variants declare the properties (Jira).
		{`{"type": "object", "additionalProperties": false, "oneOf": [{"type": "object", "properties": {"optionId": {"type": "string"}}}]}`, `{"optionId": "x"}`, "optionId"},
		// The same with a discriminator, which names the variant (Jira's).
		{`{"type": "object", "additionalProperties": false, "discriminator": {"propertyName": "type"}, "oneOf": [{"type": "object", "properties": {"type": {"type": "string", "enum": ["a"]}, "optionId": {"type": "string"}}}]}`, `{"type": "a", "optionId": "x"}`, "type"},
		// The object itself does not declare it, and no variant does: the value's fault.
		{`{"type": "object", "additionalProperties": false, "oneOf": [{"type": "object", "properties": {"optionId": {"type": "string"}}}]}`, `{"other": "x"}`, ""},
	} {
		root, v := schemaAndValue(t, c.schema, c.value)
		err := validate(root, v)
		if err == nil {
			t.Fatalf("%s: %s is valid", c.schema, c.value)
		}
		name, ok := closedPart(root, v, err, 0)
		if ok != (c.want != "") || name != c.want {
			t.Errorf("closedPart(%s, %s) = %q, %v; want %q", c.schema, c.value, name, ok, c.want)
		}
	}
}

// TestExtraContradicts: a property declared through allOf that the
// object's own additionalProperties schema rejects cannot be sent; a value
// the synthesiser got wrong is its own fault.
func TestExtraContradicts(t *testing.T) {
	resource := `{"type": "object", "properties": {"location": {"type": "string"}}}`
	for _, c := range []struct {
		schema, value, want string
	}{
		{`{"type": "object", "additionalProperties": {"type": "object"}, "allOf": [` + resource + `], "properties": {"id": {"type": "string"}}}`, `{"location": "here"}`, "location"},
		// Not declared anywhere: the extra value is simply wrong.
		{`{"type": "object", "additionalProperties": {"type": "object"}, "allOf": [` + resource + `]}`, `{"other": "x"}`, ""},
		// Declared by the object itself: the declaration wins.
		{`{"type": "object", "additionalProperties": {"type": "object"}, "properties": {"location": {"type": "integer"}}}`, `{"location": "here"}`, ""},
	} {
		root, v := schemaAndValue(t, c.schema, c.value)
		err := validate(root, v)
		if err == nil {
			t.Fatalf("%s: %s is valid", c.schema, c.value)
		}
		name, ok := extraContradicts(root, err)
		if ok != (c.want != "") || name != c.want {
			t.Errorf("extraContradicts(%s, %s) = %q, %v; want %q", c.schema, c.value, name, ok, c.want)
		}
	}
}

func TestOverlappingOneOf(t *testing.T) {
	for _, c := range []struct {
		schema, value string
		want          bool
	}{
		// Two objects that require nothing: every object is both.
		{`{"oneOf": [{"type": "object", "properties": {"a": {"type": "string"}}}, {"type": "object", "properties": {"b": {"type": "string"}}}]}`, `{}`, true},
		// Two plain strings.
		{`{"oneOf": [{"type": "string"}, {"type": "string", "title": "id"}]}`, `"x"`, true},
		// A required property tells the second apart: a fuller value is one.
		{`{"oneOf": [{"type": "object", "properties": {"a": {"type": "string"}}}, {"type": "object", "required": ["b"], "properties": {"b": {"type": "string"}}, "additionalProperties": false}]}`, `{"b": "x"}`, false},
		// Another fault: not this rule's.
		{`{"oneOf": [{"type": "string"}, {"type": "integer"}]}`, `true`, false},
	} {
		root, v := schemaAndValue(t, c.schema, c.value)
		err := validate(root, v)
		if err == nil {
			t.Fatalf("%s: %s is valid", c.schema, c.value)
		}
		if _, ok := overlappingOneOf(err); ok != c.want {
			t.Errorf("overlappingOneOf(%s, %s) = %v, want %v", c.schema, c.value, ok, c.want)
		}
	}
}
