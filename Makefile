.PHONY: generate check test prism bench corpus conformance fuzz

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

# Generate an SDK for every spec of ../shared/corpus (or CONFORMANCE_DIR) and
# call each operation against Prism, which validates every request; each
# schema-valid response must decode and encode again without loss. Needs
# Prism (npm ci --prefix tools/prism). Stripe is left out: Prism does not
# load its 4 MB spec within five minutes on 2 cores. Logs: sdktest/conformance/_work/.
CONFORMANCE_DIR ?= ../shared/corpus
CONFORMANCE_SKIP ?= stripe
conformance:
	SDKGEN_CONFORMANCE=$(abspath $(CONFORMANCE_DIR)) SDKGEN_CONFORMANCE_SKIP=$(CONFORMANCE_SKIP) \
		go test ./sdktest/conformance -run TestCorpus -v -count=1 -timeout 60m

# Fuzz each target for a number of inputs (about 30 seconds each on 2 cores),
# or for FUZZTIME when set (FUZZTIME=2m). Counts, not durations: with a
# duration, Go 1.26's fuzzing coordinator can report its own deadline as a
# failure when it races a worker (go.dev/issue/75804, fixed in Go 1.27). A
# crasher is written to the package's testdata/fuzz, where go test then runs
# it as a regression case. Minimizing each new input holds up fuzzing
# (FuzzGenerate ran 40 inputs in 30s with it, over 20,000 without); set
# FUZZMINIMIZETIME=60s to shrink a crasher. Inputs found by earlier runs are
# dropped first: replaying thousands of them (GOCACHE keeps them) took the
# whole budget.
FUZZTIME ?=
FUZZMINIMIZETIME ?= 0s
fuzzflags = -run '^$$' -fuzztime $(or $(FUZZTIME),$(1)) -fuzzminimizetime $(FUZZMINIMIZETIME)
fuzz:
	go clean -fuzzcache
	go test $(call fuzzflags,10000x) -fuzz '^FuzzGenerate$$' ./internal/gen
	go test $(call fuzzflags,500x) -fuzz '^FuzzSchemaGraph$$' ./internal/gen
	go test $(call fuzzflags,5000x) -fuzz '^FuzzPathTemplates$$' ./internal/gen
	go test $(call fuzzflags,300000x) -fuzz '^FuzzNames$$' ./internal/naming
	go test $(call fuzzflags,300000x) -fuzz '^FuzzComments$$' ./internal/emit/golang
	go test $(call fuzzflags,300000x) -fuzz '^FuzzUnion$$' ./templates/runtime
	go test $(call fuzzflags,200000x) -fuzz '^FuzzDiscriminator$$' ./templates/runtime
	go test $(call fuzzflags,30000x) -fuzz '^FuzzLoad$$' ./internal/load
