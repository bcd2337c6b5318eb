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

# Whole-process runs: median wall time and peak RSS over five runs, first
# generating without writing (-check against a directory that does not
# exist: load, lower, emit, compare), then writing into new directories.
# The generating runs go first: the writeback of an earlier run's files
# would otherwise take CPU from them.
median() { sort -n | sed -n 3p; }
wall() { awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print t[1]*60 + t[2]}' "$tmp/time.txt"; }
process_row() {
	local name=$1 spec=$2
	[ -f "$spec" ] || return 0
	local walls=() rss=() wwalls=() i out
	sync # the previous row's files reach the disk before these runs
	for i in 1 2 3 4 5; do
		/usr/bin/time -v "$tmp/gen" -check -spec "$spec" -out "$tmp/none" -package bench 2>"$tmp/time.txt" >/dev/null || true
		walls+=("$(wall)")
		rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")")
	done
	for i in 1 2 3 4 5; do
		# Each run writes into a new directory, and none is deleted before
		# the end: this machine's ext4 has no journal, and the kernel then
		# passes over every inode freed in the last minutes before reusing
		# one, so deleting a run's thousands of files made the next run's
		# writing slower by seconds (docs/bench-analysis.md).
		# A sync before each (untimed) keeps one run's writeback out of the
		# next; back to back, the kernel throttled later runs' writing.
		out=$tmp/out/$(basename "$spec").$i
		sync
		/usr/bin/time -v "$tmp/gen" -spec "$spec" -out "$out" -package bench 2>"$tmp/time.txt" >/dev/null
		wwalls+=("$(wall)")
	done
	local files
	files=$(find "$out" -type f | wc -l)
	printf '| %s | %s | %.2f s | %d MB | %.2f s | %d |\n' "$name" "$(basename "$spec")" \
		"$(printf '%s\n' "${walls[@]}" | median)" "$(($(printf '%s\n' "${rss[@]}" | median) / 1024))" \
		"$(printf '%s\n' "${wwalls[@]}" | median)" "$files"
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
	echo "- **Whole process**: the gen binary run five times per spec with \`/usr/bin/time -v\`, medians. \"Generate\""
	echo "  is \`gen -check -spec S -out NEW -package bench\` with NEW absent: loading, lowering, emitting Go and docs,"
	echo "  and comparing with the output directory, without writing. \"Generate and write\" also writes every file"
	echo "  into a new directory. A spec's five generating runs come first, after a sync, so that no"
	echo "  writeback of files written before takes CPU from them. The binary tunes its garbage collector"
	echo "  (cmd/gen/gc.go); the in-process"
	echo "  benchmarks below run with Go's defaults."
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
	echo "| SDK | spec | generate | peak RSS | generate and write | files |"
	echo "|---|---|---:|---:|---:|---:|"
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
	if [ -f docs/before-after.md ]; then
		echo
		cat docs/before-after.md
	fi
	if [ -f docs/bench-analysis.md ]; then
		echo
		cat docs/bench-analysis.md
	fi
	if [ -f docs/peers.md ]; then
		echo
		echo "## Side by side with oapi-codegen"
		echo
		echo "Measured by hand with scripts/compare-peers.sh; see [docs/peers.md](docs/peers.md)."
	fi
} >"$out"
echo "wrote $out"
