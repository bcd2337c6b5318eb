package load

import (
	"os"
	"testing"
)

// TestScanJSON scans every JSON spec at hand and requires the tree of
// encoding/json's tokens; and for texts made to differ where the two could,
// the same tree or the same refusal.
func TestScanJSON(t *testing.T) {
	specs := globSpecs(t,
		"testdata/*/*.json",
		"../../../shared/corpus/*.json",
		"../../../shared/corpus/*/*.json",
		"../../tools/oas-examples/node_modules/@readme/oas-examples/3.*/json/*.json",
	)
	if len(specs) < 10 {
		t.Fatalf("only %d specs found", len(specs))
	}
	for _, path := range specs {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if d := compareJSONParses(data); d != "" {
			t.Errorf("%s: %s", path, d)
		}
	}
	for _, text := range jsonShapes {
		if d := compareJSONParses([]byte(text)); d != "" {
			t.Errorf("%q: %s", text, d)
		}
	}
}

// jsonShapes are texts where a scanner could part from encoding/json.
var jsonShapes = []string{
	`{}`, `[]`, `{"a":[]}`, " \r\n\t{ \"a\" :\n1 ,\"b\":[ true,false , null ]}\n",
	`{"n":[0,-0,1.5,-2e10,1E+2,3e-4,123456789012345678901234567890,9223372036854775808]}`,
	`{"s":"plain","e":"a\"b\\c\/d\be\ff\ng\rh\ti","u":"\u00e9\ud83d\ude00\ud800x\udc00"}`,
	"{\"utf8\":\"é😀\",\"bad\":\"\xff\xfe\",\"mixed\":\"\xe9\\n\"}",
	`{"a":1,"a":2}`, `{"":""}`, `[[[[[]]]]]`,
	// Refused by both.
	`{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":-}`, `{"a":1e}`, `{"a":+1}`, `{"a":1,}`, `[1,]`,
	`{"a" 1}`, `{a:1}`, `{"a":tru}`, `{"a":nul}`, `{"a":"\x"}`, `{"a":"\u12"}`, "{\"a\":\"x\ny\"}",
	`{"a":1}}`, `{"a":1} x`, `{"a":[1 2]}`, `{"a":"`, `{`, `[`, "\ufeff{}", `{"a":1}{}`,
}

// compareJSONParses describes how the scan and encoding/json's tokens
// differ on data, or returns "".
func compareJSONParses(data []byte) string {
	want, err := decodeJSONNode(data)
	got, ok := scanJSONNode(data)
	switch {
	case ok && err != nil:
		return "scanned, but encoding/json refuses it: " + err.Error()
	case !ok && err == nil:
		return "encoding/json reads it, but the scan does not"
	case !ok:
		return ""
	}
	return diffNodes(want, got, "$")
}

// FuzzScanJSON holds the scan to encoding/json's tokens on arbitrary text.
func FuzzScanJSON(f *testing.F) {
	for _, s := range jsonShapes {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if d := compareJSONParses(data); d != "" {
			t.Fatal(d)
		}
	})
}
