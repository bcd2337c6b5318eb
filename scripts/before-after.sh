#!/usr/bin/env bash
# Measures two commits of sdkgen side by side, in one run on this machine,
# and prints a Markdown report: lines of Go of the generator and the SDK
# runtime, lines of the SDKs it generates, `go build` of the generated GitHub
# and Stripe SDKs, whole-process generation alternated with oapi-codegen,
# and the client benchmarks. Run by hand, not by CI:
#
#   bash scripts/before-after.sh BEFORE AFTER > docs/before-after.md
#
# RUNS (default 5) and BUILD_RUNS (default 3) set the repetitions; the
# report gives medians. Progress goes to stderr.
set -euo pipefail

before=${1:?usage: before-after.sh BEFORE AFTER}
after=${2:?usage: before-after.sh BEFORE AFTER}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$root/../shared/corpus}
runs=${RUNS:-5}
build_runs=${BUILD_RUNS:-3}

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
log() { echo "before-after: $*" >&2; }

# checkout REV DIR: the commit's tree, and its gen binary in DIR/gen.
checkout() {
	mkdir -p "$2/src"
	(cd "$root" && git archive "$1") | tar -x -C "$2/src"
	(cd "$2/src" && go build -o "$2/gen" ./cmd/gen)
}
log "checking out $before and $after"
checkout "$before" "$work/before"
checkout "$after" "$work/after"
log "installing oapi-codegen v2.8.2"
GOBIN=$work/bin GOFLAGS=-mod=mod go install github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.8.2

# gocount DIR...: lines of non-test Go under the directories, testdata excluded.
gocount() { find "$@" -name '*.go' -not -name '*_test.go' -not -path '*/testdata/*' -print0 | xargs -0 cat | wc -l; }

# time_of FILE CMD...: appends "<wall s> <peak RSS MB>" of CMD to FILE; the
# command's status is ignored (oapi-codegen fails on some specs), its
# output discarded.
time_of() {
	local file=$1
	shift
	sync # the writeback of files written or deleted before is not this run's
	/usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>&1 || true
	# On failure time writes a line of its own first: the numbers are last.
	tail -n 1 "$work/t" | awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' >>"$file"
}
median() { sort -k"$2","$2"g "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'; }

specs=("stripe:$corpus/stripe.yaml" "github:$corpus/github.json" "clerk:$root/spec/clerk-bapi.yaml")
log "generating"
for side in before after; do
	for entry in "${specs[@]}"; do
		name=${entry%%:*}
		"$work/$side/gen" -spec "${entry#*:}" -out "$work/$side/sdk-$name" -package "$name" >/dev/null
	done
done

row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f%%", (b - a) * 100 / a }'; }

{
	echo "## Before and after: $(cd "$root" && git rev-parse --short "$before") → $(cd "$root" && git rev-parse --short "$after")"
	echo
	echo "Measured by scripts/before-after.sh in one run on $(nproc) cores, $(go version | awk '{print $3}'), $(date -u +%Y-%m-%d); medians of $runs runs (builds: $build_runs)."
	echo
	echo "### Lines of Go"
	echo
	echo "| what | before | after | change |"
	echo "|---|---:|---:|---:|"
	b=$(gocount "$work/before/src/cmd" "$work/before/src/internal"); a=$(gocount "$work/after/src/cmd" "$work/after/src/internal")
	row "generator: cmd/ and internal/, non-test" "$b" "$a" "$(pct "$b" "$a")"
	b=$(gocount "$work/before/src/templates/runtime"); a=$(gocount "$work/after/src/templates/runtime")
	row "SDK runtime: templates/runtime, non-test" "$b" "$a" "$(pct "$b" "$a")"
	for d in signintokens clerk; do
		b=$(find "$work/before/src/generated/$d" -name '*.go' -print0 | xargs -0 cat | wc -l)
		a=$(find "$work/after/src/generated/$d" -name '*.go' -print0 | xargs -0 cat | wc -l)
		row "generated/$d" "$b" "$a" "$(pct "$b" "$a")"
	done
	for name in stripe github; do
		b=$(find "$work/before/sdk-$name" -name '*.go' -print0 | xargs -0 cat | wc -l)
		a=$(find "$work/after/sdk-$name" -name '*.go' -print0 | xargs -0 cat | wc -l)
		row "$name SDK" "$b" "$a" "$(pct "$b" "$a")"
	done
} >"$work/report.md"

log "building the GitHub and Stripe SDKs"
{
	echo
	echo "### go build of the generated SDK"
	echo
	echo "Standard library cached, the SDK package compiled afresh each time (a new GOCACHE holding only a prebuilt standard library)."
	echo
	echo "| SDK | before | after |"
	echo "|---|---:|---:|"
} >>"$work/report.md"
GOCACHE=$work/stdcache go build std
for name in github stripe; do
	for side in before after; do
		m=$work/mod-$side-$name
		mkdir -p "$m"
		cp -r "$work/$side/sdk-$name/." "$m/"
		printf 'module example.com/%s\n\ngo 1.26\n' "$name" >"$m/go.mod"
	done
	for i in $(seq "$build_runs"); do
		for side in before after; do
			rm -rf "$work/cache" && cp -r "$work/stdcache" "$work/cache"
			(cd "$work/mod-$side-$name" && GOCACHE=$work/cache time_of "$work/build-$side-$name" go build ./...)
		done
	done
	printf '| %s | %s s, %s MB | %s s, %s MB |\n' "$name" \
		"$(median "$work/build-before-$name" 1)" "$(median "$work/build-before-$name" 2)" \
		"$(median "$work/build-after-$name" 1)" "$(median "$work/build-after-$name" 2)" >>"$work/report.md"
done

log "timing generation"
mkdir -p "$work/out"
{
	echo
	echo "### Generation, whole process writing all files, alternated with oapi-codegen"
	echo
	echo "| spec | before | after | oapi-codegen v2.8.2 | after / oapi-codegen |"
	echo "|---|---:|---:|---:|---:|"
} >>"$work/report.md"
for entry in "${specs[@]}"; do
	name=${entry%%:*}
	spec=${entry#*:}
	for i in $(seq "$runs"); do
		for side in before after; do
			# A new directory each run, none deleted until the end: on a file
			# system without a journal, writing right after deleting
			# thousands of files is slower by seconds (docs/bench-analysis.md).
			time_of "$work/gen-$side-$name" "$work/$side/gen" -spec "$spec" -out "$work/out/$side-$name-$i" -package "$name"
		done
		time_of "$work/gen-oapi-$name" "$work/bin/oapi-codegen" -generate types,client -package "$name" -o "$work/out/oapi-$name-$i.go" "$spec"
	done
	oapi_ok=yes
	"$work/bin/oapi-codegen" -generate types,client -package "$name" -o "$work/out.go" "$spec" >/dev/null 2>&1 || oapi_ok=no
	b=$(median "$work/gen-before-$name" 1) a=$(median "$work/gen-after-$name" 1) o=$(median "$work/gen-oapi-$name" 1)
	note=$(awk -v a="$a" -v o="$o" 'BEGIN { printf "%.2f×", a / o }')
	if [[ $oapi_ok == no ]]; then
		o="$o s, failing"
		note="— (oapi-codegen fails on this spec)"
	else
		o="$o s"
	fi
	printf '| %s | %s s | %s s | %s | %s |\n' "$name" "$b" "$a" "$o" "$note" >>"$work/report.md"
done

log "client benchmarks"
{
	echo
	echo "### Client hot path (sdktest/bench), ns/op"
	echo
	echo "| benchmark | before: SDK / hand-written | after: SDK / hand-written |"
	echo "|---|---:|---:|"
} >>"$work/report.md"
for i in $(seq "$runs"); do
	for side in before after; do
		(cd "$work/$side/src" && go test -run '^$' -bench . -count 2 ./sdktest/bench | grep '^Benchmark') >>"$work/bench-$side"
	done
done
# ratio FILE NAME: median ns/op of the SDK and of the hand-written code.
ratio() {
	local sdk hw
	sdk=$(awk -v n="Benchmark$2/sdk" 'index($1, n) == 1 { print $3 }' "$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	hw=$(awk -v n="Benchmark$2/handwritten" 'index($1, n) == 1 { print $3 }' "$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	awk -v s="$sdk" -v h="$hw" 'BEGIN { printf "%.0f / %.0f = %.2f", s, h, s / h }'
}
for b in CreateSignInToken DecodeUsers; do
	printf '| %s | %s | %s |\n' "$b" "$(ratio "$work/bench-before" "$b")" "$(ratio "$work/bench-after" "$b")" >>"$work/report.md"
done
cat "$work/report.md"
