package runtime

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// ErrPageLoop is the error an iterator yields when the API gives a next
// cursor or URL it gave before: following it would page forever.
//
//sdkgen:optional
var ErrPageLoop = errors.New("pagination: the next page's cursor or URL repeats an earlier one")

// ErrPageHost is the error an iterator yields when the API's next-page URL
// leaves the server's scheme and host: the SDK does not send its
// credentials elsewhere.
//
//sdkgen:optional
var ErrPageHost = errors.New("pagination: the next page's URL leaves the server")

// pageMeta is what a page says of the pages after it: what the
// operation's pagination rule reads from the response.
type pageMeta[C comparable] struct {
	next     C     // the next cursor, or URL
	hasNext  bool  // next was read
	more     bool  // hasMore's value, if moreSet
	moreSet  bool  //
	total    int64 // items in all pages (offset), or the number of pages (page number), if totalSet
	totalSet bool
}

// An iterator over a paginated operation is written out in the operation's
// own code: it keeps the items of the page it fetched last, and the
// runtime's paginators below drive it through two functions. Its fetch
// reads the page at a position (at is nil for the first page, which is
// fetched as the caller's arguments say; opts are the caller's call
// options and the paginator's own for the page), keeps the page's items
// and returns their number and what the page says of the next; its each
// yields the i-th item kept and reports whether the caller wants more. A
// paginator returns the error that ends the iteration, which the iterator
// yields once, or nil when the pages or the caller's loop end. A page is
// fetched only when the caller ranges past the items of the one before.
//
// The runtime is generic in the position's type only: an iterator generic
// in its items would be compiled once for each item type, a large share
// of the build of an SDK with a hundred iterators.
type pageFetch[C comparable] func(at *C, opts []CallOption) (int, pageMeta[C], error)

// pageLoop fetches page after page while advance gives the next position.
func pageLoop[C comparable](ctx context.Context, opts []CallOption, fetch pageFetch[C], advance func(at *C, n int, m *pageMeta[C]) (C, bool), each func(i int) bool) error {
	var at *C
	seen := map[C]bool{}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, m, err := fetch(at, opts)
		if err != nil {
			return err
		}
		for i := range n {
			if !each(i) {
				return nil
			}
		}
		if n == 0 {
			return nil
		}
		next, ok := advance(at, n, &m)
		if !ok {
			return nil
		}
		if seen[next] {
			return ErrPageLoop
		}
		seen[next] = true
		at = &next
	}
}

// offsetPages pages by an offset, from start, that advances by the items
// received. It ends on an empty page, when hasMore is false, or when the
// total has been received; not on a short page, as servers cap the limit.
func offsetPages(ctx context.Context, start int64, opts []CallOption, fetch pageFetch[int64], each func(i int) bool) error {
	return pageLoop(ctx, opts, fetch, func(at *int64, n int, m *pageMeta[int64]) (int64, bool) {
		pos := start
		if at != nil {
			pos = *at
		}
		next := pos + int64(n)
		if m.moreSet && !m.more || m.totalSet && next >= m.total {
			return 0, false
		}
		return next, true
	}, each)
}

// numberPages pages by a page number, from start, that advances by one. It
// ends on an empty page, when hasMore is false, or after the last page
// (the number of pages, when the response gives it).
func numberPages(ctx context.Context, start int64, opts []CallOption, fetch pageFetch[int64], each func(i int) bool) error {
	return pageLoop(ctx, opts, fetch, func(at *int64, _ int, m *pageMeta[int64]) (int64, bool) {
		pos := start
		if at != nil {
			pos = *at
		}
		if m.moreSet && !m.more || m.totalSet && pos >= m.total {
			return 0, false
		}
		return pos + 1, true
	}, each)
}

// cursorPages pages by a cursor each page gives for the next. It ends on
// an empty page, when hasMore is false, or without a next cursor.
func cursorPages[C comparable](ctx context.Context, opts []CallOption, fetch pageFetch[C], each func(i int) bool) error {
	return pageLoop(ctx, opts, fetch, nextCursor[C], each)
}

func nextCursor[C comparable](_ *C, _ int, m *pageMeta[C]) (C, bool) {
	var zero C
	if m.moreSet && !m.more || !m.hasNext || m.next == zero {
		return zero, false
	}
	return m.next, true
}

// urlPages follows the next page's URL that each page's body gives, with
// GET and no body when get is set (Azure's next links), else as the first
// request. It ends on an empty page or without a next URL.
func urlPages(ctx context.Context, opts []CallOption, get bool, fetch func(opts []CallOption) (int, pageMeta[string], error), each func(i int) bool) error {
	return pageLoop(ctx, opts, func(at *string, opts []CallOption) (int, pageMeta[string], error) {
		if at != nil {
			opts = append(slices.Clip(opts), &pageTarget{url: *at, get: get})
		}
		return fetch(opts)
	}, nextCursor[string], each)
}

// linkPages follows the URL of each response's Link header with
// rel="next". It ends on an empty page or without one.
func linkPages(ctx context.Context, opts []CallOption, fetch func(opts []CallOption) (int, error), each func(i int) bool) error {
	return pageLoop(ctx, opts, func(at *string, opts []CallOption) (int, pageMeta[string], error) {
		t := &pageTarget{}
		if at != nil {
			t.url = *at
		}
		n, err := fetch(append(slices.Clip(opts), t))
		var m pageMeta[string]
		m.next, m.hasNext = nextLink(t.header)
		return n, m, err
	}, nextCursor[string], each)
}

// pageTarget is the call option that sends a page's request to its URL,
// when it has one (with GET and no body when get is set), and keeps the
// response's header.
type pageTarget struct {
	url    string
	get    bool
	header http.Header
}

func (t *pageTarget) applyCall(s *callSettings) { s.page = t }

// target resolves the page's URL against the operation's and sends the
// request there, if it stays on the server's scheme and host.
func (t *pageTarget) target(c *config, r *request) error {
	if t.url == "" {
		return nil
	}
	base, err := url.Parse(r.base + r.path)
	if err != nil {
		return fmt.Errorf("%s: %w", r.name, err)
	}
	next, err := base.Parse(t.url)
	if err != nil {
		return fmt.Errorf("%s: next page URL: %w", r.name, err)
	}
	if !sameOrigin(next, base) {
		return fmt.Errorf("%s: %w: %s://%s is not %s://%s", r.name, ErrPageHost, next.Scheme, next.Host, base.Scheme, base.Host)
	}
	r.url = next.String()
	if t.get {
		// A GET carries no body, so it can always be sent again, and asks
		// for no idempotency key.
		r.method, r.contentType, r.newKey = http.MethodGet, "", nil
		r.body, r.bytesBody, r.hasBytesBody, r.replayable = nil, nil, false, true
	}
	return nil
}

func (t *pageTarget) seen(h http.Header) { t.header = h }

// sameOrigin reports whether u, a URL a response gave, is on the scheme and
// host of base, the call's, and names no user: only there may the client's
// credentials follow it.
func sameOrigin(u, base *url.URL) bool {
	return strings.EqualFold(u.Scheme, base.Scheme) && strings.EqualFold(u.Host, base.Host) && u.User == nil
}

// nextLink returns the URL of a Link header's rel="next" link (RFC 8288).
func nextLink(h http.Header) (string, bool) {
	for _, v := range h.Values("Link") {
		for v != "" {
			v = strings.TrimLeft(v, " \t,")
			if !strings.HasPrefix(v, "<") {
				break
			}
			end := strings.IndexByte(v, '>')
			if end < 0 {
				break
			}
			target := v[1:end]
			v = v[end+1:]
			// The link's parameters run to the next comma outside quotes.
			params, rest := v, ""
			quoted := false
			for i := 0; i < len(v); i++ {
				if v[i] == '"' {
					quoted = !quoted
				} else if v[i] == ',' && !quoted {
					params, rest = v[:i], v[i+1:]
					break
				}
			}
			v = rest
			for p := range strings.SplitSeq(params, ";") {
				name, value, ok := strings.Cut(strings.TrimSpace(p), "=")
				if !ok || !strings.EqualFold(strings.TrimSpace(name), "rel") {
					continue
				}
				for rel := range strings.FieldsSeq(strings.Trim(strings.TrimSpace(value), `"`)) {
					if strings.EqualFold(rel, "next") {
						return target, true
					}
				}
			}
		}
	}
	return "", false
}
