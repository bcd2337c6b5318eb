package docs

import (
	"regexp"
	"testing"
)

// TestCodeFence holds codeFence to the CommonMark rule it implements.
func TestCodeFence(t *testing.T) {
	re := regexp.MustCompile("^ {0,3}(`{3,}|~{3,})(.*)$")
	for _, line := range []string{
		"```", "```go", "````", "~~~", "~~~~ x", "``", "~~", " ```", "   ```go", "    ```", "```a`b",
		"``~", "~~`", "", " ", "text", "`````` ", "\t```", "   ~~~~~~",
	} {
		m := re.FindStringSubmatch(line)
		marker, info, ok := codeFence(line)
		if ok != (m != nil) || (ok && (marker != m[1] || info != m[2])) {
			t.Errorf("codeFence(%q) = %q, %q, %v; want %q", line, marker, info, ok, m)
		}
	}
}

func TestCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a | b", `a \| b`},
		{`already \| escaped`, `already \\\| escaped`},
		{`two \\| backslashes`, `two \\\| backslashes`},
		{"line one\nline two\n", "line one<br/>line two"},
		{"crlf\r\nand\rcr\u2028sep", "crlf<br/>and<br/>cr<br/>sep"},
		{"  spaced   out  ", "spaced out"},
		{"<!-- hidden", "&lt;!-- hidden"},
		{"<script>x</script>", "&lt;script>x</script>"},
		{"nul\x00and\ttab", "nuland tab"},
	} {
		if got := cell(c.in); got != c.want {
			t.Errorf("cell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCode(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"int64", "`int64`"},
		{"a`b", "``a`b``"},
		{"`tick`", "`` `tick` ``"},
		{"a|b", "`a\\|b`"},
		{"", "` `"},
		{"two\nlines", "`two lines`"},
	} {
		if got := code(c.in); got != c.want {
			t.Errorf("code(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestInline(t *testing.T) {
	if got, want := inline("Title\nwith | pipe <!-- x"), "Title with | pipe &lt;!-- x"; got != want {
		t.Errorf("inline = %q, want %q", got, want)
	}
}

func TestBlock(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"heading", "# Title\ntext", "**Title**\ntext"},
		{"closed heading", "## Title ##", "**Title**"},
		{"empty heading", "#\ntext", "text"},
		{"not a heading", "#hashtag", "#hashtag"},
		{"setext", "Title\n=====\n\nTitle\n---", "Title\n\\=====\n\nTitle\n\\---"},
		{"thematic break", "text\n\n---", "text\n\n---"},
		{"unclosed fence", "```go\ncode", "```go\ncode\n```"},
		{"unclosed long fence", "~~~~\ncode\n~~~", "~~~~\ncode\n~~~\n~~~~"},
		{"closed fence", "```\n# not a heading\n\n\n<!--\n```\nafter", "```\n# not a heading\n\n\n<!--\n```\nafter"},
		{"inline code is no fence", "```inline``` text", "```inline``` text"},
		{"indented code is no fence", "    ```\ntext", "    ```\ntext"},
		{"comment", "before <!-- never closed", "before &lt;!-- never closed"},
		{"html blocks", "<pre>\n<?php\n<![CDATA[", "&lt;pre>\n&lt;?php\n&lt;![CDATA["},
		{"blank runs", "a\n\n\n\nb\n\n", "a\n\nb"},
		{"line breaks", "a\r\nb\rc", "a\nb\nc"},
	} {
		if got := block(c.in); got != c.want {
			t.Errorf("%s: block(%q) =\n%q\nwant\n%q", c.name, c.in, got, c.want)
		}
	}
}

func TestTidy(t *testing.T) {
	in := "# T\n\n\n\ntext  \n```go\na\n\n\nb\n```\n\n\nend\n\n"
	want := "# T\n\ntext\n```go\na\n\n\nb\n```\n\nend\n"
	if got := string(appendTidy(nil, in)); got != want {
		t.Errorf("tidy =\n%q\nwant\n%q", got, want)
	}
}

func TestSlugger(t *testing.T) {
	s := newSlugger()
	for _, c := range []struct{ in, want string }{
		{"Overview", "overview"},
		{"Available Operations", "available-operations"},
		{"Overview", "overview-1"},
		{"Example Usage", "example-usage"},
		{"Example Usage", "example-usage-1"},
		{"Hostile | API &lt;!-- x", "hostile--api-lt---x"},
		{"snake_case", "snake_case"},
		{"Example Usage 2", "example-usage-2"},
		{"Example Usage", "example-usage-3"}, // -2 is taken by the heading above
		{"Example Usage", "example-usage-4"},
		{"Overview", "overview-2"},
	} {
		if got := s.slug(c.in); got != c.want {
			t.Errorf("slug(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestEscapePipes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"|", `\|`},
		{`\|`, `\\\|`},
		{`\\|`, `\\\|`},
		{"a||b", `a\|\|b`},
	} {
		if got := escapePipes(c.in); got != c.want {
			t.Errorf("escapePipes(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestCleanText covers the fast path for plain text and the characters that
// leave it.
func TestCleanText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text\nsecond line", "plain text\nsecond line"},
		{"", ""},
		{"tab\there", "tab here"},
		{"crlf\r\nend", "crlf\nend"},
		{"del\x7fnul\x00bom\uFEFF", "del nulbom"},
		{"sep\u2028para\u2029nel\u0085", "sep\npara\nnel\n"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"café ~", "café ~"},
	} {
		if got := cleanText(c.in); got != c.want {
			t.Errorf("cleanText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
