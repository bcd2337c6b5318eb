package shapes

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// pet has a member of every shape the SDK decodes, and one it does not
// know ("unknown").
const pet = `{
	"id": 7, "kind": "cat", "name": null, "tags": ["a", "b\u00e9"], "levels": [1, 3, 9],
	"status": "sleeping", "born": "2024-01-02T03:04:05Z", "photo": "aGk=", "weight": 1.5,
	"extra": {"x": [1, "y", null, true]}, "owner": {"name": "Ann"},
	"parent": {"id": 1, "kind": "dog", "owner": null, "nickname": "Rex"},
	"toy": {"type": "ball", "radius": 2.5}, "size": [1, 2], "shape": {"side": 3},
	"lastShape": {"radius": 1, "name": "dot"},
	"attrs": {"color": "red", "mood": "calm"}, "a,b": true, "scores": {"x": 1, "y": null},
	"unknown": {"deep": [{"a": 1}]}
}`

func TestDecodePet(t *testing.T) {
	var got Pet
	if err := json.Unmarshal([]byte(pet), &got); err != nil {
		t.Fatal(err)
	}
	born := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	status := Status("sleeping")
	one, two, radius, weight := int64(1), int64(2), 2.5, 1.5
	want := Pet{
		ID: 7, Kind: KindCat, Name: Null[string](), Tags: []string{"a", "bé"},
		Levels: []Level{1, 3, 9}, Status: &status, Born: &born, Photo: []byte("hi"), Weight: &weight,
		Extra: map[string]any{"x": []any{1.0, "y", nil, true}}, Owner: &Owner{Name: Ptr("Ann")},
		Parent:    &Pet{ID: 1, Kind: KindDog, Nickname: NewNullable("Rex")},
		Toy:       &Toy{Ball: &Ball{Type: "ball", Radius: &radius}},
		Size:      &Size{Int64List: []int64{one, two}},
		Shape:     &Shape{Square: &Square{Side: 3}},
		LastShape: NewNullable(PetLastShape{Circle: &Circle{Radius: 1, Name: Ptr("dot")}}),
		Attrs:     &PetAttrs{Color: Ptr("red"), AdditionalProperties: map[string]string{"mood": "calm"}},
		AB:        Ptr(true), Scores: map[string]*float64{"x": Ptr(1.0), "y": nil},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decoded\n%+v\nwant\n%+v", got, want)
	}
	if got.Status.IsKnown() {
		t.Error("an unknown enum value reports IsKnown")
	}

	// Encoding what was decoded gives the same JSON, less what the SDK does
	// not know.
	out, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var a, b map[string]any
	if err := json.Unmarshal([]byte(pet), &a); err != nil {
		t.Fatal(err)
	}
	delete(a, "unknown")
	if err := json.Unmarshal(out, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("round trip\n%s\nwant\n%v", out, a)
	}
}

// TestKeysMatchWithoutCase: object keys match field names as encoding/json
// matches them, an exact match first, then one that differs only in case.
// The JSON names of untagged fields and of additional properties match
// exactly.
func TestKeysMatchWithoutCase(t *testing.T) {
	var p Pet
	if err := json.Unmarshal([]byte(`{"ID":3,"Kind":"dog","id":4,"A,B":true,"attrs":{"COLOR":"blue","Mood":"x"}}`), &p); err != nil {
		t.Fatal(err)
	}
	if p.ID != 4 || p.Kind != KindDog || p.AB != nil || *p.Attrs.Color != "blue" || p.Attrs.AdditionalProperties["Mood"] != "x" {
		t.Errorf("decoded %+v, attrs %+v", p, p.Attrs)
	}
}

func TestNullableStates(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want Nullable[string]
	}{
		{`{}`, Nullable[string]{}},
		{`{"nickname":null}`, Null[string]()},
		{`{"nickname":"Rex"}`, NewNullable("Rex")},
		{`{"nickname":"caf\u00e9 \"bar\""}`, NewNullable(`café "bar"`)},
	} {
		var p Pet
		if err := json.Unmarshal([]byte(tc.doc), &p); err != nil {
			t.Fatal(err)
		}
		if p.Nickname != tc.want {
			t.Errorf("%s: nickname %+v, want %+v", tc.doc, p.Nickname, tc.want)
		}
		// Absent stays absent, null stays null, a value stays that value.
		out, err := json.Marshal(Pet{Nickname: p.Nickname})
		if err != nil {
			t.Fatal(err)
		}
		var again Pet
		if err := json.Unmarshal(out, &again); err != nil || again.Nickname != tc.want {
			t.Errorf("%s: round trip through %s gave %+v, %v", tc.doc, out, again.Nickname, err)
		}
	}
	var p Pet
	if err := json.Unmarshal([]byte(`{"lastShape":null}`), &p); err != nil || !p.LastShape.IsNull() {
		t.Errorf("null union: %+v, %v", p.LastShape, err)
	}
}

func TestDecodeUnions(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want any
	}{
		{`{"type":"rope","length":3}`, &Rope{Type: "rope", Length: Ptr(int64(3))}},
		{`{"type":"kite"}`, json.RawMessage(`{"type":"kite"}`)},
		{`{"length":3}`, json.RawMessage(`{"length":3}`)},
	} {
		var toy Toy
		if err := json.Unmarshal([]byte(tc.doc), &toy); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(toy.Value(), tc.want) {
			t.Errorf("Toy %s = %#v, want %#v", tc.doc, toy.Value(), tc.want)
		}
	}
	// A discriminated variant of the wrong shape is an error, not Raw.
	var toy Toy
	if err := json.Unmarshal([]byte(`{"type":"rope","length":"long"}`), &toy); err == nil {
		t.Errorf("bad rope decoded: %+v", toy)
	}
	for _, tc := range []struct {
		doc  string
		want any
	}{
		{`12`, Ptr(int64(12))}, {`"xl"`, Ptr("xl")}, {`[3]`, []int64{3}}, {`1.5`, json.RawMessage(`1.5`)}, {`{}`, json.RawMessage(`{}`)},
		{`null`, json.RawMessage(`null`)},
	} {
		var size Size
		if err := json.Unmarshal([]byte(tc.doc), &size); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(size.Value(), tc.want) {
			t.Errorf("Size %s = %#v, want %#v", tc.doc, size.Value(), tc.want)
		}
	}
	// Objects without discriminator: required properties rule variants
	// out, declared ones present rank them up, undeclared ones down; ties
	// keep the declaration order.
	for _, tc := range []struct {
		doc  string
		want any
	}{
		{`{"radius":1}`, &Circle{Radius: 1}},
		{`{"side":2,"name":"s"}`, &Square{Side: 2, Name: Ptr("s")}},
		{`{"name":"b"}`, &Blob{Name: Ptr("b")}},
		{`{}`, &Blob{}},
		{`{"radius":1,"side":2,"name":"both"}`, &Circle{Radius: 1, Name: Ptr("both")}},
		// The square ranks first but does not decode: the next one does.
		{`{"side":2.5,"name":"n"}`, &Blob{Name: Ptr("n")}},
		{`[]`, json.RawMessage(`[]`)},
	} {
		var shape Shape
		if err := json.Unmarshal([]byte(tc.doc), &shape); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(shape.Value(), tc.want) {
			t.Errorf("Shape %s = %#v, want %#v", tc.doc, shape.Value(), tc.want)
		}
		out, err := json.Marshal(shape)
		if err != nil || !json.Valid(out) {
			t.Errorf("Shape %s encodes as %s, %v", tc.doc, out, err)
		}
	}
}

func TestAdditionalProperties(t *testing.T) {
	var a PetAttrs
	if err := json.Unmarshal([]byte(`{"color":"red","b":"2","a":"1"}`), &a); err != nil {
		t.Fatal(err)
	}
	if *a.Color != "red" || !reflect.DeepEqual(a.AdditionalProperties, map[string]string{"a": "1", "b": "2"}) {
		t.Errorf("decoded %+v", a)
	}
	out, err := json.Marshal(a)
	if err != nil || string(out) != `{"color":"red","a":"1","b":"2"}` {
		t.Errorf("encoded %s, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`{"color":"blue"}`), &a); err != nil || a.AdditionalProperties != nil {
		t.Errorf("without additional properties: %+v, %v", a, err)
	}
}

func serve(t *testing.T, status int, body string) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return New(WithServerURL(srv.URL))
}

func TestDecodeResponses(t *testing.T) {
	ctx := context.Background()
	pets, err := serve(t, 200, "["+pet+`,{"id":2,"kind":"dog","owner":null}]`).ListPets(ctx)
	if err != nil || len(pets) != 2 || pets[0].ID != 7 || pets[1].Kind != KindDog || pets[1].Owner != nil {
		t.Errorf("ListPets = %+v, %v", pets, err)
	}
	empty, err := serve(t, 200, `[]`).ListPets(ctx)
	if err != nil || empty == nil || len(empty) != 0 {
		t.Errorf("ListPets of [] = %#v, %v", empty, err)
	}
	status, err := serve(t, 200, `"up"`).GetStatus(ctx)
	if err != nil || *status != StatusUp {
		t.Errorf("GetStatus = %v, %v", status, err)
	}
	counts, err := serve(t, 200, `{"a":[1,2],"b":[],"c":null}`).GetCounts(ctx)
	if err != nil || !reflect.DeepEqual(counts, map[string][]int64{"a": {1, 2}, "b": {}, "c": nil}) {
		t.Errorf("GetCounts = %#v, %v", counts, err)
	}
	grid, err := serve(t, 200, `[[1,null],[2.5]]`).GetGrid(ctx)
	if err != nil || len(grid) != 2 || *grid[0][0] != 1 || grid[0][1] != nil || *grid[1][0] != 2.5 {
		t.Errorf("GetGrid = %#v, %v", grid, err)
	}
	toy, err := serve(t, 200, `{"type":"ball"}`).GetToy(ctx)
	if err != nil || toy.Ball == nil || toy.Ball.Type != "ball" {
		t.Errorf("GetToy = %#v, %v", toy, err)
	}
	res, err := serve(t, 200, pet).GetPet(ctx, 7)
	if err != nil || res.StatusCode != 200 || res.Pet == nil || res.Pet.ID != 7 || res.Status != nil {
		t.Errorf("GetPet = %+v, %v", res, err)
	}
	res, err = serve(t, 202, `"down"`).GetPet(ctx, 7)
	if err != nil || res.StatusCode != 202 || res.Pet != nil || *res.Status != StatusDown {
		t.Errorf("GetPet (202) = %+v, %v", res, err)
	}

	_, err = serve(t, 404, `{"code":"gone"}`).ListPets(ctx)
	var problem *Problem
	var apiErr *APIError
	if !errors.As(err, &problem) || problem.Code != "gone" || !errors.As(err, &apiErr) || apiErr.StatusCode != 404 {
		t.Errorf("404: %v", err)
	}
}

// TestSameAsUnmarshal: the SDK decodes a response as json.Unmarshal decodes
// the same body into the same type.
func TestSameAsUnmarshal(t *testing.T) {
	ctx := context.Background()
	for _, body := range []string{pet, `{"id":1,"kind":"x","Name":"case","a,b":false,"shape":{"radius":2}}`, `{}`, `null`} {
		got, err := serve(t, 200, body).GetPet(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		var want Pet
		if err := json.Unmarshal([]byte(body), &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Pet, &want) {
			t.Errorf("GetPet of %s = %+v, json.Unmarshal gives %+v", body, got.Pet, want)
		}
	}
	for _, body := range []string{`{"type":"rope","length":1}`, `{"type":"?"}`, `[1]`} {
		got, err := serve(t, 200, body).GetToy(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var want Toy
		if err := json.Unmarshal([]byte(body), &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, &want) {
			t.Errorf("GetToy of %s = %+v, json.Unmarshal gives %+v", body, got, want)
		}
	}
}

// TestDecodeErrors: a body that does not decode is an *APIError wrapping
// encoding/json's own error, with the path to the member at fault.
func TestDecodeErrors(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		body, field, value string
	}{
		{`[{"id":"seven"}]`, "id", "string"},
		{`[{"id":1,"parent":{"id":true}}]`, "parent.id", "bool"},
		{`[{"id":1,"nickname":5}]`, "nickname", "number"},
		{`[{"id":1,"toy":{"type":"rope","length":"long"}}]`, "toy.length", "string"},
		{`[{"id":1,"a,b":"yes"}]`, "a,b", "string"},
		{`[{"id":1,"attrs":{"color":"red","mood":1}}]`, "attrs.mood", "number"},
		{`[{"id":1,"attrs":{"color":2}}]`, "attrs.color", "number"},
		{`[{"id":1,"levels":[1,"two"]}]`, "levels", "string"},
		{`{"id":1}`, "", "object"},
	} {
		_, err := serve(t, 200, tc.body).ListPets(ctx)
		var apiErr *APIError
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 200 || string(apiErr.Body) != tc.body || !strings.Contains(err.Error(), "response body has a JSON "+tc.value+" where ") {
			t.Errorf("%s: %v, want an *APIError", tc.body, err)
		}
		if !errors.As(err, &typeErr) || typeErr.Field != tc.field || typeErr.Value != tc.value {
			t.Errorf("%s: %#v, want an *json.UnmarshalTypeError of %s at %q", tc.body, typeErr, tc.value, tc.field)
		}
	}
	for _, body := range []string{`[{"id":7,}]`, `[`, ``, `<html>`, `[] []`} {
		_, err := serve(t, 200, body).ListPets(ctx)
		var apiErr *APIError
		var syntax *json.SyntaxError
		if !errors.As(err, &apiErr) || !errors.As(err, &syntax) {
			t.Errorf("%q: %v, want an *APIError wrapping a *json.SyntaxError", body, err)
		}
	}
	// An error body that does not decode is still the status's *APIError.
	_, err := serve(t, 404, `{"code":1}`).ListPets(ctx)
	var apiErr *APIError
	var problem *Problem
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &problem) || !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || !errors.As(err, &typeErr) {
		t.Errorf("undecodable 404: %v", err)
	}
}
