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
