// Command gen generates Go SDKs from OpenAPI specs.
//
// With no arguments it regenerates every SDK listed in sdkgen.yaml. See
// README.md for the flags.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sdkgen/sdkgen/internal/diag"
	"github.com/sdkgen/sdkgen/internal/gen"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // generation failed, or -check found drift
	exitUsage = 2
)

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "changelog" {
		return runChangelog(ctx, args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "sdkgen.yaml", "config file listing the SDKs to generate")
	specPath := fs.String("spec", "", "generate one SDK from this spec instead of the config's")
	outDir := fs.String("out", "", "output directory (with -spec)")
	pkg := fs.String("package", "", "Go package name (with -spec)")
	check := fs.Bool("check", false, "write nothing; exit 1 and list every file that would change")
	skip := fs.Bool("skip-unsupported", false, "skip operations that use unsupported constructs instead of failing")
	dumpIR := fs.Bool("dump-ir", false, "print the IR as JSON instead of writing files (with -spec)")
	verbose := fs.Bool("v", false, "list warnings and stage timings")
	validate := fs.Bool("validate", false, "also validate the spec fully with kin-openapi and report its findings as warnings (slow on large specs)")
	var overlays []string
	fs.Func("overlay", "apply this OpenAPI Overlay 1.0 file to the spec before generating (repeatable; with a config, to every SDK after its own)", func(s string) error {
		overlays = append(overlays, s)
		return nil
	})
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: gen [flags]\n       gen changelog [flags] OLD NEW\n\nWith no flags, regenerates every SDK in sdkgen.yaml.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gen: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}

	var sdks []gen.SDK
	if *specPath != "" || *outDir != "" || *pkg != "" {
		sdk := gen.SDK{Spec: *specPath, Out: *outDir, Package: *pkg, SkipUnsupported: *skip, ValidateSpec: *validate, Overlays: overlays}
		if *dumpIR && sdk.Out == "" {
			sdk.Out = "-"
		}
		if err := sdk.Validate(); err != nil {
			fmt.Fprintf(stderr, "gen: %v (-spec, -out and -package go together)\n", err)
			return exitUsage
		}
		sdks = []gen.SDK{sdk}
	} else {
		if *dumpIR {
			fmt.Fprintln(stderr, "gen: -dump-ir needs -spec")
			return exitUsage
		}
		cfg, err := gen.LoadConfig(*configPath)
		if err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return exitError
		}
		sdks = cfg.SDKs
		for i := range sdks {
			sdks[i].SkipUnsupported = sdks[i].SkipUnsupported || *skip
			sdks[i].ValidateSpec = sdks[i].ValidateSpec || *validate
			sdks[i].Overlays = append(sdks[i].Overlays, overlays...)
		}
	}

	specs := make([]string, len(sdks))
	for i, sdk := range sdks {
		specs[i] = sdk.Spec
	}
	gcCtx, stopGC := context.WithCancel(ctx)
	defer stopGC()
	tuneGC(gcCtx, specs)
	g := gen.New()
	// Generate everything before writing anything: one bad spec leaves every
	// output directory as it was.
	results := make([]*gen.Result, len(sdks))
	failed := false
	for i, sdk := range sdks {
		res, err := g.Run(ctx, sdk)
		if err != nil {
			printError(stderr, sdk.Spec, err)
			failed = true
			continue
		}
		results[i] = res
		reportWarnings(stderr, sdk, res, *verbose)
		if *verbose {
			reportInferred(stderr, sdk, res)
			t := res.Timings
			fmt.Fprintf(stderr, "gen: %s: load %v, lower %v, emit Go %v, emit docs %v\n", sdk.Spec, t.Load, t.Lower, t.EmitGo, t.EmitDocs)
		}
	}
	if failed {
		return exitError
	}
	if *dumpIR {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(gen.DumpIR(results[0].View)); err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return exitError
		}
		return exitOK
	}
	// Compare every output directory before writing any: a generated file
	// that would replace a hand-written one stops the run untouched.
	diffs := make([][]gen.Change, len(sdks))
	for i, sdk := range sdks {
		// An SDK written into a module that declares an older Go would
		// build there and misbehave.
		if err := gen.CheckModule(sdk.Out, results[i]); err != nil {
			printError(stderr, sdk.Spec, err)
			return exitError
		}
		changes, err := gen.Diff(sdk.Out, results[i].Files)
		if err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return exitError
		}
		diffs[i] = changes
	}
	status := exitOK
	for i, sdk := range sdks {
		changes := diffs[i]
		if *check {
			for _, c := range changes {
				fmt.Fprintf(stdout, "%s: %s would be %s\n", sdk.Out, c.Path, map[string]string{"add": "added", "update": "updated", "remove": "removed"}[c.Kind])
				status = exitError
			}
			continue
		}
		if err := gen.Apply(sdk.Out, results[i].Files, changes); err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return exitError
		}
		if len(changes) > 0 {
			fmt.Fprintf(stderr, "gen: %s: %d files changed\n", sdk.Out, len(changes))
		}
	}
	return status
}

// printError prints a generation error. Located errors name their file
// already; others get the spec's name.
func printError(w io.Writer, spec string, err error) {
	var located *diag.Error
	if errors.As(err, &located) && located.Pos.IsValid() {
		for line := range strings.SplitSeq(err.Error(), "\n") {
			fmt.Fprintf(w, "gen: %s\n", line)
		}
		return
	}
	fmt.Fprintf(w, "gen: %s: %v\n", spec, err)
}

// reportInferred lists the paginators inferred from the spec's shapes,
// with the rule each matched, so that a wrong guess is easy to see (and to
// override in sdkgen.yaml).
func reportInferred(w io.Writer, sdk gen.SDK, res *gen.Result) {
	for _, g := range res.View.API.Groups {
		for _, op := range g.Operations {
			if p := op.Pagination; p != nil {
				if rule, ok := strings.CutPrefix(p.Source, "inferred: "); ok {
					fmt.Fprintf(w, "gen: %s: inferred pagination: %s %s (%s): %s\n", sdk.Spec, op.Method, op.Path, op.ID, rule)
				}
			}
		}
	}
}

func reportWarnings(w io.Writer, sdk gen.SDK, res *gen.Result, verbose bool) {
	for _, s := range res.View.API.Skipped {
		fmt.Fprintf(w, "gen: %s: skipped %s %s: %v\n", sdk.Spec, s.Method, s.Path, s.Reason)
	}
	if len(res.Warnings) == 0 {
		return
	}
	if !verbose {
		fmt.Fprintf(w, "gen: %s: %d warnings (-v lists them)\n", sdk.Spec, len(res.Warnings))
		return
	}
	for _, warn := range res.Warnings {
		fmt.Fprintf(w, "gen: warning: %v\n", warn)
	}
}
