package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/sdkgen/sdkgen/internal/changelog"
	"github.com/sdkgen/sdkgen/internal/gen"
	"github.com/sdkgen/sdkgen/internal/goview"
)

// runChangelog implements "gen changelog OLD NEW": the Go-visible changes
// between the SDKs of two specs (files, or SDKs of the config by package
// name), as Markdown or JSON.
func runChangelog(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen changelog", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "markdown", "output format: markdown or json")
	configPath := fs.String("config", "sdkgen.yaml", "config file, to name SDKs by package")
	var overlays []string
	fs.Func("overlay", "apply this OpenAPI Overlay 1.0 file to both specs (repeatable; after the config's own for an SDK named by package)", func(s string) error {
		overlays = append(overlays, s)
		return nil
	})
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: gen changelog [flags] OLD NEW\n\nOLD and NEW are spec files, or package names of SDKs in the config.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() != 2 || (*format != "markdown" && *format != "json") {
		fs.Usage()
		return exitUsage
	}
	g := gen.New()
	var sides [2]*goview.View
	for i, arg := range fs.Args() {
		sdk, err := resolveSDK(arg, *configPath)
		if err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return exitError
		}
		sdk.Overlays = append(sdk.Overlays, overlays...)
		view, err := g.View(ctx, sdk)
		if err != nil {
			printError(stderr, sdk.Spec, err)
			return exitError
		}
		sides[i] = view
	}
	report := changelog.Compare(sides[0], sides[1])
	if *format == "json" {
		b, err := report.JSON()
		if err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return exitError
		}
		stdout.Write(b)
		return exitOK
	}
	io.WriteString(stdout, report.Markdown())
	return exitOK
}

// resolveSDK takes a spec file, or the package name of an SDK of the config.
func resolveSDK(arg, configPath string) (gen.SDK, error) {
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		return gen.SDK{Spec: arg, Out: "-", Package: "sdk"}, nil
	}
	cfg, err := gen.LoadConfig(configPath)
	if err != nil {
		return gen.SDK{}, fmt.Errorf("%q is not a spec file, and the config cannot name it: %w", arg, err)
	}
	for _, s := range cfg.SDKs {
		if s.Package == arg {
			return s, nil
		}
	}
	return gen.SDK{}, fmt.Errorf("%q is neither a spec file nor the package of an SDK in %s", arg, configPath)
}
