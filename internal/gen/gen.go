// Package gen runs the pipeline: load, lower, emit. Run is a pure function of
// the spec files: it returns the output files and writes nothing. Write puts
// files on disk, safely.
package gen

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/emit/docs"
	"github.com/sdkgen/sdkgen/internal/emit/golang"
	"github.com/sdkgen/sdkgen/internal/files"
	"github.com/sdkgen/sdkgen/internal/goview"
	"github.com/sdkgen/sdkgen/internal/load"
	"github.com/sdkgen/sdkgen/internal/lower"
)

// Generator holds what all runs share: the parsed runtime.
type Generator struct {
	runtime func() (*golang.Runtime, error)
}

// New returns a Generator. The runtime is parsed in the background, while
// the first run loads its spec: lowering is the first step that needs it.
func New() *Generator {
	done := make(chan struct{})
	var rt *golang.Runtime
	var err error
	go func() {
		defer close(done)
		rt, err = golang.LoadRuntime()
	}()
	return &Generator{runtime: func() (*golang.Runtime, error) {
		<-done
		return rt, err
	}}
}

// Result is the outcome of a run.
type Result struct {
	Files    []files.File // sorted by path
	View     *goview.View // the IR and its Go view
	Version  string       // the spec's OpenAPI or Swagger version
	GoNeed   GoNeed       // the oldest Go release that builds the SDK right
	Warnings diag.List
	Timings  Timings
}

// Timings break a run down by stage. Go and docs are emitted side by side:
// EmitGo and EmitDocs both count from the start of emission.
type Timings struct {
	Load, Lower, EmitGo, EmitDocs time.Duration
}

// Run generates the files of one SDK.
func (g *Generator) Run(ctx context.Context, sdk SDK) (*Result, error) {
	if err := sdk.Validate(); err != nil {
		return nil, err
	}
	res := &Result{}
	t0 := time.Now()
	loaded, err := load.Load(ctx, sdk.Spec, sdk.Overlays...)
	if err != nil {
		return nil, err
	}
	res.Version = loaded.Version
	if sdk.ValidateSpec {
		load.Validate(ctx, sdk.Spec, loaded)
	}
	rt, err := g.runtime()
	if err != nil {
		return nil, err
	}
	t1 := time.Now()
	api, err := lower.Lower(loaded.Doc, lower.Options{
		Package:         sdk.Package,
		ImportPath:      cmp.Or(sdk.ImportPath, sdk.Module),
		Module:          sdk.Module,
		ErrorSchema:     sdk.ErrorSchema,
		ErrorSchemaPos:  sdk.ErrorSchemaPos,
		Reserved:        golang.ReservedNames(rt),
		SkipUnsupported: sdk.SkipUnsupported,
		StreamSentinel:  sdk.streamSentinel(),
		Globals:         sdk.Globals,
		CredentialEnv:   sdk.CredentialEnv,
		Idempotency:     sdk.Idempotency,
		Renames:         sdk.Renames,
		MapPos:          loaded.MapPos,
		Pagination:      sdk.Pagination,
		Locate:          loaded.Locate,
		Gathered:        loaded.Gathered,
	})
	if err != nil {
		return nil, err
	}
	view := goview.New(api, golang.ReservedNames(rt))
	res.View = view
	// The IR holds nothing of kin-openapi's document: let the collector
	// reclaim it (and a bundled spec's line map, which MapPos holds) while the
	// files are emitted, rather than mark it in every cycle.
	loaded.Doc, loaded.MapPos, loaded.Locate = nil, nil, nil
	t2 := time.Now()
	// Go and docs only read the IR: emitting them side by side keeps both
	// cores busy while either waits on its last, largest files.
	var docFiles []files.File
	var docsErr error
	var t4 time.Time
	docsDone := make(chan struct{})
	go func() {
		defer close(docsDone)
		docFiles, docsErr = docs.Emit(view)
		t4 = time.Now()
	}()
	goFiles, err := golang.Emit(view, rt)
	t3 := time.Now()
	<-docsDone
	if err != nil {
		return nil, err
	}
	if docsErr != nil {
		return nil, docsErr
	}
	res.Timings = Timings{Load: t1.Sub(t0), Lower: t2.Sub(t1), EmitGo: t3.Sub(t2), EmitDocs: t4.Sub(t2)}
	if res.GoNeed, err = GoVersionNeeded(goFiles); err != nil {
		return nil, err
	}
	res.Files = append(goFiles, docFiles...)
	if sdk.Module != "" {
		res.Files = append(res.Files, goModFile(sdk.Module, res.GoNeed))
		slices.SortFunc(res.Files, func(a, b files.File) int { return strings.Compare(a.Path, b.Path) })
		res.Files = append(res.Files, gitattributesFile(res.Files))
	}
	slices.SortFunc(res.Files, func(a, b files.File) int { return strings.Compare(a.Path, b.Path) })
	res.Warnings = append(loaded.Warnings, api.Warnings...)
	return res, nil
}

// streamSentinel is the configured data that ends a stream, if any.
func (s SDK) streamSentinel() string {
	if s.Streams == nil {
		return ""
	}
	return s.Streams.Sentinel
}
