package gen_test

import (
	"path/filepath"
	"testing"
)

// TestMultipartBodiesOnTheWire runs a test of the multipart_bodies case's
// SDK against a server that parses the multipart requests it gets
// (testdata/multipart): the parts of the variant that is set, and a whole
// body sent as one file part.
func TestMultipartBodiesOnTheWire(t *testing.T) {
	testCaseSDK(t, "multipart_bodies", "uploads", filepath.Join("testdata", "multipart", "parts_test.go.txt"))
}

// TestMultipartWholeBodiesOnTheWire runs a test of the
// multipart_whole_bodies case's SDK against the same kind of server: a
// string body as one text part, a map body's entries as parts in key order.
func TestMultipartWholeBodiesOnTheWire(t *testing.T) {
	testCaseSDK(t, "multipart_whole_bodies", "whole", filepath.Join("testdata", "multipart", "whole_test.go.txt"))
}
