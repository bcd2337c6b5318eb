package runtime

import (
	"strings"
	"testing"
)

func TestMarshalJSONReusesNothing(t *testing.T) {
	a, _ := marshalJSON(map[string]string{"k": "first"})
	b, _ := marshalJSON(map[string]string{"k": "second, and longer"})
	if string(a) != `{"k":"first"}` || string(b) != `{"k":"second, and longer"}` {
		t.Errorf("marshalJSON results %s and %s", a, b)
	}
	big := strings.Repeat("x", 1<<17)
	c, _ := marshalJSON(big)
	if len(c) != len(big)+2 {
		t.Errorf("marshalJSON of %d bytes gave %d", len(big), len(c))
	}
	// Nested MarshalJSON calls take encoders of their own.
	d, _ := marshalJSON([]Nullable[[]string]{NewNullable([]string{"<a>"}), Null[[]string]()})
	if string(d) != `[["<a>"],null]` {
		t.Errorf("nested marshalJSON = %s", d)
	}
}
