package runtime

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"strings"
	"testing"
)

// TestAnyPart: a field the API gives no type is sent as what its value is:
// a file as a file, a scalar as text, a structure as JSON.
func TestAnyPart(t *testing.T) {
	f := &File{Name: "a.png", ContentType: "image/png", Content: strings.NewReader("png")}
	var parts []formPart
	for _, v := range []any{"value", 1.5, true, json.Number("12"), f, map[string]any{"a": 1}, []string{"x"}} {
		p, err := anyPart("f", v)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, p)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := writeParts(mw, parts, true); err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(&buf, mw.Boundary())
	for _, want := range []struct{ body, contentType, file string }{
		{"value", "", ""}, {"1.5", "", ""}, {"true", "", ""}, {"12", "", ""},
		{"png", "image/png", "a.png"},
		{`{"a":1}`, "application/json", ""}, {`["x"]`, "application/json", ""},
	} {
		p, err := mr.NextPart()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p)
		if string(body) != want.body || p.Header.Get("Content-Type") != want.contentType || p.FileName() != want.file {
			t.Errorf("part %q (Content-Type %q, file %q), want %q (%q, %q)", body, p.Header.Get("Content-Type"), p.FileName(), want.body, want.contentType, want.file)
		}
	}
}

// TestFormTextPart: a part the API gives the form media type holds an
// object's properties as pairs, escaped, and any other value as one pair.
func TestFormTextPart(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{map[string]any{"max": 2, "min": 1, "q": "a b&c"}, "max=2&min=1&q=a%20b%26c"},
		{[]string{"x", "y"}, "range=x&range=y"},
		{"plain", "range=plain"},
	} {
		p, err := formTextPart("range", c.v)
		if err != nil {
			t.Fatal(err)
		}
		if p.value != c.want || p.contentType != "application/x-www-form-urlencoded" || p.name != "range" {
			t.Errorf("formTextPart(%v) = %+v, want value %q", c.v, p, c.want)
		}
	}
}
