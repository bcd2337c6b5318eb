package gen

import (
	"context"

	"github.com/sdkgen/sdkgen/internal/emit/golang"
	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/load"
	"github.com/sdkgen/sdkgen/internal/lower"
)

// View loads and lowers a spec and computes its Go view, without emitting
// anything: what the change report compares.
func (g *Generator) View(ctx context.Context, sdk SDK) (*goview.View, error) {
	loaded, err := load.Load(ctx, sdk.Spec, sdk.Overlays...)
	if err != nil {
		return nil, err
	}
	rt, err := g.runtime()
	if err != nil {
		return nil, err
	}
	api, err := lower.Lower(loaded.Doc, lower.Options{
		Package:         sdk.Package,
		ImportPath:      sdk.ImportPath,
		Reserved:        golang.ReservedNames(rt),
		SkipUnsupported: sdk.SkipUnsupported,
		MapPos:          loaded.MapPos,
		StreamSentinel:  sdk.streamSentinel(),
		Locate:          loaded.Locate,
		Gathered:        loaded.Gathered,
		Globals:         sdk.Globals,
		CredentialEnv:   sdk.CredentialEnv,
		Idempotency:     sdk.Idempotency,
		Renames:         sdk.Renames,
	})
	if err != nil {
		return nil, err
	}
	return goview.New(api, golang.ReservedNames(rt)), nil
}
