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
	"time"
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

// TestLongRunning: CreateOrUpdateAndWait follows Azure-AsyncOperation to
// Succeeded and answers with the resource; DeleteAndWait follows Location
// while it answers 202. Every poll carries the client's credentials and
// api-version is in the status URLs as the service gives them.
func TestLongRunning(t *testing.T) {
	defer func(d time.Duration) { pollInterval = d }(pollInterval)
	pollInterval = time.Millisecond
	polls := 0
	srv, got := recorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPut:
			w.Header().Set("Azure-AsyncOperation", "http://"+r.Host+"/ops/1?api-version=2024-01-01")
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, `{"id":"v","properties":{"provisioningState":"Creating"}}`)
		case r.URL.Path == "/ops/1":
			polls++
			if polls < 2 {
				io.WriteString(w, `{"status":"InProgress"}`)
				return
			}
			io.WriteString(w, `{"status":"Succeeded"}`)
		case r.Method == http.MethodDelete:
			w.Header().Set("Location", "/ops/d")
			w.WriteHeader(http.StatusAccepted)
		case r.URL.Path == "/ops/d":
			w.WriteHeader(http.StatusNoContent)
		default:
			io.WriteString(w, `{"id":"v","properties":{"provisioningState":"Succeeded"}}`)
		}
	})
	c := New(WithServerURL(srv.URL), WithSubscriptionID("s"))
	v, err := c.Vaults.CreateOrUpdateAndWait(context.Background(), "rg", "v", Vault{ID: String("v")})
	if err != nil || v == nil || *v.Properties.ProvisioningState != "Succeeded" {
		t.Fatalf("%+v, %v", v, err)
	}
	if err := c.Vaults.DeleteAndWait(context.Background(), "rg", "v"); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"PUT /subscriptions/s/resourceGroups/rg/vaults/v?api-version=2024-01-01",
		"GET /ops/1?api-version=2024-01-01",
		"GET /ops/1?api-version=2024-01-01",
		"GET /subscriptions/s/resourceGroups/rg/vaults/v?api-version=2024-01-01",
		"DELETE /subscriptions/s/resourceGroups/rg/vaults/v?api-version=2024-01-01",
		"GET /ops/d?api-version=2024-01-01",
	}
	if !slices.Equal(*got, want) {
		t.Errorf("sent\n  %s\nwant\n  %s", strings.Join(*got, "\n  "), strings.Join(want, "\n  "))
	}
}
