package golang

import (
	doccomment "go/doc/comment"
	"slices"
	"strings"
	"testing"
)

func TestMarkdownDoc(t *testing.T) {
	md := "The API.\n\n### Versions\n\nSee [the docs](https://example.com/v \"t\") and **this**.\n" +
		"- one\n* two\n\n1. first\n\nRun:\n```sh\ncurl x\n```\n[local](#anchor) text"
	got := commentLines(markdownDoc(md)...)
	want := []string{
		"// The API.",
		"//",
		"// # Versions",
		"//",
		"// See [the docs] and this.",
		"//",
		"//   - one",
		"//   - two",
		"//",
		"//   1. first",
		"//",
		"// Run:",
		"//",
		"//\tcurl x",
		"//",
		"// local text.",
		"//",
		"// [the docs]: https://example.com/v",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// go/doc/comment reads it as Markdown meant it.
	var text []string
	for _, l := range got {
		text = append(text, strings.TrimPrefix(strings.TrimPrefix(l, "//"), " "))
	}
	var p doccomment.Parser
	doc := p.Parse(strings.Join(text, "\n"))
	var kinds []string
	for _, b := range doc.Content {
		switch b.(type) {
		case *doccomment.Heading:
			kinds = append(kinds, "heading")
		case *doccomment.List:
			kinds = append(kinds, "list")
		case *doccomment.Code:
			kinds = append(kinds, "code")
		case *doccomment.Paragraph:
			kinds = append(kinds, "para")
		}
	}
	if want := []string{"para", "heading", "para", "list", "para", "code", "para"}; !slices.Equal(kinds, want) {
		t.Errorf("blocks %q, want %q", kinds, want)
	}
	if len(doc.Links) != 1 || doc.Links[0].Text != "the docs" || doc.Links[0].URL != "https://example.com/v" {
		t.Errorf("links %+v", doc.Links)
	}
	// Plain text is one paragraph, unchanged.
	if got := markdownDoc("a\nb"); !slices.Equal(got, []string{"a\nb"}) {
		t.Errorf("plain text: %q", got)
	}
}
