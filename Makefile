.PHONY: generate check test prism bench corpus

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

# Generate, build and vet every spec of ../shared/corpus; prints a table.
corpus:
	SDKGEN_CORPUS=1 go test ./internal/corpus -run TestCorpus -v -count=1 -timeout 30m
