package runtime

import (
	"encoding/json"
	"maps"
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
	if err := json.Unmarshal(data, (*plain)(w)); err != nil {
		return err
	}
	extra, err := unmarshalAdditional[any](data, withExtrasDeclared)
	if err != nil {
		return err
	}
	w.Extra = extra
	return nil
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
	got, err := unmarshalAdditional[int]([]byte(`{"name":"x","b":1,"c":2}`), []string{"name"})
	if err != nil || !maps.Equal(got, map[string]int{"b": 1, "c": 2}) {
		t.Errorf("unmarshalAdditional = %v, %v", got, err)
	}
	got, err = unmarshalAdditional[int]([]byte(`{"name":"x"}`), []string{"name"})
	if err != nil || got != nil {
		t.Errorf("no extras: %v, %v, want nil map", got, err)
	}
	if _, err := unmarshalAdditional[int]([]byte(`{"b":"not a number"}`), nil); err == nil {
		t.Error("extra of the wrong type: no error")
	}
	if _, err := unmarshalAdditional[int]([]byte(`[1]`), nil); err == nil {
		t.Error("not an object: no error")
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
