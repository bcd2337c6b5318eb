package golang

import (
	"bytes"
	"go/format"
	"testing"
)

// TestRuntimeLayout: runtime files are put together from declarations
// printed once, without go/format; with every declaration included, each
// must still be exactly what go/format makes of it.
func TestRuntimeLayout(t *testing.T) {
	rt, err := LoadRuntime()
	if err != nil {
		t.Fatal(err)
	}
	used := Used{Refs: map[string]bool{}, Sels: map[string]bool{}}
	for _, f := range rt.files {
		for _, u := range f.units {
			for _, n := range append(u.names, u.recv) {
				used.Refs[n], used.Sels[n] = true, true
			}
		}
	}
	files := rt.Copy("sdk", used)
	if len(files) != len(rt.files) {
		t.Errorf("%d files copied, the runtime has %d", len(files), len(rt.files))
	}
	for _, f := range files {
		want, err := format.Source(f.Src)
		if err != nil {
			t.Fatalf("%s: %v\n%s", f.Name, err, f.Src)
		}
		if !bytes.Equal(want, f.Src) {
			t.Errorf("%s is not as gofmt prints it:\n%s", f.Name, f.Src)
		}
	}
}
