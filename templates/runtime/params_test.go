package runtime

import (
	"net/http"
	"testing"
)

func TestParamText(t *testing.T) {
	type color struct {
		R int    `json:"R"`
		G int    `json:"G"`
		B int    `json:"B"`
		N string `json:"name,omitempty"`
	}
	for _, tc := range []struct {
		v       any
		explode bool
		want    string
	}{
		{color{100, 200, 150, ""}, false, "B,150,G,200,R,100"},
		{color{100, 200, 150, "a b"}, true, "B=150,G=200,R=100,name=a b"},
		{[]any{"blue", 2, true}, false, "blue,2,true"},
		{map[string]any{"k": nil}, false, "k,"},
		{"plain", true, "plain"},
	} {
		got, err := paramText("p", tc.v, tc.explode)
		if err != nil || got != tc.want {
			t.Errorf("paramText(%v, explode=%v) = %q, %v; want %q", tc.v, tc.explode, got, err, tc.want)
		}
	}
	if _, err := paramText("p", func() {}, false); err == nil {
		t.Error("paramText of a func succeeded")
	}
}

func TestParamCookies(t *testing.T) {
	obj := map[string]int{"R": 100, "G": 200}
	show := func(cs []*http.Cookie) string {
		req, _ := http.NewRequest("GET", "http://x", nil)
		for _, c := range cs {
			req.AddCookie(c)
		}
		return req.Header.Get("Cookie")
	}
	for _, tc := range []struct {
		v       any
		explode bool
		want    string
	}{
		{obj, true, "G=200; R=100"},
		// net/http quotes a cookie value holding commas, which RFC 6265
		// leaves out of cookie values.
		{obj, false, `color="G,200,R,100"`},
		{[]string{"a", "b"}, true, `color="a,b"`},
	} {
		cs, err := paramCookies("color", tc.v, tc.explode)
		if got := show(cs); err != nil || got != tc.want {
			t.Errorf("paramCookies(%v, explode=%v) = %q, %v; want %q", tc.v, tc.explode, got, err, tc.want)
		}
	}
}
