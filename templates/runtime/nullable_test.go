package runtime

import (
	"encoding/json"
	"testing"
)

func TestNullableStates(t *testing.T) {
	var absent Nullable[string]
	if _, ok := absent.Get(); ok || absent.IsNull() || !absent.IsZero() {
		t.Errorf("zero value: Get ok %v, IsNull %v, IsZero %v", ok, absent.IsNull(), absent.IsZero())
	}
	null := Null[string]()
	if _, ok := null.Get(); ok || !null.IsNull() || null.IsZero() {
		t.Errorf("Null: Get ok %v, IsNull %v, IsZero %v", ok, null.IsNull(), null.IsZero())
	}
	set := NewNullable("")
	if v, ok := set.Get(); !ok || v != "" || set.IsNull() || set.IsZero() {
		t.Errorf("NewNullable(\"\"): Get %q %v, IsNull %v, IsZero %v", v, ok, set.IsNull(), set.IsZero())
	}
	if p := Ptr(int64(10)); *p != 10 {
		t.Errorf("Ptr = %v", *p)
	}
}

type nullableHolder struct {
	A Nullable[int64]           `json:"a,omitzero"`
	B Nullable[string]          `json:"b,omitzero"`
	C Nullable[[]string]        `json:"c,omitzero"`
	D Nullable[map[string]bool] `json:"d,omitzero"`
	E Nullable[int64]           `json:"e"` // without omitzero absent is sent as null
}

func TestNullableMarshalInStruct(t *testing.T) {
	tests := []struct {
		in   nullableHolder
		want string
	}{
		{nullableHolder{}, `{"e":null}`},
		{nullableHolder{A: Null[int64](), B: Null[string]()}, `{"a":null,"b":null,"e":null}`},
		// Zero values are values: only absence leaves a field out.
		{nullableHolder{A: NewNullable[int64](0), B: NewNullable(""), C: NewNullable([]string{}), E: NewNullable[int64](0)}, `{"a":0,"b":"","c":[],"e":0}`},
		{nullableHolder{C: NewNullable[[]string](nil), D: NewNullable(map[string]bool{"k": true})}, `{"c":null,"d":{"k":true},"e":null}`},
		{nullableHolder{B: NewNullable("<&>")}, `{"b":"\u003c\u0026\u003e","e":null}`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.in)
		if err != nil || string(got) != tt.want {
			t.Errorf("Marshal(%+v) = %s, %v, want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestNullableUnmarshal(t *testing.T) {
	var h nullableHolder
	if err := json.Unmarshal([]byte(`{"a":null,"b":"x","c":["p"]}`), &h); err != nil {
		t.Fatal(err)
	}
	if !h.A.IsNull() {
		t.Error("a: want null")
	}
	if v, ok := h.B.Get(); !ok || v != "x" {
		t.Errorf("b = %q, %v", v, ok)
	}
	if v, ok := h.C.Get(); !ok || len(v) != 1 || v[0] != "p" {
		t.Errorf("c = %q, %v", v, ok)
	}
	if !h.D.IsZero() || !h.E.IsZero() {
		t.Error("d, e: want absent")
	}

	// Whitespace around null is still null.
	var n Nullable[int64]
	if err := n.UnmarshalJSON([]byte(" null\n")); err != nil || !n.IsNull() {
		t.Errorf("UnmarshalJSON(' null') = %v, IsNull %v", err, n.IsNull())
	}
	// A value of the wrong type is an error and leaves the field alone.
	n = NewNullable[int64](5)
	if err := json.Unmarshal([]byte(`"five"`), &n); err == nil {
		t.Error("Unmarshal(\"five\") into Nullable[int64]: no error")
	}
	if v, ok := n.Get(); !ok || v != 5 {
		t.Errorf("after failed decode: %v, %v", v, ok)
	}
}

func TestNullableRoundTrip(t *testing.T) {
	for _, in := range []string{
		`{"e":null}`,
		`{"a":null,"b":"","e":1}`,
		`{"a":0,"b":"x","c":null,"d":{},"e":2}`,
	} {
		var h nullableHolder
		if err := json.Unmarshal([]byte(in), &h); err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(h)
		if err != nil || string(out) != in {
			t.Errorf("round trip of %s = %s, %v", in, out, err)
		}
	}
}
