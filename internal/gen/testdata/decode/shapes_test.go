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

// pet has a member of every shape the decoders handle, and one the SDK
// does not know ("unknown").
const pet = `{
	"id": 7, "kind": "cat", "name": null, "tags": ["a", "b\u00e9"], "levels": [1, 3, 9],
	"status": "sleeping", "born": "2024-01-02T03:04:05Z", "photo": "aGk=", "weight": 1.5,
	"extra": {"x": [1, "y", null, true]}, "owner": {"name": "Ann"},
	"parent": {"id": 1, "kind": "dog", "owner": null, "nickname": "Rex"},
	"toy": {"type": "ball", "radius": 2.5}, "size": [1, 2],
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
		Parent: &Pet{ID: 1, Kind: KindDog, Nickname: NewNullable("Rex")},
		Toy:    &Toy{Ball: &Ball{Type: "ball", Radius: &radius}},
		Size:   &Size{Int64List: []int64{one, two}},
		Attrs:  &PetAttrs{Color: Ptr("red"), AdditionalProperties: map[string]string{"mood": "calm"}},
		AB:     Ptr(true), Scores: map[string]*float64{"x": Ptr(1.0), "y": nil},
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

func TestDecodeUnions(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want any
	}{
		{`{"type":"rope","length":3}`, &Rope{Type: "rope", Length: Ptr(int64(3))}},
		{`{"type":"kite"}`, json.RawMessage(`{"type":"kite"}`)},
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
	} {
		var size Size
		if err := json.Unmarshal([]byte(tc.doc), &size); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(size.Value(), tc.want) {
			t.Errorf("Size %s = %#v, want %#v", tc.doc, size.Value(), tc.want)
		}
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

	_, err = serve(t, 404, `{"code":"gone"}`).ListPets(ctx)
	var problem *Problem
	if !errors.As(err, &problem) || problem.Code != "gone" {
		t.Errorf("404: %v", err)
	}

	_, err = serve(t, 200, `[{"id":"seven"}]`).ListPets(ctx)
	if err == nil || !strings.Contains(err.Error(), "cannot decode string into Go value of type int64") {
		t.Errorf("wrong type: %v", err)
	}
	_, err = serve(t, 200, `[{"id":7,}]`).ListPets(ctx)
	var syntax *json.SyntaxError
	if !errors.As(err, &syntax) {
		t.Errorf("malformed: %v", err)
	}
}
