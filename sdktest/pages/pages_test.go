// Package pages_test drives the iterators of generated/pages (one list
// operation per pagination style) against httptest servers that record
// the exact request of every page.
package pages_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/sdkgen/sdkgen/generated/pages"
)

// server answers with handle and records each request as
// "METHOD URI [body] X-Test".
type server struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []string
}

func newServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, body []byte)) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		line := r.Method + " " + r.RequestURI
		if len(b) > 0 {
			line += " " + string(b)
		}
		if x := r.Header.Get("X-Test"); x != "" {
			line += " X-Test:" + x
		}
		if r.Header.Get("Authorization") != "Bearer tok" {
			line += " (no credentials)"
		}
		s.mu.Lock()
		s.reqs = append(s.reqs, line)
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		handle(w, r, b)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) client() *pages.Client {
	return pages.New(pages.WithServerURL(s.URL+"/v1"), pages.WithHTTPClient(s.Client()), pages.WithBearer("tok"),
		pages.WithRetryConfig(pages.RetryConfig{}))
}

func (s *server) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.reqs)
}

func (s *server) check(t *testing.T, want ...string) {
	t.Helper()
	if got := s.requests(); !slices.Equal(got, want) {
		t.Errorf("requests:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// ids ranges over seq, stopping after max items (0: all).
func ids(seq func(func(pages.Item, error) bool), max int) ([]string, []error) {
	var out []string
	var errs []error
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, it.ID)
		if len(out) == max {
			break
		}
	}
	return out, errs
}

func items(from, to int) []pages.Item {
	out := []pages.Item{}
	for i := from; i < to; i++ {
		out = append(out, pages.Item{ID: strconv.Itoa(i), Name: "n"})
	}
	return out
}

func idList(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, strconv.Itoa(i))
	}
	return out
}

func writeJSON(w http.ResponseWriter, v any) { _ = json.NewEncoder(w).Encode(v) }

// offsetServer serves n items by limit and offset, with total_count; the
// request numbered failAt (from 1) fails with a 500.
func offsetServer(t *testing.T, n, failAt int) *server {
	var calls int
	var mu sync.Mutex
	return newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		mu.Lock()
		calls++
		call := calls
		mu.Unlock()
		if call == failAt {
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"error":"boom"}`)
			return
		}
		off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		lim, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		writeJSON(w, pages.ItemList{Data: items(off, min(off+lim, n)), TotalCount: int64(n)})
	})
}

func TestOffsetIter(t *testing.T) {
	s := offsetServer(t, 7, 0)
	params := &pages.ListOffsetParams{Limit: pages.Ptr(int64(3)), Q: pages.Ptr("x")}
	got, errs := ids(s.client().Items.ListOffsetIter(context.Background(), params, pages.WithHeader("X-Test", "1")), 0)
	if len(errs) > 0 || !slices.Equal(got, idList(0, 7)) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	// The page that reaches total_count is the last; every page carries the
	// call's options.
	s.check(t,
		"GET /v1/offset?limit=3&q=x X-Test:1",
		"GET /v1/offset?limit=3&offset=3&q=x X-Test:1",
		"GET /v1/offset?limit=3&offset=6&q=x X-Test:1")
	if params.Offset != nil {
		t.Errorf("the caller's params changed: offset %d", *params.Offset)
	}
}

func TestOffsetIterStartsAtCallersOffset(t *testing.T) {
	s := offsetServer(t, 5, 0)
	got, _ := ids(s.client().Items.ListOffsetIter(context.Background(), &pages.ListOffsetParams{Limit: pages.Ptr(int64(2)), Offset: pages.Ptr(int64(1))}), 0)
	if !slices.Equal(got, idList(1, 5)) {
		t.Errorf("items %v", got)
	}
	s.check(t, "GET /v1/offset?limit=2&offset=1", "GET /v1/offset?limit=2&offset=3")
}

func TestIterEarlyStopSendsNoExtraRequest(t *testing.T) {
	s := offsetServer(t, 100, 0)
	got, _ := ids(s.client().Items.ListOffsetIter(context.Background(), &pages.ListOffsetParams{Limit: pages.Ptr(int64(3))}), 4)
	if !slices.Equal(got, idList(0, 4)) {
		t.Errorf("items %v", got)
	}
	s.check(t, "GET /v1/offset?limit=3", "GET /v1/offset?limit=3&offset=3")
}

func TestIterErrorOnPage3IsYieldedOnce(t *testing.T) {
	s := offsetServer(t, 100, 3)
	got, errs := ids(s.client().Items.ListOffsetIter(context.Background(), &pages.ListOffsetParams{Limit: pages.Ptr(int64(2))}), 0)
	var apiErr *pages.APIError
	if !slices.Equal(got, idList(0, 4)) || len(errs) != 1 || !errors.As(errs[0], &apiErr) || apiErr.StatusCode != 500 {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	if n := len(s.requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestIterContextCancellation(t *testing.T) {
	s := offsetServer(t, 100, 0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	var errs []error
	for it, err := range s.client().Items.ListOffsetIter(ctx, &pages.ListOffsetParams{Limit: pages.Ptr(int64(2))}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, it.ID)
		if len(got) == 3 {
			cancel()
		}
	}
	if !slices.Equal(got, idList(0, 4)) || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	if n := len(s.requests()); n != 2 {
		t.Errorf("%d requests after cancellation, want 2", n)
	}
}

func TestPageNumberIter(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		pages3 := int64(3)
		writeJSON(w, pages.PagedResult{Results: items(page*10, page*10+2), Meta: &pages.PagedResultMeta{Pages: &pages3}})
	})
	got, errs := ids(s.client().Items.ListPagesIter(context.Background(), &pages.ListPagesParams{Size: pages.Ptr(int64(2))}), 0)
	if len(errs) > 0 || !slices.Equal(got, []string{"0", "1", "20", "21", "30", "31"}) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	// The first page is the server's default; then 2, and 3 of 3.
	s.check(t, "GET /v1/pages?size=2", "GET /v1/pages?page=2&size=2", "GET /v1/pages?page=3&size=2")
}

func TestCursorIter(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		switch r.URL.Query().Get("cursor") {
		case "":
			io.WriteString(w, `{"items":[{"id":"a","name":"n"},{"id":"b","name":"n"}],"next_cursor":"c1"}`)
		case "c1":
			io.WriteString(w, `{"items":[{"id":"c","name":"n"}],"next_cursor":"c2"}`)
		default:
			io.WriteString(w, `{"items":[{"id":"d","name":"n"}],"next_cursor":null}`)
		}
	})
	got, errs := ids(s.client().Items.ListCursorIter(context.Background(), &pages.ListCursorParams{Limit: pages.Ptr(int64(2))}), 0)
	if len(errs) > 0 || !slices.Equal(got, []string{"a", "b", "c", "d"}) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	s.check(t, "GET /v1/cursor?limit=2", "GET /v1/cursor?cursor=c1&limit=2", "GET /v1/cursor?cursor=c2&limit=2")
}

func TestCursorIterRepeatingCursorEnds(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		io.WriteString(w, `{"items":[{"id":"a","name":"n"}],"next_cursor":"same"}`)
	})
	got, errs := ids(s.client().Items.ListCursorIter(context.Background(), nil), 0)
	if len(got) != 2 || len(errs) != 1 || !errors.Is(errs[0], pages.ErrPageLoop) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	s.check(t, "GET /v1/cursor", "GET /v1/cursor?cursor=same")
}

func TestStripeIter(t *testing.T) {
	all := items(0, 5)
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		from := 0
		if after := r.URL.Query().Get("starting_after"); after != "" {
			n, _ := strconv.Atoi(after)
			from = n + 1
		}
		to := min(from+2, len(all))
		writeJSON(w, pages.StripeList{Object: "list", Data: all[from:to], HasMore: to < len(all)})
	})
	got, errs := ids(s.client().Items.ListStripeIter(context.Background(), &pages.ListStripeParams{Limit: pages.Ptr(int64(2))}), 0)
	if len(errs) > 0 || !slices.Equal(got, idList(0, 5)) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	// The cursor is the last item's id; has_more false ends.
	s.check(t, "GET /v1/stripe?limit=2", "GET /v1/stripe?limit=2&starting_after=1", "GET /v1/stripe?limit=2&starting_after=3")
}

func TestURLIter(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		switch r.URL.Query().Get("page") {
		case "":
			io.WriteString(w, `{"items":[{"id":"a","name":"n"}],"links":{"next":"/v1/url?page=2&size=1"}}`)
		case "2":
			fmt.Fprintf(w, `{"items":[{"id":"b","name":"n"}],"links":{"next":"http://%s/v1/url?page=3&size=1"}}`, r.Host)
		default:
			io.WriteString(w, `{"items":[{"id":"c","name":"n"}],"links":{}}`)
		}
	})
	got, errs := ids(s.client().Items.ListURLIter(context.Background(), &pages.ListURLParams{Size: pages.Ptr(int64(1))}, pages.WithHeader("X-Test", "u")), 0)
	if len(errs) > 0 || !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	s.check(t, "GET /v1/url?size=1 X-Test:u", "GET /v1/url?page=2&size=1 X-Test:u", "GET /v1/url?page=3&size=1 X-Test:u")
}

// TestInferredNextURLIter: Django REST framework's page shape, where next
// is a URL (format uri) and the last page's is null.
func TestInferredNextURLIter(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		switch r.URL.Query().Get("page") {
		case "2":
			fmt.Fprintf(w, `{"count":3,"next":"http://%s/v1/drf?page=3","previous":"/v1/drf","results":[{"id":"b","name":"n"}]}`, r.Host)
		case "3":
			io.WriteString(w, `{"count":3,"next":null,"previous":"/v1/drf?page=2","results":[{"id":"c","name":"n"}]}`)
		default:
			io.WriteString(w, `{"count":3,"next":"/v1/drf?page=2","previous":null,"results":[{"id":"a","name":"n"}]}`)
		}
	})
	got, errs := ids(s.client().Items.ListDRFIter(context.Background(), nil), 0)
	if len(errs) > 0 || !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	s.check(t, "GET /v1/drf", "GET /v1/drf?page=2", "GET /v1/drf?page=3")
}

// TestMsPageableIter: Azure's next link carries the whole query (api-version
// and a skip token), and the first page's query is not added to it again.
func TestMsPageableIter(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		if r.URL.Query().Get("$skiptoken") == "" {
			fmt.Fprintf(w, `{"value":[{"id":"a","name":"n"},{"id":"b","name":"n"}],"nextLink":"http://%s/v1/vaults?api-version=2024-01-01&$skiptoken=x%%2By"}`, r.Host)
			return
		}
		io.WriteString(w, `{"value":[{"id":"c","name":"n"}]}`)
	})
	got, errs := ids(s.client().Items.ListVaultsIter(context.Background(), pages.ListVaultsParams{APIVersion: "2024-01-01"}), 0)
	if len(errs) > 0 || !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	s.check(t, "GET /v1/vaults?api-version=2024-01-01", "GET /v1/vaults?api-version=2024-01-01&$skiptoken=x%2By")
}

// TestMsPageablePOSTIter: the first page is the operation's POST with its
// body; Azure's next links are fetched with GET and no body.
func TestMsPageablePOSTIter(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		if r.Method == http.MethodPost {
			io.WriteString(w, `{"value":[{"id":"a","name":"n"}],"nextLink":"/v1/vaults/query?api-version=1&$skiptoken=2"}`)
			return
		}
		if ct := r.Header.Get("Content-Type"); ct != "" || len(body) > 0 {
			t.Errorf("next page sent Content-Type %q and body %q", ct, body)
		}
		io.WriteString(w, `{"value":[{"id":"b","name":"n"}]}`)
	})
	got, errs := ids(s.client().Items.QueryVaultsIter(context.Background(), pages.SearchRequest{Query: "q"}, pages.QueryVaultsParams{APIVersion: "1"}), 0)
	if len(errs) > 0 || !slices.Equal(got, []string{"a", "b"}) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	s.check(t, `POST /v1/vaults/query?api-version=1 {"query":"q"}`, "GET /v1/vaults/query?api-version=1&$skiptoken=2")
}

// TestNestedCursorIter: Slack's cursor is in response_metadata, and the
// last page's is "" (or the object is left out).
func TestNestedCursorIter(t *testing.T) {
	for _, last := range []string{`"response_metadata":{"next_cursor":""}`, `"response_metadata":{}`, `"ok":true`} {
		s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
			switch r.URL.Query().Get("cursor") {
			case "":
				io.WriteString(w, `{"ok":true,"channels":[{"id":"a","name":"n"}],"response_metadata":{"next_cursor":"dXNlcjpVMEc5V0ZYTlo="}}`)
			default:
				io.WriteString(w, `{"channels":[{"id":"b","name":"n"}],`+last+`}`)
			}
		})
		got, errs := ids(s.client().Items.ListConversationsIter(context.Background(), &pages.ListConversationsParams{Limit: pages.Ptr(int64(1))}), 0)
		if len(errs) > 0 || !slices.Equal(got, []string{"a", "b"}) {
			t.Fatalf("last page %s: items %v, errors %v", last, got, errs)
		}
		s.check(t, "GET /v1/conversations?limit=1", "GET /v1/conversations?cursor=dXNlcjpVMEc5V0ZYTlo%3D&limit=1")
	}
}

// TestNestedBodyCursorIter: Datadog's cursor is nested in the request
// body (page.cursor); each page after the first sets it in a copy, and the
// caller's body is left as it was.
func TestNestedBodyCursorIter(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		if strings.Contains(string(body), `"cursor"`) {
			io.WriteString(w, `{"data":[{"id":"b","name":"n"}],"meta":{"page":{}}}`)
			return
		}
		io.WriteString(w, `{"data":[{"id":"a","name":"n"}],"meta":{"page":{"after":"c2"}}}`)
	})
	page := &pages.LogsRequestPage{Limit: pages.Ptr(int64(1))}
	req := pages.LogsRequest{Filter: &pages.LogsRequestFilter{Query: pages.Ptr("q")}, Page: page}
	got, errs := ids(s.client().Items.SearchLogsIter(context.Background(), req), 0)
	if len(errs) > 0 || !slices.Equal(got, []string{"a", "b"}) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	s.check(t, `POST /v1/logs/search {"filter":{"query":"q"},"page":{"limit":1}}`,
		`POST /v1/logs/search {"filter":{"query":"q"},"page":{"cursor":"c2","limit":1}}`)
	if req.Page != page || page.Cursor != nil {
		t.Errorf("the caller's body changed: %+v", page)
	}
}

func TestLinkIter(t *testing.T) {
	other := newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		t.Errorf("a request went to another host: %s", r.URL)
	})
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, _ []byte) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		switch page {
		case 0:
			w.Header().Set("Link", `</v1/link?page=2&per_page=2>; rel="next", </v1/link?page=9&per_page=2>; rel="last"`)
		case 2:
			w.Header().Set("Link", `<`+other.URL+`/v1/link?page=3&per_page=2>; rel="next"`)
		}
		writeJSON(w, items(page*10, page*10+2))
	})
	got, errs := ids(s.client().Items.ListLinkIter(context.Background(), &pages.ListLinkParams{PerPage: pages.Ptr(int64(2))}), 0)
	// The off-host link is refused: the credentials stay with the server.
	if !slices.Equal(got, []string{"0", "1", "20", "21"}) || len(errs) != 1 || !errors.Is(errs[0], pages.ErrPageHost) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	s.check(t, "GET /v1/link?per_page=2", "GET /v1/link?page=2&per_page=2")
	if n := len(other.requests()); n != 0 {
		t.Errorf("%d requests to the other host", n)
	}
}

func TestBodyCursorIter(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		var req pages.SearchRequest
		_ = json.Unmarshal(body, &req)
		if req.PageToken == nil {
			io.WriteString(w, `{"hits":[{"id":"a","name":"n"}],"next_page_token":"t2"}`)
			return
		}
		io.WriteString(w, `{"hits":[{"id":"b","name":"n"}]}`)
	})
	req := pages.SearchRequest{Query: "q", PageSize: pages.Ptr(int64(1))}
	got, errs := ids(s.client().Items.SearchIter(context.Background(), req), 0)
	if len(errs) > 0 || !slices.Equal(got, []string{"a", "b"}) {
		t.Fatalf("items %v, errors %v", got, errs)
	}
	s.check(t,
		`POST /v1/search {"query":"q","page_size":1}`,
		`POST /v1/search {"query":"q","page_token":"t2","page_size":1}`)
	if req.PageToken != nil {
		t.Errorf("the caller's body changed")
	}
}
