package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The decoders' fast paths must give what the encoding/json paths they
// shortcut give, for any input: these tests compare them with reference
// implementations that go through encoding/json only.

// jsonSamples are inputs for the comparisons and seeds for the fuzz tests.
var jsonSamples = []string{
	``, ` `, `null`, ` null `, `nul`, `nulll`, `true`, `false`, `tru`, `0`, `-0`, `01`, `-`, `1.`, `1.5`, `.5`,
	`1e5`, `1E+5`, `1e-5`, `1e`, `-12`, `9223372036854775807`, `9223372036854775808`, `-9223372036854775808`,
	`+1`, `0x10`, `1_000`, `Infinity`, `NaN`, `""`, `"a"`, `"a\"b"`, `"\u00e9"`, `"\u00"`, `"\x"`, `"é"`,
	"\"\xff\"", "\"a\tb\"", `"<&>"`, "\"\u2028\"", `"abc`, `[]`, `[1,2]`, `[1,]`, `[,1]`, `[1 2]`, `{}`, ` { } `,
	`{"a":1}`, `{"a":1,}`, `{"a" 1}`, `{"a":}`, `{a:1}`, `{"a":1}x`, `{"a":1}{}`, `{"a":[1,{"b":"}"}],"c":"]"}`,
	`{"object":"verification_otp","status":"verified"}`, `{"object":"a","object":"b"}`,
	`{"obj\u0065ct":"escaped"}`, `{"object":"x\ny"}`, `{"object":"caf\u00e9"}`, `{"object":null}`, `{"object":1}`,
	`{"object":"ok"`, `{"object":"ok",`, `{"object":"ok"}}`, `["object","x"]`, `"object"`,
	`{"name":"x","extra":{"deep":[true,false,null]}}`, `{"name":"x","extr\u0061":1}`, `{"name":1}`,
	strings.Repeat("[", maxJSONDepth) + strings.Repeat("]", maxJSONDepth),
	strings.Repeat("[", maxJSONDepth+1) + strings.Repeat("]", maxJSONDepth+1),
	`{"a":` + strings.Repeat("[", maxJSONDepth) + strings.Repeat("]", maxJSONDepth) + `}`,
}

func TestScanMembersValidity(t *testing.T) {
	for _, s := range jsonSamples {
		checkScanMembers(t, []byte(s))
	}
}

func FuzzScanMembers(f *testing.F) {
	for _, s := range jsonSamples {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkScanMembers(t, data) })
}

func checkScanMembers(t *testing.T, data []byte) {
	t.Helper()
	var keys []string
	var values []json.RawMessage
	valid, isObject := scanMembers(data, func(key, value []byte) {
		keys = append(keys, string(key))
		values = append(values, json.RawMessage(value))
	})
	if want := json.Valid(data); valid != want {
		t.Fatalf("scanMembers(%.80q) valid = %v, json.Valid says %v", data, valid, want)
	}
	if !valid {
		return
	}
	var obj map[string]json.RawMessage
	wantObject := json.Unmarshal(data, &obj) == nil && obj != nil
	if isObject != wantObject {
		t.Fatalf("scanMembers(%.80q) isObject = %v, want %v", data, isObject, wantObject)
	}
	for i, v := range values {
		if !json.Valid(v) {
			t.Fatalf("scanMembers(%.80q): value of %q is %q", data, keys[i], v)
		}
		if isVerbatimString([]byte(keys[i])) {
			if got, want := compact(t, v), compact(t, obj[keys[i]]); got != want && lastIndex(keys, keys[i]) == i {
				t.Fatalf("scanMembers(%.80q): %q = %s, want %s", data, keys[i], got, want)
			}
		}
	}
}

func compact(t *testing.T, b []byte) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func lastIndex(s []string, v string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == v {
			return i
		}
	}
	return -1
}

// discriminatorValueRef is discriminatorValue through encoding/json.
func discriminatorValueRef(data []byte, prop string) string {
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil {
		return ""
	}
	var s string
	if json.Unmarshal(obj[prop], &s) != nil {
		return ""
	}
	return s
}

func TestDiscriminatorValueMatchesEncodingJSON(t *testing.T) {
	for _, s := range jsonSamples {
		if got, want := discriminatorValue([]byte(s), "object"), discriminatorValueRef([]byte(s), "object"); got != want {
			t.Errorf("discriminatorValue(%.80q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzDiscriminatorValue(f *testing.F) {
	for _, s := range jsonSamples {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := discriminatorValue(data, "object"), discriminatorValueRef(data, "object"); got != want {
			t.Errorf("discriminatorValue(%.80q) = %q, want %q", data, got, want)
		}
	})
}

// unmarshalAdditionalRef is unmarshalAdditional through encoding/json.
func unmarshalAdditionalRef[V any](data []byte, declared []string) (map[string]V, error) {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	var out map[string]V
	for k, raw := range all {
		if slices.Contains(declared, k) {
			continue
		}
		var v V
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, err
		}
		if out == nil {
			out = map[string]V{}
		}
		out[k] = v
	}
	return out, nil
}

func TestUnmarshalAdditionalMatchesEncodingJSON(t *testing.T) {
	for _, s := range jsonSamples {
		for _, declared := range [][]string{nil, {"name"}, {"name", "extra"}, {"object", "status"}, {"a", "b"}} {
			got, err := unmarshalAdditional[any]([]byte(s), declared)
			want, wantErr := unmarshalAdditionalRef[any]([]byte(s), declared)
			if (err != nil) != (wantErr != nil) || !reflect.DeepEqual(got, want) {
				t.Errorf("unmarshalAdditional(%.80q, %q) = %v, %v; want %v, %v", s, declared, got, err, want, wantErr)
			}
		}
	}
}

func TestNullableFastPathsMatchEncodingJSON(t *testing.T) {
	for _, s := range jsonSamples {
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
	for _, s := range jsonSamples {
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
	if strings.TrimSpace(data) == "null" {
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

func TestMarshalJSONReusesNothing(t *testing.T) {
	a, _ := marshalJSON(map[string]string{"k": "first"})
	b, _ := marshalJSON(map[string]string{"k": "second, and longer"})
	if string(a) != `{"k":"first"}` || string(b) != `{"k":"second, and longer"}` {
		t.Errorf("marshalJSON results %s and %s", a, b)
	}
	big := strings.Repeat("x", 2*maxPooledEncoder)
	c, _ := marshalJSON(big)
	if len(c) != len(big)+2 {
		t.Errorf("marshalJSON of %d bytes gave %d", len(big), len(c))
	}
	// Nested MarshalJSON calls take encoders of their own.
	d, _ := marshalJSON([]Nullable[[]string]{NewNullable([]string{"<a>"}), Null[[]string]()})
	if string(d) != `[["<a>"],null]` {
		t.Errorf("nested marshalJSON = %s", d)
	}
}

func TestDecodeVariantLeavesNoTrace(t *testing.T) {
	type cat struct{ Meow bool }
	decodeCat := func(v *cat, d *jsonDecoder) {
		for ok := d.beginObject("cat"); ok; ok = d.nextMember() {
			if string(d.key) == "meow" {
				decodeBool(&v.Meow, d)
			} else {
				d.skip()
			}
		}
	}
	try := func(doc string, dst **cat) bool {
		d := &jsonDecoder{data: []byte(doc)}
		raw := d.rawValue()
		ok := decodeVariantPtr(d, raw, dst, decodeCat)
		if d.err != nil || d.pos != len(doc) {
			t.Fatalf("decodeVariantPtr(%s) left the decoder at %d, %v", doc, d.pos, d.err)
		}
		return ok
	}
	dst := &cat{Meow: true}
	keep := dst
	if try(`{"meow":"loud"}`, &dst) {
		t.Fatal("decodeVariantPtr of a bad value: true")
	}
	if dst != keep || !dst.Meow {
		t.Errorf("failed decodeVariantPtr changed dst: %+v", dst)
	}
	var fresh *cat
	if !try(`{"meow":false}`, &fresh) || fresh == nil || fresh.Meow {
		t.Errorf("decodeVariantPtr = %+v", fresh)
	}
	if !try(`{"meow":true}`, &dst) || dst == keep || !keep.Meow {
		t.Errorf("decodeVariantPtr wrote into the old value: %+v", keep)
	}
}

// shortReader returns its data a few bytes at a time, then err.
type shortReader struct {
	data []byte
	err  error
}

func (r *shortReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p[:min(len(p), 3)], r.data)
	r.data = r.data[n:]
	return n, nil
}

func (r *shortReader) Close() error { return nil }

func TestReadBody(t *testing.T) {
	body := strings.Repeat("0123456789", 100)
	for _, length := range []int64{-1, 0, 10, int64(len(body)), int64(len(body)) + 50, maxBodyHint + 1} {
		resp := response{Response: &http.Response{ContentLength: length, Body: &shortReader{data: []byte(body), err: io.EOF}}}
		got, err := readBody(resp)
		if err != nil || string(got) != body {
			t.Errorf("Content-Length %d: readBody = %d bytes, %v", length, len(got), err)
		}
	}
	broken := errors.New("connection reset")
	resp := response{Response: &http.Response{ContentLength: 100, Body: &shortReader{data: []byte("partial"), err: broken}}}
	got, err := readBody(resp)
	if !errors.Is(err, broken) || string(got) != "partial" {
		t.Errorf("readBody of a broken body = %q, %v", got, err)
	}
	resp.Body = &shortReader{data: []byte("partial"), err: broken}
	if _, err := decodeWith(resp, decodeAny); err == nil || !strings.Contains(err.Error(), "reading response body") {
		t.Errorf("decodeJSON of a broken body: %v", err)
	}
}

func TestRetryStatusClasses(t *testing.T) {
	r := &RetryConfig{StatusCodes: []string{"5xx", "429"}}
	for code, want := range map[int]bool{500: true, 503: true, 599: true, 429: true, 428: false, 200: false, 400: false} {
		if got := r.retryStatus(code); got != want {
			t.Errorf("retryStatus(%d) = %v, want %v", code, got, want)
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
