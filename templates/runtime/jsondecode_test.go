package runtime

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

// decodeDocument decodes a whole document into *v with fn.
func decodeDocument[T any](data []byte, v *T, fn func(*T, *jsonDecoder)) error {
	return unmarshalJSON(data, decoderFunc(func(d *jsonDecoder) { fn(v, d) }))
}

// decodeAnyDoc decodes a whole document with decodeAny.
func decodeAnyDoc(doc []byte) (any, error) {
	var v any
	err := decodeDocument(doc, &v, decodeAny)
	return v, err
}

// The decoder accepts exactly the documents encoding/json accepts and reads
// the same values from them.
var jsonDocs = []string{
	`null`, `true`, `false`, `0`, `-0`, `1.5e3`, `-12.25E-2`, `""`, `"a"`,
	`"\u00e9\n\t\"\\\/\b\f\r"`, `"\ud83d\ude00"`, `"\ud83d"`, `"\ude00x"`, `"\ud83dx"`, `"\ud83d\u0041"`,
	"\"caf\xc3\xa9\"", "\"\xff\xfe\"", "\"a\xe2\x82\"", `[]`, `{}`, ` [ 1 , "x" , null ] `,
	`{"a":{"b":[{}]},"a":2}`, `{"\u0061":1}`, "{\"\xff\":1}", `[[[[]]]]`,
	// invalid
	``, ` `, `nul`, `nulll`, `tru`, `01`, `1.`, `.5`, `1e`, `-`, `+1`, `"abc`, "\"a\x01\"", `"\x"`, `"\u12"`,
	`[1,]`, `[1 2]`, `{"a" 1}`, `{"a":1,}`, `{a:1}`, `{"a":1 "b":2}`, `[}`, `{]`, `1 2`, `[1]]`, `{"a":}`,
	`"\ud83d\u12"`, `1e700`, `[1e700]`, strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
}

func TestDecodeAnyMatchesEncodingJSON(t *testing.T) {
	for _, doc := range jsonDocs {
		checkAgainstEncodingJSON(t, []byte(doc))
	}
}

func checkAgainstEncodingJSON(t *testing.T, doc []byte) {
	t.Helper()
	var want any
	wantErr := json.Unmarshal(doc, &want)
	got, err := decodeAnyDoc(doc)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%.60q: error %v, encoding/json %v", doc, err, wantErr)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%.60q: got %#v, encoding/json %#v", doc, got, want)
	}
	// Skipping checks the same.
	d := jsonDecoder{data: doc}
	d.skip()
	if skipErr := d.end(); (skipErr == nil) != json.Valid(doc) {
		t.Fatalf("%.60q: skip: %v, json.Valid %v", doc, skipErr, json.Valid(doc))
	}
}

func FuzzDecodeAny(f *testing.F) {
	for _, doc := range jsonDocs {
		if len(doc) < 100 { // a large seed keeps the fuzzer minimizing
			f.Add([]byte(doc))
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		checkAgainstEncodingJSON(t, doc)
	})
}

// record has a field of every shape a generated decoder uses.
type record struct {
	S   string
	I   int64
	I32 int32
	F   float64
	F32 float32
	B   bool
	Raw []byte
	T   time.Time
	P   *int64
	N   Nullable[string]
	L   []string
	M   map[string]int64
	A   any
	LL  [][]*int64
	E   []testEnum
	Sub *record
}

var recordKeys = []string{"a", "b", "e", "f", "f32", "i", "i32", "l", "ll", "m", "n", "p", "raw", "s", "sub", "t"}

func (v *record) decodeJSON(d *jsonDecoder) {
	for i := d.beginFields("record", recordKeys); i != endOfObject; i = d.nextField(recordKeys) {
		switch i {
		case 0: // a
			decodeAny(&v.A, d)
		case 1: // b
			decodeBool(&v.B, d)
		case 2: // e
			decodeSlice(&v.E, d, decodeStringEnum[testEnum])
		case 3: // f
			decodeFloat64(&v.F, d)
		case 4: // f32
			decodeFloat32(&v.F32, d)
		case 5: // i
			decodeInt64(&v.I, d)
		case 6: // i32
			decodeInt32(&v.I32, d)
		case 7: // l
			decodeSlice(&v.L, d, decodeString)
		case 8: // ll
			decodeSlice(&v.LL, d, sliceDecoder(ptrDecoder(decodeInt64)))
		case 9: // m
			decodeMap(&v.M, d, decodeInt64)
		case 10: // n
			decodeNullable(&v.N, d, decodeString)
		case 11: // p
			decodePtr(&v.P, d, decodeInt64)
		case 12: // raw
			decodeBytes(&v.Raw, d)
		case 13: // s
			decodeString(&v.S, d)
		case 14: // sub
			decodeRef(&v.Sub, d, new(record))
		case 15: // t
			decodeTime(&v.T, d)
		default:
			d.skip()
		}
	}
}

type testEnum string

func TestDecodeRecord(t *testing.T) {
	doc := `{"s":"x","i":-9007199254740993,"i32":7,"f":1.5,"f32":0.25,"b":true,"raw":"aGk=",` +
		`"t":"2024-01-02T03:04:05Z","p":3,"n":null,"l":["a","b"],"m":{"k":1},"a":{"z":[1]},` +
		`"unknown":{"deep":[1,2,{"x":null}]},"ll":[[1,null],[]],"e":["known","unknown",null],"sub":{"s":"inner","sub":null}}`
	var v record
	if err := unmarshalJSON([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	want := record{
		S: "x", I: -9007199254740993, I32: 7, F: 1.5, F32: 0.25, B: true, Raw: []byte("hi"),
		T: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), P: Ptr(int64(3)), N: Null[string](),
		L: []string{"a", "b"}, M: map[string]int64{"k": 1}, A: map[string]any{"z": []any{1.0}},
		LL: [][]*int64{{Ptr(int64(1)), nil}, {}}, E: []testEnum{"known", "unknown", ""}, Sub: &record{S: "inner"},
	}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("got  %+v\nwant %+v", v, want)
	}

	// null leaves values as they are and clears pointers, slices and maps.
	if err := unmarshalJSON([]byte(`{"s":null,"i":null,"p":null,"l":null,"m":null,"a":null,"raw":null,"t":null}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.S != "x" || v.I != want.I || v.P != nil || v.L != nil || v.M != nil || v.A != nil || v.Raw != nil || v.T != want.T {
		t.Errorf("after nulls: %+v", v)
	}
	// Empty arrays and objects are empty, not nil.
	var e record
	if err := unmarshalJSON([]byte(`{"l":[],"m":{}}`), &e); err != nil || e.L == nil || e.M == nil {
		t.Errorf("empty: %+v, %v", e, err)
	}
	// null for the whole object leaves it as it is.
	if err := unmarshalJSON([]byte(` null `), &e); err != nil || e.L == nil {
		t.Errorf("null object: %+v, %v", e, err)
	}
}

func TestDecodeRefKeepsExistingValue(t *testing.T) {
	v := record{Sub: &record{S: "kept", I: 1}}
	sub := v.Sub
	if err := unmarshalJSON([]byte(`{"sub":{"i":2}}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.Sub != sub || v.Sub.S != "kept" || v.Sub.I != 2 {
		t.Errorf("sub = %+v, want the same value with i updated", v.Sub)
	}
	if err := unmarshalJSON([]byte(`{"sub":null}`), &v); err != nil || v.Sub != nil {
		t.Errorf("sub after null = %+v, %v", v.Sub, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{`{"s":1}`, "cannot decode number into Go value of type string (offset 5)"},
		{`{"i":"1"}`, "cannot decode string into Go value of type int64"},
		{`{"i":1.5}`, "cannot decode number 1.5 into Go value of type int64"},
		{`{"i":9223372036854775808}`, "cannot decode number 9223372036854775808 into Go value of type int64"},
		{`{"i32":2147483648}`, "cannot decode number 2147483648 into Go value of type int32"},
		{`{"f32":1e39}`, "cannot decode number 1e39 into Go value of type float32"},
		{`{"b":0}`, "cannot decode number into Go value of type bool"},
		{`{"raw":"***"}`, "cannot decode string into Go value of type []byte"},
		{`{"t":"yesterday"}`, "cannot decode string into Go value of type time.Time"},
		{`{"l":{}}`, "cannot decode object into Go value of type slice"},
		{`{"m":[]}`, "cannot decode array into Go value of type map"},
		{`{"sub":[]}`, "cannot decode array into Go value of type record"},
		{`[]`, "cannot decode array into Go value of type record (offset 0)"},
		{`{"s":"x"} x`, "invalid character 'x' after top-level value"},
		{`{"s":"x",}`, "invalid character '}' looking for beginning of object key string"},
		{`{"unknown":[1,}`, "invalid character"},
		{`{"s":"x"`, "unexpected end of JSON input"},
	} {
		var v record
		err := unmarshalJSON([]byte(tc.doc), &v)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.doc, err, tc.want)
		}
	}
}

func TestDecodeSyntaxErrorIsEncodingJSONs(t *testing.T) {
	var v record
	err := unmarshalJSON([]byte(`{"s":"x",}`), &v)
	var syntax *json.SyntaxError
	if !errors.As(err, &syntax) || syntax.Offset != 10 {
		t.Errorf("error %#v, want a *json.SyntaxError at offset 10", err)
	}
	// Below the document level the decoder's own message carries the offset.
	d := jsonDecoder{data: []byte(`[1,]`)}
	var s []int64
	decodeSlice(&s, &d, decodeInt64)
	if d.err == nil || d.err.Error() != "json: invalid character ']' looking for beginning of value (offset 3)" {
		t.Errorf("decoder error %v", d.err)
	}
}

func TestDecodeIntegers(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want int64
	}{{"0", 0}, {"-0", 0}, {"123456789012345678", 123456789012345678}, {"-123456789012345678", -123456789012345678},
		{"9223372036854775807", math.MaxInt64}, {"-9223372036854775808", math.MinInt64}} {
		var v int64
		if err := decodeDocument([]byte(tc.doc), &v, decodeInt64); err != nil || v != tc.want {
			t.Errorf("%s: %d, %v", tc.doc, v, err)
		}
	}
	var v int32
	if err := decodeDocument([]byte("-2147483648"), &v, decodeInt32); err != nil || v != math.MinInt32 {
		t.Errorf("int32 min: %d, %v", v, err)
	}
	if err := decodeDocument([]byte("-2147483649"), &v, decodeInt32); err == nil {
		t.Error("int32 below min: no error")
	}
}

func TestDecodeKeysWithEscapes(t *testing.T) {
	var m map[string]int64
	doc := `{"a\"b":1,"\u00e9":2,"plain":3}`
	if err := decodeDocument([]byte(doc), &m, func(p *map[string]int64, d *jsonDecoder) { decodeMap(p, d, decodeInt64) }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m, map[string]int64{`a"b`: 1, "é": 2, "plain": 3}) {
		t.Errorf("keys: %v", m)
	}
	var v record
	if err := unmarshalJSON([]byte(`{"\u0073":"escaped key"}`), &v); err != nil || v.S != "escaped key" {
		t.Errorf("escaped field key: %+v, %v", v, err)
	}
}

func TestDecodeFallback(t *testing.T) {
	type other struct{ X int }
	var v []other
	err := decodeDocument([]byte(`[{"X":1},{"X":2}]`), &v, func(p *[]other, d *jsonDecoder) { decodeSlice(p, d, decodeFallback[other]) })
	if err != nil || len(v) != 2 || v[1].X != 2 {
		t.Errorf("fallback: %+v, %v", v, err)
	}
	err = decodeDocument([]byte(`[{"X":"no"}]`), &v, func(p *[]other, d *jsonDecoder) { decodeSlice(p, d, decodeFallback[other]) })
	if err == nil || !strings.Contains(err.Error(), "cannot decode string into Go value of type int") {
		t.Errorf("fallback error: %v", err)
	}
}

func TestDecodeRaw(t *testing.T) {
	var v []json.RawMessage
	if err := decodeDocument([]byte(`[ {"a": 1} , "x" ]`), &v, func(p *[]json.RawMessage, d *jsonDecoder) { decodeSlice(p, d, decodeRaw) }); err != nil {
		t.Fatal(err)
	}
	if len(v) != 2 || string(v[0]) != `{"a": 1}` || string(v[1]) != `"x"` {
		t.Errorf("raw: %q", v)
	}
}

func TestField(t *testing.T) {
	keys := []string{"", "a", "a,b", "b", "created_at", "é"}
	for i, k := range keys {
		d := jsonDecoder{key: []byte(k)}
		if got := d.field(keys); got != i {
			t.Errorf("field(%q) = %d, want %d", k, got, i)
		}
	}
	for _, k := range []string{"0", "aa", "c", "zz", "\xff"} {
		d := jsonDecoder{key: []byte(k)}
		if got := d.field(keys); got != -1 {
			t.Errorf("field(%q) = %d, want -1", k, got)
		}
	}
	if d := (jsonDecoder{key: []byte("a")}); d.field(nil) != -1 {
		t.Error("field in no keys")
	}
}
