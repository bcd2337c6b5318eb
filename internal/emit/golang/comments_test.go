package golang

import (
	"bytes"
	"go/format"
	"strings"
	"testing"
)

// TestCommentListsStayFormatted: a list right after a paragraph line gets
// a blank line before it, without which gofmt prints the doc comment
// differently on its second run than on its first.
func TestCommentListsStayFormatted(t *testing.T) {
	desc := "On creation, a floating IP must be assigned to a Droplet or reserved to a region.\n" +
		"* To create one assigned to a Droplet, send a POST\n  request with the `droplet_id` attribute.\n\n" +
		"* To create one reserved to a region, send a POST request\n  with the `region` attribute.\n" +
		"Supported values are:\n1. first\n2) second\n- third"
	lines := commentLines("Create: Create a New Floating IP.", desc, "\tPOST /v2/floating_ips")
	got := strings.Join(lines, "\n")
	for _, want := range []string{"region.\n//\n// * To create", "are:\n//\n// 1. first\n// 2) second\n// - third", "request with"} {
		if !strings.Contains(got, want) {
			t.Errorf("comment lacks %q:\n%s", want, got)
		}
	}
	src := []byte("package p\n\n" + got + "\nfunc F() {}\n")
	once, err := format.Source(src)
	if err != nil {
		t.Fatal(err)
	}
	twice, err := format.Source(once)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(once, twice) {
		t.Errorf("gofmt is not stable on the comment:\n%s\nthen:\n%s", once, twice)
	}
}
