package runtime

import (
	"encoding/json"
	"net/url"
	"testing"
)

func TestEscapeQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abcXYZ019-._~", "abcXYZ019-._~"},
		{"a b", "a%20b"}, // not "+", which some servers read literally
		{"a+b", "a%2Bb"},
		{"a&b=c", "a%26b%3Dc"},
		{"x/y?z#w", "x%2Fy%3Fz%23w"},
		{"100%", "100%25"},
		{",|[]", "%2C%7C%5B%5D"},
		{"é", "%C3%A9"},
		{"\x00\xff", "%00%FF"},
	}
	for _, tt := range tests {
		if got := escapeQuery(tt.in); got != tt.want {
			t.Errorf("escapeQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// Whatever is escaped must come back unchanged through a standard decoder.
		if back, err := url.QueryUnescape(escapeQuery(tt.in)); err != nil || back != tt.in {
			t.Errorf("QueryUnescape(escapeQuery(%q)) = %q, %v", tt.in, back, err)
		}
	}
}

func TestQuery(t *testing.T) {
	tests := []struct {
		name  string
		build func(q *query)
		want  string
	}{
		{"empty", func(q *query) {}, ""},
		{"scalars keep order", func(q *query) {
			q.add("z", "1")
			q.add("a", "x y")
			q.add("a b", "&")
		}, "z=1&a=x%20y&a%20b=%26"},
		{"form explode", func(q *query) {
			q.addList("id", []string{"a", "b,c"}, "form", true)
		}, "id=a&id=b%2Cc"},
		{"default style is form", func(q *query) {
			q.addList("id", []string{"a", "b"}, "", true)
		}, "id=a&id=b"},
		{"form explode empty list sends nothing", func(q *query) {
			q.addList("id", nil, "form", true)
		}, ""},
		{"form no explode", func(q *query) {
			// A comma inside a value is escaped so it cannot be read as a separator.
			q.addList("id", []string{"a", "b,c", "d e"}, "form", false)
		}, "id=a,b%2Cc,d%20e"},
		{"spaceDelimited", func(q *query) {
			q.addList("c", []string{"blue", "black", "a b"}, "spaceDelimited", false)
		}, "c=blue%20black%20a%20b"},
		{"pipeDelimited", func(q *query) {
			q.addList("c", []string{"blue", "a|b"}, "pipeDelimited", false)
		}, "c=blue|a%7Cb"},
		{"object form explode", func(q *query) {
			q.addObject("color", []string{"R", "100", "G&", "2 0"}, "form", true)
		}, "R=100&G%26=2%200"},
		{"object form no explode", func(q *query) {
			q.addObject("color", []string{"R", "100", "G", "200"}, "form", false)
		}, "color=R,100,G,200"},
		{"object spaceDelimited", func(q *query) {
			q.addObject("color", []string{"R", "100", "G", "200"}, "spaceDelimited", false)
		}, "color=R%20100%20G%20200"},
		{"object pipeDelimited", func(q *query) {
			q.addObject("color", []string{"R", "100", "G", "200"}, "pipeDelimited", false)
		}, "color=R|100|G|200"},
		{"deepObject", func(q *query) {
			q.addObject("filter", []string{"name", "a b", "x[y]", "1"}, "deepObject", true)
		}, "filter%5Bname%5D=a%20b&filter%5Bx%5By%5D%5D=1"},
		{"deepObject odd pairs drops the dangling key", func(q *query) {
			q.addObject("f", []string{"k", "v", "dangling"}, "deepObject", true)
		}, "f%5Bk%5D=v"},
		{"mixed", func(q *query) {
			q.add("limit", "10")
			q.addList("tag", []string{"x", "y"}, "form", true)
			q.addObject("m", []string{"k", "v"}, "deepObject", true)
		}, "limit=10&tag=x&tag=y&m%5Bk%5D=v"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var q query
			tt.build(&q)
			if got := q.encode(); got != tt.want {
				t.Errorf("encode() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestQueryDecodesAsSent(t *testing.T) {
	// A standard parser must read back exactly the names and values added.
	var q query
	q.add("a=b", "c&d")
	q.add("sp ace", "+plus")
	q.addList("l", []string{"1", "ü"}, "form", true)
	q.addObject("o", []string{"k", "v w"}, "deepObject", true)
	got, err := url.ParseQuery(q.encode())
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{"a=b": {"c&d"}, "sp ace": {"+plus"}, "l": {"1", "ü"}, "o[k]": {"v w"}}
	if got.Encode() != want.Encode() {
		t.Errorf("ParseQuery(%q) = %v, want %v", q.encode(), got, want)
	}
}

// Structured values below what a style spreads are sent as their JSON text.
func TestFormValueNested(t *testing.T) {
	tests := []struct {
		name    string
		v       any
		style   string
		explode bool
		want    string
	}{
		{"form explode list of objects", []any{map[string]any{"name": "a", "comparator": "="}, map[string]any{"name": "b"}}, "form", true,
			"f=%7B%22comparator%22%3A%22%3D%22%2C%22name%22%3A%22a%22%7D&f=%7B%22name%22%3A%22b%22%7D"},
		{"form explode object with nested values", map[string]any{"tags": []any{"x", "y"}, "range": map[string]any{"min": json.Number("1")}, "q": nil}, "form", true,
			"q=&range=%7B%22min%22%3A1%7D&tags=x&tags=y"},
		{"form list of lists", []any{[]any{"a", "b"}}, "form", true, "f=%5B%22a%22%2C%22b%22%5D"},
		{"form no explode list of objects", []any{map[string]any{"a": "1"}}, "form", false, "f=%7B%22a%22%3A%221%22%7D"},
		{"deepObject nests", map[string]any{"r": map[string]any{"min": json.Number("1")}, "t": []any{"x"}}, "deepObject", true,
			"f%5Br%5D%5Bmin%5D=1&f%5Bt%5D%5B0%5D=x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var q query
			formValue(&q, "f", tt.v, tt.style, tt.explode)
			if got := q.encode(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
