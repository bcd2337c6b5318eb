package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
)

// collect ranges over seq, stopping after max items (0: all).
func collect[T any](seq func(yield func(T, error) bool), max int) ([]T, []error) {
	var items []T
	var errs []error
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
		if max > 0 && len(items) == max {
			break
		}
	}
	return items, errs
}

// seqOf is the iterator a generated SDK writes out for an operation, for
// the tests' item types: it keeps the items of the page fetch read last,
// and run, one of the paginators, drives it.
func seqOf[T any, C comparable](run func(pageFetch[C], func(i int) bool) error, fetch func(at *C, opts []CallOption) ([]T, pageMeta[C], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var items []T
		err := run(func(at *C, opts []CallOption) (int, pageMeta[C], error) {
			page, m, err := fetch(at, opts)
			items = page
			return len(items), m, err
		}, func(i int) bool { return yield(items[i], nil) })
		if err != nil {
			yield(*new(T), err)
		}
	}
}

func offsetSeq[T any](ctx context.Context, start int64, opts []CallOption, fetch func(at *int64, opts []CallOption) ([]T, pageMeta[int64], error)) iter.Seq2[T, error] {
	return seqOf(func(f pageFetch[int64], each func(int) bool) error { return offsetPages(ctx, start, opts, f, each) }, fetch)
}

func numberSeq[T any](ctx context.Context, start int64, opts []CallOption, fetch func(at *int64, opts []CallOption) ([]T, pageMeta[int64], error)) iter.Seq2[T, error] {
	return seqOf(func(f pageFetch[int64], each func(int) bool) error { return numberPages(ctx, start, opts, f, each) }, fetch)
}

func cursorSeq[T any](ctx context.Context, opts []CallOption, fetch func(at *string, opts []CallOption) ([]T, pageMeta[string], error)) iter.Seq2[T, error] {
	return seqOf(func(f pageFetch[string], each func(int) bool) error { return cursorPages(ctx, opts, f, each) }, fetch)
}

func linkSeq[T any](ctx context.Context, opts []CallOption, fetch func(opts []CallOption) ([]T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var items []T
		err := linkPages(ctx, opts, func(opts []CallOption) (n int, err error) {
			items, err = fetch(opts)
			return len(items), err
		}, func(i int) bool { return yield(items[i], nil) })
		if err != nil {
			yield(*new(T), err)
		}
	}
}

// offsets fakes an offset-paged list of n items served size at a time,
// recording the offsets asked for (-1 for the first, unset one).
type offsets struct {
	n, size int
	total   bool
	asked   []int64
}

func (o *offsets) fetch(at *int64, _ []CallOption) ([]int, pageMeta[int64], error) {
	pos := int64(0)
	o.asked = append(o.asked, -1)
	if at != nil {
		pos = *at
		o.asked[len(o.asked)-1] = pos
	}
	var items []int
	for i := pos; i < int64(o.n) && len(items) < o.size; i++ {
		items = append(items, int(i))
	}
	var m pageMeta[int64]
	if o.total {
		m.total, m.totalSet = int64(o.n), true
	}
	return items, m, nil
}

func TestOffsetPages(t *testing.T) {
	o := &offsets{n: 7, size: 3}
	items, errs := collect(offsetSeq(context.Background(), 0, nil, o.fetch), 0)
	if len(errs) > 0 || !slices.Equal(items, []int{0, 1, 2, 3, 4, 5, 6}) {
		t.Fatalf("items %v, errors %v", items, errs)
	}
	// A short page is not the end (servers cap the limit); the empty one is.
	if want := []int64{-1, 3, 6, 7}; !slices.Equal(o.asked, want) {
		t.Errorf("offsets asked %v, want %v", o.asked, want)
	}

	// With a total, the page that reaches it is the last.
	o = &offsets{n: 6, size: 3, total: true}
	items, _ = collect(offsetSeq(context.Background(), 0, nil, o.fetch), 0)
	if len(items) != 6 || !slices.Equal(o.asked, []int64{-1, 3}) {
		t.Errorf("with total: items %v, offsets asked %v", items, o.asked)
	}

	// Stopping early fetches no further page.
	o = &offsets{n: 100, size: 3}
	items, _ = collect(offsetSeq(context.Background(), 0, nil, o.fetch), 4)
	if len(items) != 4 || !slices.Equal(o.asked, []int64{-1, 3}) {
		t.Errorf("early stop: items %v, offsets asked %v", items, o.asked)
	}

	// Ranging again starts again from the start.
	o = &offsets{n: 4, size: 2}
	seq := offsetSeq(context.Background(), 10, nil, o.fetch)
	collect(seq, 0)
	collect(seq, 0)
	if want := []int64{-1, 12, -1, 12}; !slices.Equal(o.asked, want) {
		t.Errorf("two ranges asked %v, want %v", o.asked, want)
	}
}

func TestNumberPages(t *testing.T) {
	var asked []int64
	fetch := func(at *int64, _ []CallOption) ([]string, pageMeta[int64], error) {
		page := int64(1)
		if at != nil {
			page = *at
		}
		asked = append(asked, page)
		return []string{"p" + strconv.FormatInt(page, 10)}, pageMeta[int64]{total: 3, totalSet: true}, nil
	}
	items, errs := collect(numberSeq(context.Background(), 1, nil, fetch), 0)
	if len(errs) > 0 || !slices.Equal(items, []string{"p1", "p2", "p3"}) || !slices.Equal(asked, []int64{1, 2, 3}) {
		t.Errorf("items %v, asked %v, errors %v", items, asked, errs)
	}
}

func TestCursorPages(t *testing.T) {
	pages := map[string]struct {
		items []string
		next  string
		more  bool
	}{
		"":   {[]string{"a", "b"}, "c1", true},
		"c1": {[]string{"c"}, "c2", true},
		"c2": {[]string{"d"}, "c3", false},
	}
	var asked []string
	fetch := func(at *string, _ []CallOption) ([]string, pageMeta[string], error) {
		key := ""
		if at != nil {
			key = *at
		}
		asked = append(asked, key)
		p := pages[key]
		return p.items, pageMeta[string]{next: p.next, hasNext: true, more: p.more, moreSet: true}, nil
	}
	items, errs := collect(cursorSeq(context.Background(), nil, fetch), 0)
	if len(errs) > 0 || !slices.Equal(items, []string{"a", "b", "c", "d"}) || !slices.Equal(asked, []string{"", "c1", "c2"}) {
		t.Errorf("items %v, asked %v, errors %v", items, asked, errs)
	}

	// An empty next cursor ends too.
	asked = nil
	fetch2 := func(at *string, _ []CallOption) ([]string, pageMeta[string], error) {
		asked = append(asked, fmt.Sprint(at != nil))
		return []string{"x"}, pageMeta[string]{hasNext: true}, nil
	}
	if items, _ := collect(cursorSeq(context.Background(), nil, fetch2), 0); len(items) != 1 || len(asked) != 1 {
		t.Errorf("empty cursor: items %v, asked %v", items, asked)
	}
}

func TestPageLoopAndErrors(t *testing.T) {
	// A cursor that comes back ends with ErrPageLoop, once.
	calls := 0
	loop := func(at *string, _ []CallOption) ([]int, pageMeta[string], error) {
		calls++
		return []int{calls}, pageMeta[string]{next: "same", hasNext: true}, nil
	}
	items, errs := collect(cursorSeq(context.Background(), nil, loop), 0)
	if len(errs) != 1 || !errors.Is(errs[0], ErrPageLoop) || !slices.Equal(items, []int{1, 2}) || calls != 2 {
		t.Errorf("loop: items %v, errors %v, calls %d", items, errs, calls)
	}

	// An error on page 3 is yielded once, after the items before it.
	boom := errors.New("boom")
	o := &offsets{n: 100, size: 2}
	failing := func(at *int64, opts []CallOption) ([]int, pageMeta[int64], error) {
		if len(o.asked) == 2 {
			o.asked = append(o.asked, *at)
			return nil, pageMeta[int64]{}, boom
		}
		return o.fetch(at, opts)
	}
	items, errs = collect(offsetSeq(context.Background(), 0, nil, failing), 0)
	if len(items) != 4 || len(errs) != 1 || !errors.Is(errs[0], boom) || len(o.asked) != 3 {
		t.Errorf("error on page 3: items %v, errors %v, asked %v", items, errs, o.asked)
	}

	// A cancelled context ends before the next page is fetched.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o = &offsets{n: 100, size: 2}
	var got []int
	var gotErr []error
	for it, err := range offsetSeq(ctx, 0, nil, o.fetch) {
		if err != nil {
			gotErr = append(gotErr, err)
			continue
		}
		got = append(got, it)
		if len(got) == 3 {
			cancel()
		}
	}
	if len(got) != 4 || len(gotErr) != 1 || !errors.Is(gotErr[0], context.Canceled) || len(o.asked) != 2 {
		t.Errorf("cancel: items %v, errors %v, asked %v", got, gotErr, o.asked)
	}
}

func TestNextLink(t *testing.T) {
	for _, tc := range []struct {
		links []string
		want  string
	}{
		{[]string{`<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"`}, "https://api.github.com/x?page=2"},
		{[]string{`<https://a/x?page=1>; rel="prev"`, `<https://a/x?page=3>; rel=next`}, "https://a/x?page=3"},
		{[]string{`<https://a/x?q=a,b>; title="one, two"; rel="last next"`}, "https://a/x?q=a,b"},
		{[]string{`<https://a/x?page=1>; rel="prev"`}, ""},
		{nil, ""},
		{[]string{`garbage`}, ""},
	} {
		h := http.Header{}
		for _, l := range tc.links {
			h.Add("Link", l)
		}
		if got, ok := nextLink(h); got != tc.want || ok != (tc.want != "") {
			t.Errorf("nextLink(%q) = %q, %v; want %q", tc.links, got, ok, tc.want)
		}
	}
}

// TestLinkPagesHTTP pages through a server by its Link header: every page
// request carries the call's options, and a next URL on another host is
// refused before anything is sent there.
func TestLinkPagesHTTP(t *testing.T) {
	var mu sync.Mutex
	var requests []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent to the other host: %s", r.URL)
	}))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests = append(requests, r.URL.RequestURI()+" "+r.Header.Get("X-Call")+" "+r.Header.Get("Authorization"))
		mu.Unlock()
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		switch page {
		case 0, 1:
			w.Header().Set("Link", `</v1/items?page=2&per_page=2>; rel="next"`)
		case 2:
			w.Header().Set("Link", `<http://`+r.Host+`/v1/items?page=3&per_page=2>; rel="next"`)
		case 3:
			w.Header().Set("Link", `<`+other.URL+`/v1/items?page=4>; rel="next"`)
		}
		_ = json.NewEncoder(w).Encode([]int{page*10 + 1, page*10 + 2})
	}))
	defer srv.Close()
	c := newConfig(testServers(srv.URL+"/v1"), "", [][]string{{"bearer"}}, nil, []Option{withCredential("bearer", bearerCredential("tok"))})
	fetch := func(opts []CallOption) ([]int, error) {
		r := newRequest("ListItems", "ListItems", http.MethodGet, "/items")
		r.query = "per_page=2"
		resp, err := c.do(context.Background(), r, opts)
		if err != nil {
			return nil, err
		}
		var items []int
		err = decodeBody(resp, &items)
		return items, err
	}
	items, errs := collect(linkSeq(context.Background(), []CallOption{WithHeader("X-Call", "yes")}, fetch), 0)
	if !slices.Equal(items, []int{1, 2, 21, 22, 31, 32}) || len(errs) != 1 || !errors.Is(errs[0], ErrPageHost) {
		t.Fatalf("items %v, errors %v", items, errs)
	}
	want := []string{"/v1/items?per_page=2 yes Bearer tok", "/v1/items?page=2&per_page=2 yes Bearer tok", "/v1/items?page=3&per_page=2 yes Bearer tok"}
	if !slices.Equal(requests, want) {
		t.Errorf("requests\n%q\nwant\n%q", requests, want)
	}
}

func TestPageTargetRefusesOtherOrigins(t *testing.T) {
	c := newConfig(testServers("https://api.example.com/v1"), "", nil, nil, nil)
	for _, tc := range []struct {
		next, want string // want "" for refused
	}{
		{"https://api.example.com/v1/x?page=2", "https://api.example.com/v1/x?page=2"},
		{"/v1/x?page=2", "https://api.example.com/v1/x?page=2"},
		{"?page=2", "https://api.example.com/v1/items?page=2"},
		{"http://api.example.com/v1/x", ""},
		{"https://api.example.com.evil.test/v1/x", ""},
		{"https://user:pw@api.example.com/v1/x", ""},
		{"//evil.test/x", ""},
	} {
		r := newRequest("ListItems", "ListItems", http.MethodGet, "/items")
		r.base = c.serverURL // as do sets it
		err := (&pageTarget{url: tc.next}).target(c, r)
		if tc.want == "" {
			if !errors.Is(err, ErrPageHost) || r.url != "" {
				t.Errorf("%s: err %v, url %q; want ErrPageHost", tc.next, err, r.url)
			}
			continue
		}
		if err != nil || r.url != tc.want {
			t.Errorf("%s: url %q, err %v; want %q", tc.next, r.url, err, tc.want)
		}
	}
}
