package runtime

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

func TestHeaderParsing(t *testing.T) {
	h := http.Header{}
	h.Set("Count", " 42 ")
	h.Set("Small", "4294967296") // over int32
	h.Set("Ratio", "0.5")
	h.Set("Flag", "true")
	h.Set("At", "2026-05-12T10:00:00Z")
	h.Set("Date", "Tue, 12 May 2026 10:00:00 GMT")
	h.Add("Tags", "a, b")
	h.Add("Tags", "c")
	h.Set("Nums", "1,x")
	if v := headerValue(h, "count", parseInt[int64]); v == nil || *v != 42 {
		t.Errorf("Count = %v", v)
	}
	if v := headerValue(h, "Small", parseInt[int32]); v != nil {
		t.Errorf("Small = %v, want nil (out of range)", *v)
	}
	if v := headerValue(h, "Missing", parseText[string]); v != nil {
		t.Errorf("Missing = %v", *v)
	}
	if v := headerValue(h, "Ratio", parseFloat[float32]); v == nil || *v != 0.5 {
		t.Errorf("Ratio = %v", v)
	}
	if v := headerValue(h, "Flag", parseBool[bool]); v == nil || !*v {
		t.Errorf("Flag = %v", v)
	}
	want := time.Date(2026, 5, 12, 10, 0, 0, 0, time.UTC)
	for _, name := range []string{"At", "Date"} {
		if v := headerValue(h, name, parseTime); v == nil || !v.Equal(want) {
			t.Errorf("%s = %v", name, v)
		}
	}
	if v := headerList(h, "Tags", parseText[string]); !slices.Equal(v, []string{"a", "b", "c"}) {
		t.Errorf("Tags = %q", v)
	}
	if v := headerList(h, "Nums", parseInt[int64]); v != nil {
		t.Errorf("Nums = %v, want nil (an item does not parse)", v)
	}
}

// TestUserAgentParameter: a User-Agent the operation sends as a header
// parameter (an API that requires a form of it) wins over the SDK's own,
// which is sent otherwise.
func TestUserAgentParameter(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("User-Agent"))
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c := newConfig(nil, "sdk/1.0", nil, nil, []Option{WithServerURL(srv.URL)})
	withParam := newRequest("Op", "Op", http.MethodGet, "/")
	withParam.header.Set("User-Agent", "AppleCloudExtension/1.0.0")
	for _, r := range []*request{withParam, newRequest("Op", "Op", http.MethodGet, "/")} {
		resp, err := c.do(context.Background(), r, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if !slices.Equal(got, []string{"AppleCloudExtension/1.0.0", "sdk/1.0"}) {
		t.Errorf("User-Agent sent %q", got)
	}
}
