package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestKindOf(t *testing.T) {
	tests := []struct {
		in   string
		want jsonKind
	}{
		{"", kindInvalid},
		{"   ", kindInvalid},
		{"null", kindNull},
		{" \n\tnull", kindNull},
		{"true", kindBool},
		{"false", kindBool},
		{"0", kindNumber},
		{"-1.5e3", kindNumber},
		{"42", kindNumber},
		{`"s"`, kindString},
		{"[1]", kindArray},
		{`{"a":1}`, kindObject},
		{"x", kindInvalid},
		{"+1", kindInvalid},
	}
	for _, tt := range tests {
		if got := kindOf([]byte(tt.in)); got != tt.want {
			t.Errorf("kindOf(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

var (
	catShape = variantShape{kind: kindObject, required: []string{"meow"}, known: []string{"meow", "name"}}
	dogShape = variantShape{kind: kindObject, required: []string{"bark"}, known: []string{"bark", "name"}}
	petShape = variantShape{kind: kindObject, known: []string{"name"}}
	cats     = variantShape{kind: kindArray, items: &catShape}
	dogs     = variantShape{kind: kindArray, items: &dogShape}
)

func TestPickVariants(t *testing.T) {
	str := variantShape{kind: kindString}
	integer := variantShape{kind: kindNumber, integer: true}
	number := variantShape{kind: kindNumber}
	tests := []struct {
		name   string
		data   string
		shapes []variantShape
		want   []int
	}{
		{"kind picks", `"x"`, []variantShape{integer, str, catShape}, []int{1}},
		{"integer before number", `3`, []variantShape{number, integer}, []int{0, 1}},
		{"fraction rules out integer", `3.5`, []variantShape{integer, number}, []int{1}},
		{"exponent rules out integer", `1e3`, []variantShape{integer, number}, []int{1}},
		{"required rules out", `{"meow":true}`, []variantShape{dogShape, catShape}, []int{1}},
		{"more known properties rank higher", `{"meow":1,"name":"x"}`, []variantShape{petShape, catShape}, []int{1, 0}},
		{"undeclared properties cost more than known gain", `{"name":"x","meow":1,"extra":2}`, []variantShape{petShape, catShape}, []int{1, 0}},
		{"ties keep declaration order", `{"name":"x"}`, []variantShape{petShape, {kind: kindObject, known: []string{"name"}}}, []int{0, 1}},
		{"none", `[1]`, []variantShape{catShape, str}, []int{}},
		{"null matches null only", `null`, []variantShape{str, {kind: kindNull}}, []int{1}},
		{"malformed object", `{"a":`, []variantShape{petShape}, nil},
		{"escaped keys", `{"\u006deow":1,"n\u0061me":"x"}`, []variantShape{petShape, catShape}, []int{1, 0}},
		{"repeated keys count once", `{"name":"x","name":"y","meow":1}`, []variantShape{catShape, petShape}, []int{0, 1}},
		{"keys match exactly", `{"Meow":1,"name":"x"}`, []variantShape{catShape, petShape}, []int{1}},
		// A variant that declares none of the object's members would hold
		// nothing of it: Raw keeps it.
		{"none of its members", `{"meow":1,"chime":false}`, []variantShape{{kind: kindObject, known: []string{"security"}}}, []int{}},
		{"an empty object is any", `{}`, []variantShape{petShape}, []int{0}},
		// Lists of objects rank by their first item; a list is never ruled out.
		{"first item picks the list", `[{"bark":1,"name":"x"},{"meow":1}]`, []variantShape{cats, dogs}, []int{1, 0}},
		{"first item in declaration order", `[{"meow":1}]`, []variantShape{cats, dogs}, []int{0, 1}},
		{"empty list keeps declaration order", ` [ ] `, []variantShape{dogs, cats}, []int{0, 1}},
		// Two variants alike in their own properties are told apart by
		// their members': a list's first item, an object.
		{"members break a tie", `{"pets":[{"meow":1}],"owner":{"bark":1}}`, []variantShape{
			{kind: kindObject, known: []string{"pets", "owner"}, members: []memberShape{{"pets", dogs}}},
			{kind: kindObject, known: []string{"pets", "owner"}, members: []memberShape{{"pets", cats}}},
		}, []int{1, 0}},
		{"an object member", `{"pets":[],"owner":{"bark":1,"name":"x"}}`, []variantShape{
			{kind: kindObject, known: []string{"pets", "owner"}, members: []memberShape{{"owner", catShape}}},
			{kind: kindObject, known: []string{"pets", "owner"}, members: []memberShape{{"owner", dogShape}}},
		}, []int{1, 0}},
		// A member that misses what its shape requires costs more than
		// any fit of the object's own properties wins: as a missing
		// required property rules a variant out, it ranks it last.
		{"a member that does not fit ranks last", `{"pets":[{"meow":1}],"extra":1}`, []variantShape{
			{kind: kindObject, known: []string{"pets", "extra"}, members: []memberShape{{"pets", dogs}}},
			{kind: kindObject, known: []string{"pets"}, members: []memberShape{{"pets", cats}}},
		}, []int{1, 0}},
		{"absent, empty or other members leave the tie", `{"pets":[],"owner":null}`, []variantShape{
			{kind: kindObject, known: []string{"pets", "owner"}, members: []memberShape{{"pets", dogs}, {"owner", dogShape}}},
			{kind: kindObject, known: []string{"pets", "owner"}, members: []memberShape{{"pets", cats}, {"owner", catShape}}},
		}, []int{0, 1}},
		{"list of scalars", `[1,2]`, []variantShape{dogs, {kind: kindArray}}, []int{0, 1}},
		{"malformed first item is left to the decoder", `[{"a":]`, []variantShape{cats}, []int{0}},
		// A variant of any kind (a union of its own, any) comes after those of the value's kind.
		{"any after the value's kind", `"x"`, []variantShape{{kind: kindAny}, integer, str}, []int{2, 0}},
		{"any after objects", `{"meow":1}`, []variantShape{{kind: kindAny}, catShape}, []int{1, 0}},
		{"any takes what no other kind does", `true`, []variantShape{str, {kind: kindAny}}, []int{1}},
		{"null is not any's", `null`, []variantShape{{kind: kindAny}}, []int{}},
		{"a union of its own takes its variants' values", `"x"`, []variantShape{catShape, {kind: kindAny, union: []variantShape{str}}}, []int{1}},
		{"and no others", `12`, []variantShape{{kind: kindAny, union: []variantShape{str, catShape}}}, []int{}},
		{"and ranks as its best", `{"bark":1,"name":"x"}`, []variantShape{petShape, {kind: kindAny, union: []variantShape{catShape, dogShape}}}, []int{1, 0}},
	}
	for _, tt := range tests {
		got := pickVariants([]byte(tt.data), tt.shapes)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: pickVariants(%s) = %v, want %v", tt.name, tt.data, got, tt.want)
		}
	}
}

func TestDiscriminatorValue(t *testing.T) {
	tests := []struct {
		data, prop, want string
	}{
		{`{"type":"cat","name":"x"}`, "type", "cat"},
		{`{"name":"x"}`, "type", ""},
		{`{"type":3}`, "type", ""},
		{`{"type":null}`, "type", ""},
		{`{"type":"a\"b"}`, "type", `a"b`},
		{`{"t\u0079pe":"escaped"}`, "type", "escaped"},
		{`{"type":"first","type":"last"}`, "type", "last"},
		{`{"name":"x","type":"first","type":"last"}`, "type", "last"},
		{` { "type" : "spaced" }`, "type", "spaced"},
		{`{"typed":"no","type":"yes"}`, "type", "yes"},
		// The property matches as encoding/json matches a field's name:
		// regardless of case, the last match winning.
		{`{"Type":"cat"}`, "type", "cat"},
		{`{"type":"x","TYPE":"y"}`, "type", "y"},
		{`{"a":{"type":"inner"},"b":["}",{"type":"x"}],"type":"outer"}`, "type", "outer"},
		{`{"a":"\"}","type":"after escapes"}`, "type", "after escapes"},
		{`{"TYPE":"x","type":"y"}`, "type", "y"},
		// A name a struct tag cannot hold matches exactly.
		{`{"a,b":"x","A,B":"y"}`, "a,b", "x"},
		{`{"a,b":1}`, "a,b", ""},
		{`{"":"empty"}`, "", "empty"},
		{`["type"]`, "type", ""},
		{`not json`, "type", ""},
	}
	for _, tt := range tests {
		if got := discriminatorValue([]byte(tt.data), tt.prop); got != tt.want {
			t.Errorf("discriminatorValue(%s, %q) = %q, want %q", tt.data, tt.prop, got, tt.want)
		}
	}
}

// The types below are unions as the generator writes them.

type testCat struct {
	Meow bool    `json:"meow"`
	Name *string `json:"name,omitzero"`
}

type testDog struct {
	Bark int64   `json:"bark"`
	Name *string `json:"name,omitzero"`
}

// testPet is a union without discriminator of two objects, an integer, a
// string and an array.
type testPet struct {
	Cat   *testCat
	Dog   *testDog
	Int   *int64
	Str   *string
	Names []string
	Raw   json.RawMessage
}

func (v *testPet) UnmarshalJSON(data []byte) error {
	*v = testPet{}
	shapes := []variantShape{catShape, dogShape, {kind: kindNumber, integer: true}, {kind: kindString}, {kind: kindArray}}
	return unmarshalUnion(data, shapes, &v.Raw, &v.Cat, &v.Dog, &v.Int, &v.Str, &v.Names)
}

func (v testPet) value() any {
	for _, f := range []any{v.Cat, v.Dog, v.Int, v.Str, v.Names, v.Raw} {
		if !reflect.ValueOf(f).IsNil() {
			return f
		}
	}
	return nil
}

// testToy is a union with discriminator "type".
type testToy struct {
	Cat *testCat
	Dog *testDog
	Raw json.RawMessage
}

func (v *testToy) UnmarshalJSON(data []byte) error {
	*v = testToy{}
	switch discriminatorValue(data, "type") {
	case "cat", "kitten":
		return json.Unmarshal(data, &v.Cat)
	case "dog":
		return json.Unmarshal(data, &v.Dog)
	}
	return unmarshalRaw(data, &v.Raw)
}

func TestUnionWithoutDiscriminator(t *testing.T) {
	tests := []struct {
		data string
		want any
	}{
		{`{"meow":true,"name":"Tom"}`, &testCat{Meow: true, Name: Ptr("Tom")}},
		{`{"bark":3}`, &testDog{Bark: 3}},
		// The dog's bark does not decode: the next candidate, none here.
		{`{"bark":"loud"}`, json.RawMessage(`{"bark":"loud"}`)},
		// Both required properties: the cat ranks first but does not decode.
		{`{"meow":"yes","bark":2}`, &testDog{Bark: 2}},
		{`{"meow":true,"bark":2}`, &testCat{Meow: true}},
		{`12`, Ptr(int64(12))},
		{`1.5`, json.RawMessage(`1.5`)},
		{`"x"`, Ptr("x")},
		{`["a","b"]`, []string{"a", "b"}},
		{`[1]`, json.RawMessage(`[1]`)},
		{`{}`, json.RawMessage(`{}`)},
		{`true`, json.RawMessage(`true`)},
		{`null`, json.RawMessage(`null`)},
	}
	for _, tt := range tests {
		var v testPet
		if err := json.Unmarshal([]byte(tt.data), &v); err != nil {
			t.Errorf("%s: %v", tt.data, err)
			continue
		}
		if got := v.value(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: decoded %#v, want %#v", tt.data, got, tt.want)
		}
	}
	// Decoding again leaves nothing of the value before.
	v := testPet{Cat: &testCat{Meow: true}, Raw: json.RawMessage(`1`)}
	if err := json.Unmarshal([]byte(`"s"`), &v); err != nil || v.Cat != nil || v.Raw != nil || *v.Str != "s" {
		t.Errorf("decoded over a value: %+v, %v", v, err)
	}
	// In a struct, null leaves a pointer nil, as for any type.
	var holder struct {
		Pet  *testPet `json:"pet"`
		Pets []testPet
	}
	if err := json.Unmarshal([]byte(`{"pet":null,"Pets":[1,{"bark":1}]}`), &holder); err != nil || holder.Pet != nil || *holder.Pets[0].Int != 1 || holder.Pets[1].Dog.Bark != 1 {
		t.Errorf("in a struct: %+v, %v", holder, err)
	}
	// Called directly, it still refuses what is not JSON.
	var syntax *json.SyntaxError
	if err := v.UnmarshalJSON([]byte(`{"meow":`)); !errors.As(err, &syntax) {
		t.Errorf("malformed: %v", err)
	}
}

func TestUnionWithDiscriminator(t *testing.T) {
	tests := []struct {
		data string
		want any
	}{
		{`{"type":"cat","meow":true}`, &testCat{Meow: true}},
		{`{"meow":true,"type":"kitten"}`, &testCat{Meow: true}},
		{`{"type":"dog","bark":1}`, &testDog{Bark: 1}},
		{`{"type":"bird"}`, json.RawMessage(`{"type":"bird"}`)},
		{`{"meow":true}`, json.RawMessage(`{"meow":true}`)},
		{`{"type":1}`, json.RawMessage(`{"type":1}`)},
		{`"cat"`, json.RawMessage(`"cat"`)},
	}
	for _, tt := range tests {
		var v testToy
		if err := json.Unmarshal([]byte(tt.data), &v); err != nil {
			t.Errorf("%s: %v", tt.data, err)
			continue
		}
		var got any
		switch {
		case v.Cat != nil:
			got = v.Cat
		case v.Dog != nil:
			got = v.Dog
		default:
			got = v.Raw
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: decoded %#v, want %#v", tt.data, got, tt.want)
		}
	}
	// A variant the discriminator names but the value does not fit is an
	// error, with the path to the member that does not.
	var holder struct {
		Toy testToy `json:"toy"`
	}
	err := json.Unmarshal([]byte(`{"toy":{"type":"dog","bark":"loud"}}`), &holder)
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) || typeErr.Field != "toy.bark" || typeErr.Value != "string" {
		t.Errorf("bad dog: %v", err)
	}
}

// largeObject is a cat with n undeclared members.
func largeObject(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"meow":true`)
	for i := range n {
		fmt.Fprintf(&b, `,"key%d":{"v":[%d,"x"]}`, i, i)
	}
	b.WriteString("}")
	return b.Bytes()
}

// BenchmarkUnionLargeObject measures a union's large object at three sizes:
// the time per byte stays flat as the object grows (ranking the variants once
// compared every key with every other, and a 341 KB object took 10 s).
func BenchmarkUnionLargeObject(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		data := largeObject(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var v testPet
				if err := json.Unmarshal(data, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// unionSamples seed FuzzUnion.
var unionSamples = []string{
	`null`, `true`, `0`, `-1`, `1.5`, `1e3`, `"x"`, `"a\"b"`, `[]`, `["a"]`, `[1]`, `{}`, ` {} `,
	`{"meow":true}`, `{"meow":"no"}`, `{"bark":1}`, `{"bark":1.5}`, `{"meow":true,"bark":1}`,
	`{"name":"x","meow":false,"extra":1}`, `{"n\u0061me":"x","\u006deow":true}`, `{"meow":true,"meow":1}`,
	`{"type":"cat","meow":true}`, `{"type":"dog","bark":"x"}`, `{"type":"kitten"}`, `{"type":1}`,
	`{"Type":"dog"}`, `{"MEOW":true}`, `{"meow":`, `[1,]`, `nul`,
}

// FuzzUnion: decoding a union never panics, fails only where encoding/json
// fails, and sets exactly what json.Unmarshal of the chosen variant gives:
// without discriminator, the first candidate that decodes; with one, the
// variant it names; else Raw, the value as it was.
func FuzzUnion(f *testing.F) {
	for _, s := range unionSamples {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		valid := json.Valid(data)
		raw := bytes.Trim(data, " \t\r\n")

		var pet testPet
		err := json.Unmarshal(data, &pet)
		if (err == nil) != valid {
			t.Fatalf("testPet %q: error %v, json.Valid %v", data, err, valid)
		}
		if !valid {
			return
		}
		fresh := []func() any{
			func() any { return new(*testCat) }, func() any { return new(*testDog) },
			func() any { return new(*int64) }, func() any { return new(*string) }, func() any { return new([]string) },
		}
		var want any = json.RawMessage(raw)
		for _, i := range pickVariants(raw, []variantShape{catShape, dogShape, {kind: kindNumber, integer: true}, {kind: kindString}, {kind: kindArray}}) {
			p := fresh[i]()
			if json.Unmarshal(data, p) == nil {
				want = reflect.ValueOf(p).Elem().Interface()
				break
			}
		}
		if got := pet.value(); !reflect.DeepEqual(got, want) {
			t.Fatalf("testPet %q = %#v, want %#v", data, got, want)
		}

		var toy testToy
		err = json.Unmarshal(data, &toy)
		var wantErr error
		switch discriminatorValue(raw, "type") {
		case "cat", "kitten":
			var c *testCat
			wantErr = json.Unmarshal(data, &c)
			want = c
		case "dog":
			var d *testDog
			wantErr = json.Unmarshal(data, &d)
			want = d
		default:
			want = json.RawMessage(raw)
		}
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("testToy %q: error %v, want %v", data, err, wantErr)
		}
		if err != nil {
			return
		}
		var got any = toy.Raw
		if toy.Cat != nil {
			got = toy.Cat
		} else if toy.Dog != nil {
			got = toy.Dog
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("testToy %q = %#v, want %#v", data, got, want)
		}
		if strings.Count(fmt.Sprint(toy.Cat != nil, toy.Dog != nil, toy.Raw != nil), "true") != 1 {
			t.Fatalf("testToy %q: %+v, want exactly one field set", data, toy)
		}
	})
}

// FuzzDiscriminator holds discriminatorValue's pass over the members to
// what encoding/json reads into a struct field of that name.
func FuzzDiscriminator(f *testing.F) {
	for _, s := range unionSamples {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"a":{"type":"inner"},"b":["}",{"type":"x"}],"type":"outer"}`))
	f.Add([]byte(`{"Type":"a","type":"b","TYPE":"c"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return // encoding/json checks a value before a type's UnmarshalJSON sees it
		}
		var want struct {
			Type string `json:"type"`
		}
		_ = json.Unmarshal(data, &want)
		if got := discriminatorValue(data, "type"); got != want.Type {
			t.Errorf("discriminatorValue(%q) = %q, encoding/json reads %q", data, got, want.Type)
		}
	})
}

type forwardLinks struct {
	Last string `json:"last,omitzero"`
	Next string `json:"next,omitzero"`
}

type backwardLinks struct {
	First string `json:"first,omitzero"`
	Prev  string `json:"prev,omitzero"`
}

// TestAnyOfMerges decodes a value that is two object variants at once into
// both, and encodes them merged: nothing is lost.
func TestAnyOfMerges(t *testing.T) {
	shapes := []variantShape{
		{kind: kindObject, known: []string{"last", "next"}},
		{kind: kindObject, known: []string{"first", "prev"}},
		{kind: kindString},
	}
	decode := func(data string) (*forwardLinks, *backwardLinks, *string, json.RawMessage, error) {
		var (
			f   *forwardLinks
			b   *backwardLinks
			s   *string
			raw json.RawMessage
		)
		err := unmarshalAnyOf([]byte(data), shapes, &raw, &f, &b, &s)
		return f, b, s, raw, err
	}
	f, b, s, raw, err := decode(`{"first":"1","last":"9","next":"3"}`)
	if err != nil || f == nil || b == nil || s != nil || raw != nil || f.Last != "9" || b.First != "1" {
		t.Fatalf("decoded %+v %+v %v %s, %v", f, b, s, raw, err)
	}
	got, err := marshalAnyOf(raw, f, b, s)
	if err != nil || string(got) != `{"first":"1","last":"9","next":"3"}` {
		t.Errorf("encoded %s, %v", got, err)
	}

	// A variant none of whose properties the value has is left unset.
	f, b, _, _, _ = decode(`{"last":"9"}`)
	if f == nil || b != nil {
		t.Errorf("decoded %+v %+v, want only the forward links", f, b)
	}
	if got, _ := marshalAnyOf(nil, f, b, s); string(got) != `{"last":"9"}` {
		t.Errorf("encoded %s", got)
	}
	// A variant that declares nothing the others do not is left unset.
	var (
		fb   *forwardLinks
		bb   *backwardLinks
		raw2 json.RawMessage
	)
	restating := []variantShape{{kind: kindObject, known: []string{"last", "next"}}, {kind: kindObject, known: []string{"last"}}}
	if err := unmarshalAnyOf([]byte(`{"last":"9","next":"3"}`), restating, &raw2, &fb, &bb); err != nil || fb == nil || bb != nil {
		t.Errorf("decoded %+v %+v, %v; want only the first", fb, bb, err)
	}
	// A scalar is one variant only; a value matching none stays raw.
	_, _, s, _, _ = decode(`"x"`)
	if s == nil || *s != "x" {
		t.Errorf("string variant %v", s)
	}
	f, b, s, raw, err = decode(`[1]`)
	if err != nil || f != nil || b != nil || s != nil || string(raw) != `[1]` {
		t.Errorf("decoded %+v %+v %v %s, %v", f, b, s, raw, err)
	}
	if got, _ := marshalAnyOf(raw, f, b, s); string(got) != `[1]` {
		t.Errorf("raw encoded as %s", got)
	}
	if got, _ := marshalAnyOf(nil, (*forwardLinks)(nil)); string(got) != `null` {
		t.Errorf("nothing set encoded as %s", got)
	}
}
