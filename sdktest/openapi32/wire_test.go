// Package openapi32_test checks the wire of the OpenAPI 3.2 features of
// generated/openapi32 (spec/openapi32.yaml) against httptest servers.
package openapi32_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/sdkgen/sdkgen/generated/openapi32"
)

// serve answers every request with status and body after check has seen
// it, and returns a client of the server.
func serve(t *testing.T, status int, contentType, body string, check func(r *http.Request, body []byte)) *openapi32.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			t.Error(err)
		}
		check(r, b)
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	//lint:ignore SA1019 the spec deprecates the scheme, to test that the option says so; it still works
	return openapi32.New(openapi32.WithServerURL(srv.URL), openapi32.WithToken("tok"))
}

// An additionalOperations method is sent as the spec spells it.
func TestAdditionalOperationMethod(t *testing.T) {
	c := serve(t, http.StatusNoContent, "", "", func(r *http.Request, _ []byte) {
		if got := r.Method + " " + r.URL.RequestURI(); got != "PURGE /items" {
			t.Errorf("request %s, want PURGE /items", got)
		}
		if a := r.Header.Get("Authorization"); a != "Bearer tok" {
			t.Errorf("Authorization %q", a)
		}
	})
	// The admin tag's parent is items: its service is a field of Items'.
	if err := c.Items.Admin.PurgeItems(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// A required querystring parameter is the whole query string, even empty;
// style: cookie, exploded, sends a cookie per item.
func TestQueryStringAndCookieStyle(t *testing.T) {
	var gotQuery string
	var gotCookies []string
	c := serve(t, http.StatusOK, "application/json", `[{"id":"a"}]`, func(r *http.Request, _ []byte) {
		gotQuery = r.URL.RawQuery
		gotCookies = gotCookies[:0]
		for _, ck := range r.Cookies() {
			gotCookies = append(gotCookies, ck.Name+"="+ck.Value)
		}
	})
	ctx := context.Background()
	items, err := c.Items.List(ctx, openapi32.ListItemsParams{
		Filter: openapi32.Filter{Color: openapi32.Ptr("dark red"), Limit: openapi32.Ptr(int64(5))},
		Prefs:  []string{"compact", "dark"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].ID != "a" {
		t.Errorf("items = %+v", items)
	}
	if want := "color=dark%20red&limit=5"; gotQuery != want {
		t.Errorf("query %q, want %q", gotQuery, want)
	}
	if want := []string{"prefs=compact", "prefs=dark"}; !slices.Equal(gotCookies, want) {
		t.Errorf("cookies %q, want %q", gotCookies, want)
	}
	if _, err := c.Items.List(ctx, openapi32.ListItemsParams{}); err != nil {
		t.Fatal(err)
	}
	if gotQuery != "" || len(gotCookies) != 0 {
		t.Errorf("zero params: query %q, cookies %q, want none", gotQuery, gotCookies)
	}
}

// QUERY carries its criteria in a JSON body.
func TestQueryOperation(t *testing.T) {
	c := serve(t, http.StatusOK, "application/json", `[]`, func(r *http.Request, body []byte) {
		if got := r.Method + " " + r.URL.RequestURI() + " " + string(body); got != `QUERY /items {"color":"blue"}` {
			t.Errorf("request %s", got)
		}
	})
	if _, err := c.Items.Search(context.Background(), openapi32.Filter{Color: openapi32.Ptr("blue")}); err != nil {
		t.Fatal(err)
	}
}

// itemSchema types the items of a JSON Lines stream and of a JSON text
// sequence (a union by discriminator, with a defaultMapping), and the data of an SSE event by its
// contentSchema.
func TestItemSchemaStreams(t *testing.T) {
	ctx := context.Background()
	c := serve(t, http.StatusOK, "application/jsonl", "{\"id\":\"a\"}\n{\"id\":\"b\",\"color\":\"red\"}\n", func(r *http.Request, _ []byte) {
		if a := r.Header.Get("Accept"); a != "application/jsonl" {
			t.Errorf("Accept %q", a)
		}
	})
	lines, err := c.Items.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for it, err := range lines.All() {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, it.ID)
	}
	if !slices.Equal(ids, []string{"a", "b"}) {
		t.Errorf("JSON Lines items %q", ids)
	}

	c = serve(t, http.StatusOK, "application/json-seq", "\x1e{\"kind\":\"added\",\"item\":{\"id\":\"a\"}}\n\x1e{\"kind\":\"removed\",\"id\":\"b\"}\n"+
		// A kind the mapping does not name: defaultMapping's variant.
		"\x1e{\"kind\":\"renamed\",\"item\":{\"id\":\"c\"}}\n", func(r *http.Request, _ []byte) {})
	seq, err := c.Items.Changes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var changes []string
	for ch, err := range seq.All() {
		if err != nil {
			t.Fatal(err)
		}
		switch v := ch.Value().(type) {
		case *openapi32.Added:
			changes = append(changes, "added "+v.Item.ID)
		case *openapi32.Removed:
			changes = append(changes, "removed "+*v.ID)
		default:
			changes = append(changes, fmt.Sprintf("%T", v))
		}
	}
	if !slices.Equal(changes, []string{"added a", "removed b", "added c"}) {
		t.Errorf("JSON sequence items %q", changes)
	}

	c = serve(t, http.StatusOK, "text/event-stream", "event: added\ndata: {\"id\":\"a\",\"color\":\"red\"}\n\n", func(r *http.Request, _ []byte) {})
	events, err := c.Items.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for ev, err := range events.All() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, *ev.Event+" "+ev.Data.ID+" "+*ev.Data.Color)
	}
	if !slices.Equal(got, []string{"added a red"}) {
		t.Errorf("events %q", got)
	}
}
