.PHONY: generate check test prism bench corpus fuzz

# Regenerate every SDK listed in sdkgen.yaml.
generate:
	go run ./cmd/gen

# Fail if a generated SDK is out of date.
check:
	go run ./cmd/gen -check

# Prism tests skip without Prism locally; run `make prism` once first.
test:
	go test ./...

# Install the Prism mock server into tools/prism/node_modules.
prism:
	npm ci --prefix tools/prism --no-fund --no-audit

# Run the benchmarks and rewrite BENCHMARKS.md.
bench:
	bash scripts/bench.sh

# Generate, build and vet every spec of ../shared/corpus, and the
# feature-by-feature examples of tools/oas-examples once installed
# (npm ci --prefix tools/oas-examples); prints a table.
corpus:
	SDKGEN_CORPUS=1 go test ./internal/corpus -run TestCorpus -v -count=1 -timeout 30m

# Fuzz each target for FUZZTIME; a crasher is written to the package's
# testdata/fuzz, where go test then runs it as a regression case. Minimizing
# each new input holds up fuzzing (FuzzGenerate ran 40 inputs in 30s with it,
# over 20,000 without); set FUZZMINIMIZETIME=60s to shrink a crasher. Inputs
# found by earlier runs are dropped first: replaying thousands of them (GOCACHE
# keeps them) took the whole FUZZTIME.
FUZZTIME ?= 30s
FUZZMINIMIZETIME ?= 0s
FUZZFLAGS = -run '^$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME)
fuzz:
	go clean -fuzzcache
	go test $(FUZZFLAGS) -fuzz '^FuzzGenerate$$' ./internal/gen
	go test $(FUZZFLAGS) -fuzz '^FuzzSchemaGraph$$' ./internal/gen
	go test $(FUZZFLAGS) -fuzz '^FuzzNames$$' ./internal/naming
	go test $(FUZZFLAGS) -fuzz '^FuzzComments$$' ./internal/emit/golang
	go test $(FUZZFLAGS) -fuzz '^FuzzDecodeAny$$' ./templates/runtime
