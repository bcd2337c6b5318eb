package pages_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/sdkgen/sdkgen/generated/pages"
)

// ListLink declares its Link response header: WithResponseHeaders reads it,
// typed, from the final response, on success and on failure.
func TestListLinkResponseHeaders(t *testing.T) {
	const link = `</v1/link?page=2&per_page=2>; rel="next"`
	var status atomic.Int32
	status.Store(http.StatusOK)
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		w.Header().Set("Link", link)
		w.WriteHeader(int(status.Load()))
		writeJSON(w, items(0, 2))
	})
	var hdr pages.ListLinkResponseHeaders
	var resp *http.Response
	got, err := s.client().Items.ListLink(context.Background(), &pages.ListLinkParams{PerPage: pages.Ptr(int64(2))},
		pages.WithResponseHeaders(&hdr), pages.WithResponse(&resp))
	if err != nil || len(got) != 2 {
		t.Fatalf("ListLink = %v, %v", got, err)
	}
	s.check(t, "GET /v1/link?per_page=2")
	if hdr.Link == nil || *hdr.Link != link {
		t.Errorf("Link = %v, want %q", hdr.Link, link)
	}
	if resp == nil || resp.Header.Get("Link") != link || resp.StatusCode != 200 {
		t.Errorf("WithResponse = %+v", resp)
	}

	// A failed call fills them too; an absent header is nil.
	status.Store(http.StatusInternalServerError)
	hdr = pages.ListLinkResponseHeaders{}
	if _, err := s.client().Items.ListLink(context.Background(), nil, pages.WithResponseHeaders(&hdr)); err == nil {
		t.Fatal("no error from a 500")
	}
	if hdr.Link == nil || *hdr.Link != link {
		t.Errorf("after a 500, Link = %v", hdr.Link)
	}
	s2 := newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) { writeJSON(w, items(0, 1)) })
	if _, err := s2.client().Items.ListLink(context.Background(), nil, pages.WithResponseHeaders(&hdr)); err != nil {
		t.Fatal(err)
	}
	if hdr.Link != nil {
		t.Errorf("Link = %q from a response without one, want nil", *hdr.Link)
	}
}
