package runtime

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
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

func TestNullableFailedDecodeLeavesValue(t *testing.T) {
	n := NewNullable(map[string]int{"a": 1})
	if err := n.UnmarshalJSON([]byte(`{"a":"x","b":2}`)); err == nil {
		t.Fatal("UnmarshalJSON of a bad value: no error")
	}
	if v, ok := n.Get(); !ok || !reflect.DeepEqual(v, map[string]int{"a": 1}) {
		t.Errorf("after a failed UnmarshalJSON: %v, %v", v, ok)
	}
	if err := n.UnmarshalJSON([]byte(`{"b":2}`)); err != nil {
		t.Fatal(err)
	}
	if v, _ := n.Get(); !reflect.DeepEqual(v, map[string]int{"b": 2}) {
		t.Errorf("UnmarshalJSON merged into the old value: %v", v)
	}
}

// Nullable's fast paths must give what encoding/json gives, for any input.
// nullableSamples are inputs for the comparisons and seeds for
// FuzzNullableString.
var nullableSamples = []string{
	``, ` `, `null`, ` null `, `nul`, `nulll`, `true`, `false`, `tru`, `0`, `-0`, `01`, `-`, `1.`, `1.5`, `.5`,
	`1e5`, `1E+5`, `1e-5`, `1e`, `-12`, `9223372036854775807`, `9223372036854775808`, `-9223372036854775808`,
	`+1`, `0x10`, `1_000`, `Infinity`, `NaN`, `""`, `"a"`, `"a\"b"`, `"\u00e9"`, `"\u00"`, `"\x"`, `"é"`,
	"\"\xff\"", "\"a\tb\"", `"<&>"`, "\"\u2028\"", `"abc`, `[]`, `[1,2]`, `[1,]`, `[,1]`, `[1 2]`, `{}`, ` { } `,
	`{"a":1}`, `{"a":1,}`, `{"a" 1}`, `{"a":}`, `{a:1}`, `{"a":1}x`, `{"a":1}{}`, `{"a":[1,{"b":"}"}],"c":"]"}`,
	`{"object":"verification_otp","status":"verified"}`, `{"object":"a","object":"b"}`,
	`{"obj\u0065ct":"escaped"}`, `{"object":"x\ny"}`, `{"object":"caf\u00e9"}`, `{"object":null}`, `{"object":1}`,
	`{"object":"ok"`, `{"object":"ok",`, `{"object":"ok"}}`, `["object","x"]`, `"object"`,
	`{"name":"x","extra":{"deep":[true,false,null]}}`, `{"name":"x","extr\u0061":1}`, `{"name":1}`,
}

func TestNullableFastPathsMatchEncodingJSON(t *testing.T) {
	for _, s := range nullableSamples {
		compareNullable[string](t, s)
		compareNullable[int64](t, s)
		compareNullable[bool](t, s)
	}
	for _, s := range []string{"", "a", "<&>", "a\"b", `a\b`, "é", "\u2028", "\xff", "\x7f", "tab\there"} {
		compareNullableMarshal(t, s)
	}
	for _, v := range []int64{0, -1, 42, 1 << 62, -1 << 63} {
		compareNullableMarshal(t, v)
	}
	compareNullableMarshal(t, true)
	compareNullableMarshal(t, false)
}

func FuzzNullableString(f *testing.F) {
	for _, s := range nullableSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		compareNullable[string](t, s)
		compareNullable[int64](t, s)
		compareNullable[bool](t, s)
		compareNullableMarshal(t, s)
	})
}

// compareNullable decodes data into a Nullable[T] and into a T with
// encoding/json, and wants the same value or both failing.
func compareNullable[T any](t *testing.T, data string) {
	t.Helper()
	var n Nullable[T]
	err := n.UnmarshalJSON([]byte(data))
	var v T
	wantErr := json.Unmarshal([]byte(data), &v)
	if strings.Trim(data, " \t\r\n") == "null" {
		if err != nil || !n.IsNull() {
			t.Errorf("Nullable[%T].UnmarshalJSON(%q) = %v, null %v", v, data, err, n.IsNull())
		}
		return
	}
	got, ok := n.Get()
	switch {
	case (err == nil) != (wantErr == nil):
		t.Errorf("Nullable[%T].UnmarshalJSON(%.80q) error %v, encoding/json says %v", v, data, err, wantErr)
	case err == nil && (!ok || !reflect.DeepEqual(got, v)):
		t.Errorf("Nullable[%T].UnmarshalJSON(%.80q) = %#v, %v; want %#v", v, data, got, ok, v)
	case err != nil && err.Error() != wantErr.Error():
		t.Errorf("Nullable[%T].UnmarshalJSON(%.80q) error %q, want %q", v, data, err, wantErr)
	}
}

func compareNullableMarshal[T any](t *testing.T, v T) {
	t.Helper()
	got, err := NewNullable(v).MarshalJSON()
	want, wantErr := marshalJSON(v)
	if (err == nil) != (wantErr == nil) || !bytes.Equal(got, want) {
		t.Errorf("NewNullable(%#v).MarshalJSON() = %s, %v; want %s, %v", v, got, err, want, wantErr)
	}
}

// TestPointerHelpers: each helper returns a fresh pointer to its argument,
// typed from a plain constant.
func TestPointerHelpers(t *testing.T) {
	var i *int64 = Int64(10)
	var f *float64 = Float64(1.5)
	var s *string = String("a")
	var b *bool = Bool(true)
	if *i != 10 || *f != 1.5 || *s != "a" || !*b {
		t.Errorf("got %d %v %q %v", *i, *f, *s, *b)
	}
	if Int64(10) == Int64(10) {
		t.Error("two calls share a pointer")
	}
}
