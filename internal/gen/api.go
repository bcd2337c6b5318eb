package gen

import (
	"context"

	"github.com/sdkgen/sdkgen/internal/emit/golang"
	"github.com/sdkgen/sdkgen/internal/ir"
	"github.com/sdkgen/sdkgen/internal/load"
	"github.com/sdkgen/sdkgen/internal/lower"
)

// API loads and lowers a spec without emitting anything: what the change
// report compares.
func (g *Generator) API(ctx context.Context, sdk SDK) (*ir.API, *load.Result, error) {
	loaded, err := load.Load(ctx, sdk.Spec)
	if err != nil {
		return nil, nil, err
	}
	rt, err := g.runtime()
	if err != nil {
		return nil, nil, err
	}
	api, err := lower.Lower(loaded.Doc, lower.Options{
		Package:         sdk.Package,
		ImportPath:      sdk.ImportPath,
		Reserved:        golang.ReservedNames(rt),
		SkipUnsupported: sdk.SkipUnsupported,
		MapPos:          loaded.MapPos,
	})
	if err != nil {
		return nil, nil, err
	}
	return api, loaded, nil
}
