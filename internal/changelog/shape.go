package changelog

import (
	"github.com/sdkgen/sdkgen/internal/gotype"
	"github.com/sdkgen/sdkgen/internal/ir"
)

// Types are written as the Go SDK declares them, so that a change in a
// report is a change a Go user sees.

func primShape(k ir.PrimKind) string { return gotype.Prim(k) }

func typeShape(t ir.Type) string { return gotype.Type(t) }

func fieldShape(t ir.Type, required bool) string { return gotype.Field(t, required) }
