package shapes

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// recorder answers every request with handle and records "METHOD URI".
func recorder(t *testing.T, handle func(w http.ResponseWriter, r *http.Request)) (*httptest.Server, *[]string) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Method+" "+r.RequestURI)
		w.Header().Set("Content-Type", "application/json")
		handle(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &got
}

// TestClientParams: subscriptionId comes from the client (or the call),
// api-version is the document's unless set; without a subscription the
// call fails before sending.
func TestClientParams(t *testing.T) {
	srv, got := recorder(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"id":"v"}`)
	})
	ctx := context.Background()

	_, err := New(WithServerURL(srv.URL)).Vaults.Get(ctx, "rg", "v1")
	if err == nil || !strings.Contains(err.Error(), "WithSubscriptionID") || len(*got) > 0 {
		t.Fatalf("without a subscription: %v, sent %v", err, *got)
	}

	c := New(WithServerURL(srv.URL), WithSubscriptionID("sub/1"))
	if _, err := c.Vaults.Get(ctx, "rg", "v1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Vaults.Get(ctx, "rg", "v1", WithSubscriptionID("other"), WithAPIVersion("2025-01-01")); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"GET /subscriptions/sub%2F1/resourceGroups/rg/vaults/v1?api-version=2024-01-01",
		"GET /subscriptions/other/resourceGroups/rg/vaults/v1?api-version=2025-01-01",
	}
	if !slices.Equal(*got, want) {
		t.Errorf("sent\n  %s\nwant\n  %s", strings.Join(*got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestPageableWithClientParams: the first page is built from the client's
// parameters, the next from Azure's next link as it is.
func TestPageableWithClientParams(t *testing.T) {
	srv, got := recorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("$skiptoken") == "" {
			fmt.Fprintf(w, `{"value":[{"id":"a"}],"nextLink":"http://%s/subscriptions/s/vaults?api-version=2024-01-01&$skiptoken=2"}`, r.Host)
			return
		}
		io.WriteString(w, `{"value":[{"id":"b"}]}`)
	})
	c := New(WithServerURL(srv.URL), WithSubscriptionID("s"))
	var ids []string
	for v, err := range c.Vaults.ListBySubscriptionIter(context.Background(), &VaultsListBySubscriptionParams{Top: Ptr(int64(1))}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, *v.ID)
	}
	want := []string{"GET /subscriptions/s/vaults?%24top=1&api-version=2024-01-01", "GET /subscriptions/s/vaults?api-version=2024-01-01&$skiptoken=2"}
	if !slices.Equal(ids, []string{"a", "b"}) || !slices.Equal(*got, want) {
		t.Errorf("items %v, sent\n  %s\nwant\n  %s", ids, strings.Join(*got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestScopeSpansSegments: x-ms-skip-url-encoding keeps the scope's slashes.
func TestScopeSpansSegments(t *testing.T) {
	srv, got := recorder(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"value":[]}`)
	})
	if _, err := New(WithServerURL(srv.URL)).Locks.ListAtScope(context.Background(), "subscriptions/s/resourceGroups/my rg"); err != nil {
		t.Fatal(err)
	}
	want := []string{"GET /subscriptions/s/resourceGroups/my%20rg/providers/Microsoft.Authorization/locks?api-version=2024-01-01"}
	if !slices.Equal(*got, want) {
		t.Errorf("sent %v, want %v", *got, want)
	}
}
