package corpus

import "github.com/sdkgen/sdkgen/internal/emit/golang"

// Every SDK of the corpus holds internal/gofmt to go/printer.
func init() { golang.CrossCheckPrinter(true) }
