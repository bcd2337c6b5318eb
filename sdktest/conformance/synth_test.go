package conformance

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestFromPattern(t *testing.T) {
	u := func(n uint64) *uint64 { return &n }
	tests := []struct {
		pattern        string
		minLen         uint64
		maxLen         *uint64
		wantLen        int // -1: any
		wantUnmatchErr bool
	}{
		{`^[a-z]+$`, 0, nil, -1, false},
		{`^\d{5}$`, 0, nil, 5, false},
		{`(0x)?[a-fA-F0-9]+`, 64, u(64), 64, false}, // the optional prefix must go
		{`^arn:aws:gamesparks:`, 20, u(2048), 20, false},
		{`^ab$`, 3, nil, 0, true},
	}
	for _, tt := range tests {
		v, err := fromPattern(tt.pattern, tt.minLen, tt.maxLen)
		if tt.wantUnmatchErr {
			if err == nil {
				t.Errorf("fromPattern(%q, %d) = %q, want an error", tt.pattern, tt.minLen, v)
			}
			continue
		}
		if err != nil || !regexp.MustCompile(tt.pattern).MatchString(v) || tt.wantLen >= 0 && len(v) != tt.wantLen {
			t.Errorf("fromPattern(%q, %d) = %q, %v", tt.pattern, tt.minLen, v, err)
		}
	}
}

// TestSynthSubtype: a polymorphic base is built as its first kind, named by
// the discriminator, so that the SDK, which reads the value as that kind,
// finds all the kind requires.
func TestSynthSubtype(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(`{
  "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
  "components": {"schemas": {
    "Trigger": {"type": "object", "required": ["kind"], "discriminator": {"propertyName": "kind"},
      "properties": {"kind": {"type": "string", "enum": ["FileEvent", "Timer"]}}},
    "FileEventTrigger": {"x-ms-discriminator-value": "FileEvent", "allOf": [{"$ref": "#/components/schemas/Trigger"}],
      "type": "object", "required": ["properties"],
      "properties": {"properties": {"type": "object", "required": ["shareId"], "properties": {"shareId": {"type": "string"}}}}},
    "Timer": {"allOf": [{"$ref": "#/components/schemas/Trigger"}], "type": "object", "required": ["every"],
      "properties": {"every": {"type": "integer"}}}
  }}}`))
	if err != nil {
		t.Fatal(err)
	}
	s := synth{subtypes: subtypeIndex(doc)}
	v, err := s.value(doc.Components.Schemas["Trigger"])
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(v)
	if want := `{"kind":"FileEvent","properties":{"shareId":"value"}}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
	// A kind built on its own is not turned into another.
	v, err = s.value(doc.Components.Schemas["Timer"])
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(v); string(got) != `{"every":1,"kind":"Timer"}` {
		t.Errorf("Timer: got %s", got)
	}
}

// TestSynthSubtypeOfKind: a kind with kinds of its own, whose own name the
// base's discriminator does not allow, is built as one of them.
func TestSynthSubtypeOfKind(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(`{
  "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
  "components": {"schemas": {
    "Base": {"type": "object", "required": ["kind"], "discriminator": {"propertyName": "kind"},
      "properties": {"kind": {"type": "string", "enum": ["Local"]}}},
    "Network": {"allOf": [{"$ref": "#/components/schemas/Base"}], "type": "object", "properties": {"note": {"type": "string"}}},
    "LocalNetwork": {"x-ms-discriminator-value": "Local", "allOf": [{"$ref": "#/components/schemas/Network"}],
      "properties": {"prefix": {"type": "string"}}}
  }}}`))
	if err != nil {
		t.Fatal(err)
	}
	v, err := synth{subtypes: subtypeIndex(doc)}.value(doc.Components.Schemas["Network"])
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(v); string(got) != `{"kind":"Local"}` {
		t.Errorf("got %s, want the Local kind", got)
	}
	// Built from the base, through the middle kind, the value is named
	// by the kind whose members it has.
	v, err = synth{subtypes: subtypeIndex(doc), full: true}.value(doc.Components.Schemas["Base"])
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(v); string(got) != `{"kind":"Local","note":"value","prefix":"value"}` {
		t.Errorf("from the base: got %s, want the Local kind with its members", got)
	}
}

// TestWithoutLookaround: lookarounds go, escaped and bracketed parentheses
// stay, and what is left matches a string the pattern accepts.
func TestWithoutLookaround(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`^(?![-.])[a-z]+$`, `^[a-z]+$`},
		{`^a(?=b(c))b`, `^ab`},
		{`(?<=x)y(?<!z)`, `y`},
		{`\(?!x\)[(?!]`, `\(?!x\)[(?!]`},
		{`[]()]a(?!b)`, `[]()]a`},
	} {
		if got := withoutLookaround(c.in); got != c.want {
			t.Errorf("withoutLookaround(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	v, err := fromPattern(withoutLookaround(`^(localhost)|^(?![-.])([A-Za-z0-9-]{0,63})\.(?![-])[A-Za-z]{1,63}$`), 0, nil)
	if err != nil || v != "localhost" {
		t.Errorf("fromPattern = %q, %v; want localhost", v, err)
	}
}

// TestSynthAllOfAnnotation: an allOf part that only annotates leaves the
// other part's constraints whole (a list of at most one item stays one).
func TestSynthAllOfAnnotation(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(`{
  "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
  "components": {"schemas": {
    "Locales": {"type": "array", "maxItems": 1, "items": {"type": "string", "enum": ["en", "fr"]}},
    "Filters": {"type": "object", "properties": {"locales": {"allOf": [{"$ref": "#/components/schemas/Locales"}, {"description": "By locale."}]}}}
  }}}`))
	if err != nil {
		t.Fatal(err)
	}
	v, err := synth{full: true}.value(doc.Components.Schemas["Filters"])
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(v); string(got) != `{"locales":["en"]}` {
		t.Errorf("got %s", got)
	}
}

// TestFromPatternLongRepeat: repetitions beyond Go's limit of 1,000 are
// capped, not refused.
func TestFromPatternLongRepeat(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{`^[^\x00]{1,1020}\.csv$`, "a.csv"},
		{`^arn:aws:[a-z]{0,62}:[a-z0-9:/]{0,1023}$`, "arn:aws:a:a"},
		// An ECMAScript code point, as kin-openapi's validator reads it.
		{`arn:(aws[a-zA-Z0-9-]*):iam::(\d{12})?:(role((\u002F)|(\u002F[\u0021-\u007F]+\u002F))[\w+=,.@-]+)`, "arn:awsa:iam::000000000000:role/a"},
	} {
		v, err := fromPattern(c.pattern, 0, nil)
		if err != nil || v != c.want {
			t.Errorf("fromPattern(%q) = %q, %v; want %q", c.pattern, v, err, c.want)
		}
	}
}

// TestSynthOneOfRequiredOnly: a full value of an object whose oneOf
// variants only require one of its properties each sets that variant's
// alone, so that it matches exactly one.
func TestSynthOneOfRequiredOnly(t *testing.T) {
	var sc openapi3.Schema
	if err := json.Unmarshal([]byte(`{"type": "object",
		"oneOf": [{"required": ["url"]}, {"required": ["html"]}],
		"properties": {"url": {"type": "string"}, "html": {"type": "string"}, "width": {"type": "integer"}}}`), &sc); err != nil {
		t.Fatal(err)
	}
	v, err := synth{full: true}.value(openapi3.NewSchemaRef("", &sc))
	if err != nil {
		t.Fatal(err)
	}
	if err := validate(openapi3.NewSchemaRef("", &sc), v); err != nil {
		t.Errorf("%v: %v", v, err)
	}
	if got, _ := json.Marshal(v); string(got) != `{"url":"value","width":1}` {
		t.Errorf("got %s", got)
	}
}

// TestSynthOneOfSingleValued: variants that require nothing are told apart
// by a property each allows one value of.
func TestSynthOneOfSingleValued(t *testing.T) {
	var sc openapi3.Schema
	if err := json.Unmarshal([]byte(`{"oneOf": [
		{"type": "object", "properties": {"amount": {"type": "integer"}, "payeeType": {"type": "string", "enum": ["ACCOUNT_DETAILS"]}}},
		{"type": "object", "properties": {"amount": {"type": "integer"}, "payeeType": {"type": "string", "enum": ["PAYEE_ID"]}}}
	]}`), &sc); err != nil {
		t.Fatal(err)
	}
	v, err := synth{}.value(openapi3.NewSchemaRef("", &sc))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(v); string(got) != `{"payeeType":"ACCOUNT_DETAILS"}` {
		t.Errorf("got %s", got)
	}
}

// TestSynthEnumOfMixedTypes: the value is the first enum value of the
// schema's own type.
func TestSynthEnumOfMixedTypes(t *testing.T) {
	var sc openapi3.Schema
	if err := json.Unmarshal([]byte(`{"type": "boolean", "enum": ["0", "1", true, false]}`), &sc); err != nil {
		t.Fatal(err)
	}
	v, err := synth{}.value(openapi3.NewSchemaRef("", &sc))
	if err != nil || v != true {
		t.Errorf("got %v, %v; want true", v, err)
	}
}

// TestSynthAllOfConstrainedProperty: a property that one allOf part types
// and the including schema only constrains keeps the part's type.
func TestSynthAllOfConstrainedProperty(t *testing.T) {
	var sc openapi3.Schema
	if err := json.Unmarshal([]byte(`{
		"allOf": [{"type": "object", "required": ["inbound"], "properties": {"inbound": {"type": "array", "items": {"type": "string"}}}}],
		"properties": {"inbound": {"required": ["action"]}}
	}`), &sc); err != nil {
		t.Fatal(err)
	}
	v, err := synth{}.value(openapi3.NewSchemaRef("", &sc))
	if got, _ := json.Marshal(v); err != nil || !strings.HasPrefix(string(got), `{"inbound":["value"`) {
		t.Errorf("got %s, %v; want inbound a list", got, err)
	}
	// On an object, what the constraint requires is set.
	if err := json.Unmarshal([]byte(`{
		"allOf": [{"type": "object", "required": ["rules"], "properties": {"rules": {"type": "object", "properties": {"policy": {"type": "string"}}}}}],
		"properties": {"rules": {"required": ["policy"]}}
	}`), &sc); err != nil {
		t.Fatal(err)
	}
	v, err = synth{}.value(openapi3.NewSchemaRef("", &sc))
	if got, _ := json.Marshal(v); err != nil || string(got) != `{"rules":{"policy":"value"}}` {
		t.Errorf("got %s, %v; want rules.policy set", got, err)
	}
}

// TestSynthAllOfRefinedObject: an object property declared again by a later
// part, refined, is both declarations: the earlier's members are there and
// the later's required ones set.
func TestSynthAllOfRefinedObject(t *testing.T) {
	var sc openapi3.Schema
	if err := json.Unmarshal([]byte(`{
		"allOf": [{"type": "object", "required": ["rules"], "properties": {"rules": {"type": "object", "properties": {
			"policy": {"type": "string", "enum": ["ACCEPT", "DROP"]}, "inbound": {"type": "array", "items": {"type": "string"}}}}}}],
		"properties": {"rules": {"required": ["policy"], "properties": {"inbound": {"required": ["action"]}}}}
	}`), &sc); err != nil {
		t.Fatal(err)
	}
	v, err := synth{}.value(openapi3.NewSchemaRef("", &sc))
	if got, _ := json.Marshal(v); err != nil || string(got) != `{"rules":{"policy":"ACCEPT"}}` {
		t.Errorf("got %s, %v; want rules.policy set", got, err)
	}
}

// TestSynthContentEncoding: a 3.1 string of contentEncoding base64 is
// base64, which the SDK's []byte field decodes.
func TestSynthContentEncoding(t *testing.T) {
	var sc openapi3.Schema
	if err := json.Unmarshal([]byte(`{"type": "string", "contentEncoding": "base64"}`), &sc); err != nil {
		t.Fatal(err)
	}
	if v, err := (synth{}).value(openapi3.NewSchemaRef("", &sc)); err != nil || v != "aGVsbG8=" {
		t.Errorf("got %v, %v; want base64", v, err)
	}
}

// TestSynthBase64Constrained: the pattern and lengths of a base64 string
// constrain the encoded text; where no encoding meets them the spec cannot
// be met.
func TestSynthBase64Constrained(t *testing.T) {
	for schema, want := range map[string]string{
		`{"type": "string", "format": "byte", "maxLength": 4}`:                   "aA==",
		`{"type": "string", "contentEncoding": "base64", "pattern": "^.{12}$"}`:  "aGVsbG9oZQ==",
		`{"type": "string", "contentEncoding": "base64", "pattern": "^.{1,1}$"}`: "",
	} {
		var sc openapi3.Schema
		if err := json.Unmarshal([]byte(schema), &sc); err != nil {
			t.Fatal(err)
		}
		v, err := (synth{}).value(openapi3.NewSchemaRef("", &sc))
		if want == "" {
			if !errors.Is(err, ErrSpecUnmet) {
				t.Errorf("%s: got %v, %v; want the spec unmet", schema, v, err)
			}
			continue
		}
		if err != nil || v != want {
			t.Errorf("%s: got %v, %v; want %s", schema, v, err, want)
		}
	}
}

// TestSynthNullItems: a schema of type "null" alone is made null, so a
// list of them is valid (3.1).
func TestSynthNullItems(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(`{
  "openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
  "components": {"schemas": {"Nulls": {"type": "array", "minItems": 1, "items": {"type": "null"}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	v, err := synth{full: true}.value(doc.Components.Schemas["Nulls"])
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(v); string(got) != `[null,null]` {
		t.Errorf("got %s", got)
	}
}

// TestSynthMultipleOf: numbers are made multiples of multipleOf within
// their range.
func TestSynthMultipleOf(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, c := range []struct {
		sc   openapi3.Schema
		want float64
	}{
		{openapi3.Schema{MultipleOf: f(5)}, 5},
		{openapi3.Schema{MultipleOf: f(10), Max: f(100)}, 10},
		{openapi3.Schema{MultipleOf: f(0.25), Min: f(2)}, 2.5},
		{openapi3.Schema{MultipleOf: f(3), Min: f(4), Max: f(7)}, 6},
	} {
		if got := number(&c.sc); got != c.want {
			t.Errorf("number(multipleOf %v) = %v, want %v", *c.sc.MultipleOf, got, c.want)
		}
	}
	if got := integer(&openapi3.Schema{MultipleOf: f(5)}); got != 5 {
		t.Errorf("integer(multipleOf 5) = %v, want 5", got)
	}
}

// TestSynthMinProperties: an object gets as many members as minProperties
// asks, its optional properties first.
func TestSynthMinProperties(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(`{
  "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
  "components": {"schemas": {
    "Free": {"type": "object", "minProperties": 2, "maxProperties": 5},
    "Some": {"type": "object", "minProperties": 3, "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}
  }}}`))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"Free": `{"key":"value","key2":"value"}`, "Some": `{"a":"value","b":1,"key3":"value"}`} {
		v, err := synth{}.value(doc.Components.Schemas[name])
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := json.Marshal(v); string(got) != want {
			t.Errorf("%s: got %s, want %s", name, got, want)
		}
	}
}

// TestSynthOneOfMinimalAmbiguous: a minimal value ({}) of a oneOf of
// objects that require nothing is every variant; the first variant's
// optional properties tell it apart (Okta's role assignments).
func TestSynthOneOfMinimalAmbiguous(t *testing.T) {
	var sc openapi3.Schema
	if err := json.Unmarshal([]byte(`{"oneOf": [
		{"type": "object", "properties": {"type": {"type": "string"}}},
		{"type": "object", "properties": {"type": {"type": "string", "enum": ["CUSTOM"]}, "role": {"type": "string"}}}
	]}`), &sc); err != nil {
		t.Fatal(err)
	}
	sr := openapi3.NewSchemaRef("", &sc)
	v, err := synth{}.value(sr)
	if err != nil || validate(sr, v) != nil {
		t.Errorf("got %v, %v: %v", v, err, validate(sr, v))
	}
}
