package shapes

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

func TestSeveralTypes(t *testing.T) {
	for _, tc := range []struct {
		doc   string
		mixed any
		maybe any
		level any
		flex  any
	}{
		{`{"mixed":5,"maybe":true,"level":2,"flex":{"name":"n"}}`,
			Ptr(int64(5)), Ptr(true), Ptr(ThingLevelInteger(2)), &ThingFlexObject{Name: Ptr("n")}},
		{`{"mixed":"x","maybe":"s","level":"high","flex":[1,2]}`,
			Ptr("x"), Ptr("s"), Ptr(ThingLevelStringHigh), []int64{1, 2}},
		// A number that is not an integer matches no variant: kept as sent.
		// An unknown enum value decodes as its type.
		{`{"mixed":1.5,"level":"medium","flex":"s"}`,
			json.RawMessage(`1.5`), nil, Ptr(ThingLevelString("medium")), Ptr("s")},
	} {
		var th Thing
		if err := json.Unmarshal([]byte(tc.doc), &th); err != nil {
			t.Fatalf("%s: %v", tc.doc, err)
		}
		if got := th.Mixed.Value(); !reflect.DeepEqual(got, tc.mixed) {
			t.Errorf("%s: mixed = %#v, want %#v", tc.doc, got, tc.mixed)
		}
		var maybe any
		if v, ok := th.Maybe.Get(); ok {
			maybe = v.Value()
		}
		if !reflect.DeepEqual(maybe, tc.maybe) {
			t.Errorf("%s: maybe = %#v, want %#v", tc.doc, maybe, tc.maybe)
		}
		if got := th.Level.Value(); !reflect.DeepEqual(got, tc.level) {
			t.Errorf("%s: level = %#v, want %#v", tc.doc, got, tc.level)
		}
		if got := th.Flex.Value(); !reflect.DeepEqual(got, tc.flex) {
			t.Errorf("%s: flex = %#v, want %#v", tc.doc, got, tc.flex)
		}
		// What decodes encodes as it came.
		out, err := json.Marshal(th)
		if err != nil {
			t.Fatal(err)
		}
		var a, b any
		if err := json.Unmarshal(out, &a); err != nil {
			t.Fatal(err)
		}
		_ = json.Unmarshal([]byte(tc.doc), &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s encodes as %s", tc.doc, out)
		}
	}
	var th Thing
	if err := json.Unmarshal([]byte(`{"maybe":null}`), &th); err != nil || !th.Maybe.IsNull() {
		t.Errorf("maybe null: %v, %+v", err, th.Maybe)
	}
	if !ThingLevelStringHigh.IsKnown() || ThingLevelString("medium").IsKnown() {
		t.Error("IsKnown of the string levels")
	}
}

func TestSubtypes(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want any
	}{
		{`{"kind":"car","wheels":4,"doors":5}`, &Car{Kind: "car", Wheels: Ptr(int64(4)), Doors: Ptr(int64(5))}},
		{`{"kind":"Bike","gears":21}`, &Bike{Kind: "Bike", Gears: Ptr(int64(21))}},
		// A kind the SDK does not know still gives the common properties.
		{`{"kind":"boat","wheels":0,"sails":2}`, &VehicleBase{Kind: "boat", Wheels: Ptr(int64(0))}},
	} {
		var v Vehicle
		if err := json.Unmarshal([]byte(tc.doc), &v); err != nil {
			t.Fatalf("%s: %v", tc.doc, err)
		}
		if got := v.Value(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s = %#v, want %#v", tc.doc, got, tc.want)
		}
	}
	// The discriminator is filled in when left empty.
	out, err := json.Marshal(Vehicle{Car: &Car{Doors: Ptr(int64(3))}})
	if err != nil || string(out) != `{"kind":"car","doors":3}` {
		t.Errorf("a car encodes as %s, %v", out, err)
	}
	out, err = json.Marshal(Vehicle{Bike: &Bike{Kind: "Bike"}})
	if err != nil || string(out) != `{"kind":"Bike"}` {
		t.Errorf("a bike encodes as %s, %v", out, err)
	}
}

func TestReadOnlyLeftOut(t *testing.T) {
	out, err := json.Marshal(Thing{Mixed: &ThingMixed{Int64: Ptr(int64(1))}})
	if err != nil || string(out) != `{"mixed":1}` {
		t.Errorf("a Thing without id encodes as %s, %v", out, err)
	}
	out, err = json.Marshal(Thing{ID: "t1"})
	if err != nil || string(out) != `{"id":"t1"}` {
		t.Errorf("a Thing with id encodes as %s, %v", out, err)
	}
	// Write-only: sent when set; a Thing read back has none and sends none.
	out, err = json.Marshal(Thing{Secret: "s"})
	if err != nil || string(out) != `{"secret":"s"}` {
		t.Errorf("a Thing with a secret encodes as %s, %v", out, err)
	}
	var th Thing
	if err := json.Unmarshal([]byte(`{"id":"t1"}`), &th); err != nil {
		t.Fatal(err)
	}
	th.ID = ""
	if out, err = json.Marshal(th); err != nil || string(out) != `{}` {
		t.Errorf("a Thing read back encodes as %s, %v", out, err)
	}
}

func TestJSONMediaTypeSent(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if ct := r.Header.Get("Content-Type"); ct != "application/merge-patch+json" || string(body) != `{"mixed":"x"}` {
			t.Errorf("sent Content-Type %q, body %s", ct, body)
		}
		if r.Method != http.MethodPatch || r.URL.Path != "/things/t1" {
			t.Errorf("sent %s %s", r.Method, r.URL.Path)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"t1","mixed":"x"}`)
	}))
	defer srv.Close()
	c := New(WithServerURL(srv.URL))
	th, err := c.PatchThing(context.Background(), "t1", Thing{Mixed: &ThingMixed{String: Ptr("x")}})
	if err != nil || th.ID != "t1" {
		t.Fatalf("PatchThing: %+v, %v", th, err)
	}
}

// TestPathSpansSegments: a path parameter with x-ms-skip-url-encoding keeps
// its slashes, each segment still escaped; another parameter's slash is
// escaped.
func TestPathSpansSegments(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.EscapedPath()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c := New(WithServerURL(srv.URL))
	for scope, want := range map[string]string{
		"subscriptions/1/resourceGroups/my group": "/subscriptions/1/resourceGroups/my%20group/providers/things/a%2Fb",
		"../x/..": "/%2E%2E/x/%2E%2E/providers/things/a%2Fb",
	} {
		if err := c.GetScoped(context.Background(), scope, "a/b"); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("scope %q: sent %s, want %s", scope, got, want)
		}
	}
}

func TestFixedFilled(t *testing.T) {
	out, err := json.Marshal(Thing{Tool: &Tool{Name: Ptr("f")}})
	if err != nil || string(out) != `{"tool":{"type":"function","name":"f"}}` {
		t.Errorf("a tool without type encodes as %s, %v", out, err)
	}
	// Decoding keeps what came.
	var tool Tool
	if err := json.Unmarshal([]byte(`{"name":"g"}`), &tool); err != nil || tool.Type != "" {
		t.Errorf("decoded %+v, %v", tool, err)
	}
}

// TestKindThroughAnother: a kind that includes the base through another
// kind adding nothing decodes as itself, not as the base over and over.
func TestKindThroughAnother(t *testing.T) {
	var v Vehicle
	if err := json.Unmarshal([]byte(`{"kind":"scooter","wheels":2}`), &v); err != nil {
		t.Fatal(err)
	}
	if want := (&Scooter{Kind: "scooter", Wheels: Ptr(int64(2))}); !reflect.DeepEqual(v.Value(), want) {
		t.Errorf("scooter = %#v, want %#v", v.Value(), want)
	}
}

// TestNestedUnion: a value of a kind only a variant that is itself a union
// takes reaches that union; an object still picks its own variant.
func TestNestedUnion(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want any
	}{
		{`"s"`, &Scalar{String: Ptr("s")}},
		{`true`, &Scalar{Bool: Ptr(true)}},
		{`{"type":"function","name":"f"}`, &Tool{Type: "function", Name: Ptr("f")}},
		{`12`, json.RawMessage(`12`)},
	} {
		var n Nested
		if err := json.Unmarshal([]byte(tc.doc), &n); err != nil {
			t.Fatalf("%s: %v", tc.doc, err)
		}
		if got := n.Value(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s = %#v, want %#v", tc.doc, got, tc.want)
		}
	}
}

// TestUnionCycle: a union that is its own variant decodes what its other
// variants take and keeps the rest as received, without end.
func TestUnionCycle(t *testing.T) {
	var l Loop
	if err := json.Unmarshal([]byte(`{"a":1}`), &l); err != nil || string(l.Raw) != `{"a":1}` {
		t.Errorf("object: %+v, %v", l, err)
	}
	if err := json.Unmarshal([]byte(`7`), &l); err != nil || l.Int64 == nil || *l.Int64 != 7 {
		t.Errorf("integer: %+v, %v", l, err)
	}
	var b LoopBack
	if err := json.Unmarshal([]byte(`{"a":1}`), &b); err != nil {
		t.Errorf("object into LoopBack: %+v, %v", b, err)
	}
}

// TestUnionKeepsWhatNoVariantHolds: a variant that declares none of an
// object's members does not take it.
func TestUnionKeepsWhatNoVariantHolds(t *testing.T) {
	var th Thing
	if err := json.Unmarshal([]byte(`{"id":"t","settings":{"chime":false,"chat":true}}`), &th); err != nil {
		t.Fatal(err)
	}
	if th.Settings == nil || string(th.Settings.Raw) != `{"chime":false,"chat":true}` {
		t.Errorf("settings = %+v", th.Settings)
	}
	if err := json.Unmarshal([]byte(`{"id":"t","settings":{"security":{"auto":true}}}`), &th); err != nil || th.Settings.Raw != nil {
		t.Errorf("settings = %+v, %v", th.Settings, err)
	}
}

// TestImplicitDiscriminator: variants alike in their properties are told
// apart by the one each requires with a value of its own, and a value
// naming none is kept as received.
func TestImplicitDiscriminator(t *testing.T) {
	var m Message
	if err := json.Unmarshal([]byte(`{"content":"hi","role":"user"}`), &m); err != nil || m.UserMessage == nil || m.UserMessage.Content != "hi" {
		t.Errorf("user message = %+v, %v", m, err)
	}
	if err := json.Unmarshal([]byte(`{"role":"system","content":"be brief"}`), &m); err != nil || m.SystemMessage == nil || m.UserMessage != nil {
		t.Errorf("system message = %+v, %v", m, err)
	}
	if err := json.Unmarshal([]byte(`{"role":"tool","content":"x"}`), &m); err != nil || string(m.Raw) != `{"role":"tool","content":"x"}` {
		t.Errorf("tool message = %+v, %v", m, err)
	}
}

// TestMembersTellVariantsApart: variants alike in their own properties are
// told apart by what their members' items require.
func TestMembersTellVariantsApart(t *testing.T) {
	var e Export
	if err := json.Unmarshal([]byte(`{"resources":[{"name":"cpu"}]}`), &e); err != nil || e.ExportByName == nil {
		t.Errorf("by name = %+v, %v", e, err)
	}
	if err := json.Unmarshal([]byte(`{"resources":[{"id":"1","name":"cpu"}]}`), &e); err != nil || e.ExportByID == nil {
		t.Errorf("by ID = %+v, %v", e, err)
	}
}

// TestOptionalImplicitDiscriminator: variants told apart by an optional
// property of one value each decode by it when it is there, by shape when
// it is not, and keep a value naming no variant as received.
func TestOptionalImplicitDiscriminator(t *testing.T) {
	var v Verification
	if err := json.Unmarshal([]byte(`{"object":"verification_admin","status":"verified"}`), &v); err != nil || v.AdminVerification == nil {
		t.Errorf("admin = %+v, %v", v, err)
	}
	if err := json.Unmarshal([]byte(`{"status":"verified"}`), &v); err != nil || v.OTPVerification == nil {
		t.Errorf("no object = %+v, %v", v, err)
	}
	if err := json.Unmarshal([]byte(`{"object":"verification_passkey","status":"verified"}`), &v); err != nil || string(v.Raw) != `{"object":"verification_passkey","status":"verified"}` {
		t.Errorf("unknown object = %+v, %v", v, err)
	}
}
