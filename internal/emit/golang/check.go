package golang

import (
	"bytes"
	"fmt"
	"go/format"
	"strings"

	"github.com/sdkgen/sdkgen/internal/files"
)

// CheckFormatted reports the first Go file in out that does not parse or is
// not as gofmt prints it. Emission prints with go/printer directly, not
// go/format; tests run this over the SDKs they generate.
func CheckFormatted(out []files.File) error {
	for _, f := range out {
		if !strings.HasSuffix(f.Path, ".go") {
			continue
		}
		want, err := format.Source(f.Content)
		if err != nil {
			return fmt.Errorf("%s: %v", f.Path, err)
		}
		if !bytes.Equal(want, f.Content) {
			return fmt.Errorf("%s is not as gofmt prints it", f.Path)
		}
	}
	return nil
}
