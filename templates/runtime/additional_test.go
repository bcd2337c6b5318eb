package runtime

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// withExtras has declared properties and keeps the others in Extra, as a
// generated type with additionalProperties does.
type withExtras struct {
	Name  string         `json:"name"`
	Count int            `json:"count,omitzero"`
	Extra map[string]any `json:"-"`
}

var withExtrasDeclared = []string{"name", "count"}

func (w withExtras) MarshalJSON() ([]byte, error) {
	type plain withExtras
	known, err := json.Marshal(plain(w))
	if err != nil {
		return nil, err
	}
	return marshalAdditional(known, w.Extra, withExtrasDeclared)
}

func (w *withExtras) UnmarshalJSON(data []byte) error {
	type plain withExtras
	return unmarshalObject(data, w, (*plain)(w), &w.Extra, withExtrasDeclared)
}

func TestMarshalAdditional(t *testing.T) {
	tests := []struct {
		known string
		extra map[string]int
		want  string
	}{
		{`{"a":1}`, nil, `{"a":1}`},
		{`{"a":1}`, map[string]int{"z": 2, "b": 3}, `{"a":1,"b":3,"z":2}`},
		{`{}`, map[string]int{"b": 3}, `{"b":3}`},
		{"{ }\n", map[string]int{"b": 3}, `{ "b":3}`},
		{"{\"a\":1}\n", map[string]int{"b": 3}, `{"a":1,"b":3}`},
		// Declared names are never written twice.
		{`{"a":1}`, map[string]int{"a": 9, "name": 9}, `{"a":1}`},
		{`{"a":1}`, map[string]int{"a": 9, "q\"<": 4}, `{"a":1,"q\"<":4}`},
	}
	for _, tt := range tests {
		got, err := marshalAdditional([]byte(tt.known), tt.extra, []string{"a", "name"})
		if err != nil || string(got) != tt.want {
			t.Errorf("marshalAdditional(%s, %v) = %s, %v, want %s", tt.known, tt.extra, got, err, tt.want)
		}
		if !json.Valid(got) {
			t.Errorf("marshalAdditional(%s, %v) = %s: invalid JSON", tt.known, tt.extra, got)
		}
	}
	if _, err := marshalAdditional([]byte(`{}`), map[string]any{"f": func() {}}, nil); err == nil {
		t.Error("unencodable extra value: no error")
	}
}

func TestUnmarshalAdditional(t *testing.T) {
	var w withExtras
	if err := json.Unmarshal([]byte(`{"name":"x","b":1,"c":[2]}`), &w); err != nil || w.Name != "x" || !reflect.DeepEqual(w.Extra, map[string]any{"b": 1.0, "c": []any{2.0}}) {
		t.Errorf("Unmarshal = %+v, %v", w, err)
	}
	// No undeclared member: no map. Decoding again replaces the extras.
	if err := json.Unmarshal([]byte(`{"name":"y"}`), &w); err != nil || w.Name != "y" || w.Extra != nil {
		t.Errorf("no extras: %+v, %v, want a nil map", w, err)
	}
	// null leaves the value as it is, as encoding/json does.
	w.Extra = map[string]any{"kept": true}
	if err := json.Unmarshal([]byte(`null`), &w); err != nil || w.Name != "y" || w.Extra["kept"] != true {
		t.Errorf("null: %+v, %v", w, err)
	}
	// Keys spelled with escapes are the keys they spell.
	if err := json.Unmarshal([]byte(`{"n\u0061me":"z","\u0062":2}`), &w); err != nil || w.Name != "z" || !reflect.DeepEqual(w.Extra, map[string]any{"b": 2.0}) {
		t.Errorf("escaped keys: %+v, %v", w, err)
	}
	// A member a field takes, as encoding/json matches names, is no
	// additional property; one whose name differs only in case from an
	// untagged field's is.
	var e withIntExtras
	if err := json.Unmarshal([]byte(`{"NAME":"x","A,B":1,"a,b":true}`), &e); err != nil || e.Name != "x" || !*e.Comma || !reflect.DeepEqual(e.Extra, map[string]int64{"A,B": 1}) {
		t.Errorf("names that differ in case: %+v, %v", e, err)
	}
	e = withIntExtras{}
	err := json.Unmarshal([]byte(`{"name":"x","b":1,"c":"not a number","d":"nor this"}`), &e)
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) || typeErr.Field != "c" || typeErr.Struct != "withIntExtras" || typeErr.Value != "string" {
		t.Errorf("extra of the wrong type: %v, want the first by name, c", err)
	}
	err = json.Unmarshal([]byte(`{"name":1}`), &e)
	if !errors.As(err, &typeErr) || typeErr.Field != "name" || typeErr.Struct != "withIntExtras" {
		t.Errorf("declared field of the wrong type: %#v", err)
	}
	err = json.Unmarshal([]byte(`[1]`), &e)
	if !errors.As(err, &typeErr) || typeErr.Type != reflect.TypeFor[withIntExtras]() || err.Error() != "json: cannot unmarshal array into Go value of type runtime.withIntExtras" {
		t.Errorf("not an object: %v", err)
	}
	var syntax *json.SyntaxError
	if err := e.UnmarshalJSON([]byte(`{"name":`)); !errors.As(err, &syntax) {
		t.Errorf("malformed: %v", err)
	}
}

// withIntExtras keeps integer extras and has fields whose names struct tags
// cannot hold, as a generated type does.
type withIntExtras struct {
	Name  string           `json:"name"`
	Comma *bool            `json:"-"` // "a,b"
	Quote Nullable[string] `json:"-"` // "say \"hi\""
	Extra map[string]int64 `json:"-"`
}

func (w withIntExtras) MarshalJSON() ([]byte, error) {
	type plain withIntExtras
	b, err := marshalJSON(plain(w))
	if err != nil {
		return nil, err
	}
	untagged := map[string]any{}
	if w.Comma != nil {
		untagged["a,b"] = w.Comma
	}
	if !w.Quote.IsZero() {
		untagged[`say "hi"`] = w.Quote
	}
	if b, err = marshalAdditional(b, untagged, nil); err != nil {
		return nil, err
	}
	return marshalAdditional(b, w.Extra, []string{"name", "a,b", `say "hi"`})
}

func (w *withIntExtras) UnmarshalJSON(data []byte) error {
	type plain withIntExtras
	return unmarshalObject(data, w, (*plain)(w), &w.Extra, []string{"name"},
		member{"a,b", &w.Comma}, member{`say "hi"`, &w.Quote})
}

// TestOnlyDeclared: true only when every member is declared (matched as
// encoding/json matches), whatever the values hold; false where it cannot
// tell, which only takes the longer way.
func TestOnlyDeclared(t *testing.T) {
	declared := []string{"name", "inner"}
	for _, tc := range []struct {
		data string
		want bool
	}{
		{`{"name":"x","inner":{"a":1,"b":[2,"}"]}}`, true},
		{` { "NAME" : "x" } `, true},
		{`{}`, true},
		{`{"name":"x","other":1}`, false},
		{`{"inner":{"a":1},"x":null}`, false},
		{`{"n\u0061me":"x"}`, false},
		{`["name"]`, false},
		{`{"name":"x"`, false},
		{`{"name" "x"}`, false},
	} {
		if got := onlyDeclared([]byte(tc.data), declared); got != tc.want {
			t.Errorf("onlyDeclared(%s) = %v, want %v", tc.data, got, tc.want)
		}
	}
}

func TestUntaggedMembers(t *testing.T) {
	for _, in := range []string{
		`{"name":"n"}`,
		`{"name":"n","a,b":true,"say \"hi\"":null}`,
		`{"name":"n","a,b":false,"say \"hi\"":"hello","z":3}`,
	} {
		var w withIntExtras
		if err := json.Unmarshal([]byte(in), &w); err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(w)
		if err != nil || string(out) != in {
			t.Errorf("round trip of %s = %s, %v", in, out, err)
		}
	}
	var w withIntExtras
	if err := json.Unmarshal([]byte(`{"say \"hi\"":null}`), &w); err != nil || !w.Quote.IsNull() || w.Comma != nil || w.Extra != nil {
		t.Errorf("null untagged: %+v, %v", w, err)
	}
	err := json.Unmarshal([]byte(`{"a,b":"yes"}`), &w)
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) || typeErr.Field != "a,b" || typeErr.Struct != "withIntExtras" {
		t.Errorf("untagged of the wrong type: %v", err)
	}
	// Inside another struct the path runs through it.
	var outer struct {
		Inner withIntExtras `json:"inner"`
	}
	err = json.Unmarshal([]byte(`{"inner":{"a,b":"yes"}}`), &outer)
	if !errors.As(err, &typeErr) || typeErr.Field != "inner.a,b" {
		t.Errorf("nested untagged of the wrong type: %v", err)
	}
}

func TestAdditionalRoundTrip(t *testing.T) {
	in := `{"name":"n","count":2,"flag":true,"list":[1,"a"],"nested":{"k":null},"z":"last"}`
	var w withExtras
	if err := json.Unmarshal([]byte(in), &w); err != nil {
		t.Fatal(err)
	}
	if w.Name != "n" || w.Count != 2 || len(w.Extra) != 4 {
		t.Fatalf("decoded %+v", w)
	}
	if _, ok := w.Extra["name"]; ok {
		t.Error("declared name kept as extra")
	}
	out, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Errorf("round trip:\n got %s\nwant %s", out, in)
	}
	// A declared field set in Extra too is written once, from the field.
	w.Extra["name"] = "shadow"
	out, _ = json.Marshal(w)
	if string(out) != in {
		t.Errorf("with shadowing extra:\n got %s\nwant %s", out, in)
	}
}
