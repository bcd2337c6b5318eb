#!/usr/bin/env bash
# Runs the benchmarks and writes BENCHMARKS.md: generation per stage (go test
# -bench), whole-process wall time and peak RSS of the generator
# (/usr/bin/time -v), go build of generated/clerk, and the generated client's
# hot path against hand-written net/http code. `make bench` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=../shared/corpus
out=BENCHMARKS.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count=${BENCH_COUNT:-5}

echo "+ go build ./cmd/gen"
go build -o "$tmp/gen" ./cmd/gen

# Whole-process runs: median wall time and peak RSS over five runs.
process_row() {
	local name=$1 spec=$2
	[ -f "$spec" ] || return 0
	local walls=() rss=()
	for _ in 1 2 3 4 5; do
		rm -rf "$tmp/out"
		/usr/bin/time -v "$tmp/gen" -spec "$spec" -out "$tmp/out" -package bench 2>"$tmp/time.txt" >/dev/null
		walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print t[1]*60 + t[2]}' "$tmp/time.txt")")
		rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")")
	done
	local wall mem
	wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 3p)
	mem=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n 3p)
	printf '| %s | %s | %.2f s | %d MB |\n' "$name" "$(basename "$spec")" "$wall" "$((mem / 1024))"
}

echo "+ whole-process runs"
process_table=$(
	process_row signintokens spec/signintokens.yaml
	process_row clerk spec/clerk-bapi.yaml
	process_row github "$corpus/github.json"
	process_row stripe "$corpus/stripe.yaml"
	process_row "adyen (3.1)" "$corpus/adyen-checkout-v71.json"
)

echo "+ go test -bench (generation, write, build)"
gen_bench=$(go test -run '^$' -bench 'Generate|Write|BuildClerk' -benchmem -count "$count" ./internal/gen | grep -E '^(Benchmark|goos|goarch|cpu|pkg)')
echo "+ go test -bench (client hot path)"
client_bench=$(go test -run '^$' -bench . -benchmem -count "$count" ./sdktest/bench | grep -E '^(Benchmark|goos|goarch|cpu|pkg)')

{
	echo "# Benchmarks"
	echo
	echo "Regenerate this file with \`make bench\` (scripts/bench.sh). Speed is measured here, never asserted in tests."
	echo
	echo "## Machine"
	echo
	echo "- $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
	echo "- $(go version)"
	echo "- $(date -u +%Y-%m-%d)"
	echo
	echo "## Method"
	echo
	echo "- **Whole process**: \`gen -spec S -out DIR -package bench\` run five times with \`/usr/bin/time -v\`; the"
	echo "  median wall time and peak resident set size. It includes loading, lowering, emitting Go and docs, and"
	echo "  writing every file."
	echo "- **Generation by stage**: \`BenchmarkGenerate\` (internal/gen) calls \`Run\` (no writing) and reports the"
	echo "  milliseconds per stage (load, lower, emit Go, emit docs), allocations, and output size."
	echo "- **Build**: \`BenchmarkBuildClerk\` runs \`go build\` on a copy of generated/clerk with the standard library"
	echo "  cached and the package itself not (a nonce file changes it each time)."
	echo "- **Client hot path**: sdktest/bench compares the generated SDK with hand-written net/http + encoding/json"
	echo "  code doing the same work against an httptest server on loopback."
	echo "- Go benchmarks run $count times; compare runs with benchstat."
	echo
	echo "## Whole process"
	echo
	echo "| SDK | spec | wall time | peak RSS |"
	echo "|---|---|---|---|"
	echo "$process_table"
	echo
	echo "## Generation by stage, writing and building"
	echo
	echo '```'
	echo "$gen_bench"
	echo '```'
	echo
	echo "## Generated client against hand-written code"
	echo
	echo '```'
	echo "$client_bench"
	echo '```'
	if [ -f docs/peers.md ]; then
		echo
		echo "## Side by side with oapi-codegen"
		echo
		echo "Measured by hand with scripts/compare-peers.sh; see [docs/peers.md](docs/peers.md)."
	fi
} >"$out"
echo "wrote $out"
