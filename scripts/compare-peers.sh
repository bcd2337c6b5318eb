#!/usr/bin/env bash
# Compares sdkgen with oapi-codegen on the same specs, in one run on this
# machine: generation wall time and peak RSS, lines of Go generated, and the
# wall time and peak RSS of `go build` of each generated package. Run by hand,
# not by CI:
#
#   bash scripts/compare-peers.sh > docs/peers.md
#
# Progress goes to stderr, the Markdown report to stdout. RUNS (default 5)
# and BUILD_RUNS (default 3) set how many times each step runs; the report
# gives medians. CORPUS names the corpus directory (default ../shared/corpus).
# sdkgen is built from the last commit; SDKGEN_WORKTREE=1 builds the work
# tree instead, uncommitted changes included.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$root/../shared/corpus}
runs=${RUNS:-5}
build_runs=${BUILD_RUNS:-3}
oapi_module=github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen
oapi_version=v2.8.2

for tool in go /usr/bin/time awk; do
	command -v "$tool" >/dev/null || { echo "compare-peers: $tool is not installed" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
bin=$work/bin
mod=$work/mod
mkdir -p "$bin" "$mod"

log() { echo "compare-peers: $*" >&2; }

# The specs: the two Clerk specs of this repository, two large 3.0 specs of
# the corpus, and the corpus's largest OpenAPI 3.1 spec, found from its
# manifest (name source size_bytes openapi paths operations schemas webhooks file).
largest31=$(awk -F'\t' 'NR > 1 && $4 ~ /^3\.1/ && $3 + 0 > max { max = $3 + 0; file = $9 } END { print file }' "$corpus/MANIFEST.tsv")
specs=(
	"$root/spec/signintokens.yaml"
	"$root/spec/clerk-bapi.yaml"
	"$corpus/github.json"
	"$corpus/stripe.yaml"
	"$corpus/$largest31"
)

log "installing oapi-codegen $oapi_version"
GOBIN=$bin GOFLAGS=-mod=mod go install "$oapi_module@$oapi_version"
log "building sdkgen"
if [[ ${SDKGEN_WORKTREE:-} == 1 ]]; then
	(cd "$root" && go build -o "$bin/sdkgen" ./cmd/gen)
	sdkgen_rev="$(cd "$root" && git rev-parse --short HEAD) and the work tree's changes"
else
	mkdir -p "$work/src"
	(cd "$root" && git archive HEAD) | tar -x -C "$work/src"
	(cd "$work/src" && go build -o "$bin/sdkgen" ./cmd/gen)
	sdkgen_rev="commit $(cd "$root" && git rev-parse --short HEAD)"
fi

# measure FILE CMD...: runs CMD under /usr/bin/time -v and appends
# "<wall seconds> <peak RSS KiB> <CPU seconds>" to FILE, CPU being user and
# system time of the command and its children; the command's output goes to
# $work/cmd.log. Returns the command's status.
measure() {
	local file=$1
	shift
	if ! /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/cmd.log" 2>&1; then
		return 1
	fi
	awk '
		/Elapsed \(wall clock\) time/ { n = split($NF, part, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + part[i] }
		/Maximum resident set size/ { rss = $NF }
		/User time \(seconds\)|System time \(seconds\)/ { cpu += $NF }
		END { print s, rss, cpu }
	' "$work/time.txt" >>"$file"
}

# median FILE COLUMN
median() {
	awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '
		{ v[NR] = $1 }
		END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }
	'
}

# firstline: the first error line of the last command, for the report.
firstline() {
	grep -m1 -v '^#' "$work/cmd.log" | sed "s#$work/##g" | cut -c1-200 | tr '|' '/' || true
}

# tool_cmd TOOL PKG SPEC DIR: sets cmd to the command that generates PKG from
# SPEC into DIR with TOOL (sdkgen or oapi), creating DIR for oapi-codegen,
# which writes one file into it.
tool_cmd() {
	local tool=$1 pkg=$2 spec=$3 dir=$4
	case $tool in
	sdkgen) cmd=("$bin/sdkgen" -spec "$spec" -out "$dir" -package "$pkg") ;;
	oapi)
		mkdir -p "$dir"
		cmd=("$bin/oapi-codegen" -generate types,client -package "$pkg" -o "$dir/$pkg.go" "$spec")
		;;
	esac
}

# Where the generators write. On disk, every run writes into a directory of
# its own and nothing is deleted until the end: on a file system without a
# journal (this machine's ext4), the kernel skips inodes freed in the last
# minutes when it allocates new ones (ext4's recently_deleted check), so
# deleting one run's thousands of files made the next run's file creation
# cost grow with them (a perf profile of such a run: 37% of its samples in
# that scan). On tmpfs, when /dev/shm is there, the same runs measure the
# generators without the file system's cost.
runs_dir=$work/runs
tmpfs=""
if [[ -d /dev/shm && -w /dev/shm ]]; then
	tmpfs=$(mktemp -d /dev/shm/compare-peers.XXXXXX)
	trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work" "$tmpfs"' EXIT
fi

declare -A result # result[tool.pkg.metric], result[spec.pkg], result[size.pkg]
names=()
for spec in "${specs[@]}"; do
	name=$(basename "$spec")
	pkg=$(echo "${name%%.*}" | tr -cd 'a-z0-9')
	names+=("$pkg")
	result[spec.$pkg]=$name
	result[size.$pkg]=$(wc -c <"$spec")

	# The tools take turns, so that a change in the machine's speed during
	# the runs (it drifts by tens of percent here) falls on both alike.
	log "$name: sdkgen and oapi-codegen x$runs, on disk${tmpfs:+ and on tmpfs}"
	for tool in sdkgen oapi; do
		: >"$work/gen.$tool.$pkg"
		: >"$work/gen_tmpfs.$tool.$pkg"
	done
	for ((i = 0; i < runs; i++)); do
		for tool in sdkgen oapi; do
			[[ -n ${result[$tool.$pkg.failed]:-} ]] && continue
			tool_cmd "$tool" "$pkg" "$spec" "$runs_dir/$tool/$pkg.$i"
			if ! measure "$work/gen.$tool.$pkg" "${cmd[@]}"; then
				result[$tool.$pkg.failed]=$(firstline)
				continue
			fi
			if [[ -n $tmpfs ]]; then
				tool_cmd "$tool" "$pkg" "$spec" "$tmpfs/$tool/$pkg"
				measure "$work/gen_tmpfs.$tool.$pkg" "${cmd[@]}" || true
				rm -rf "$tmpfs/$tool/$pkg"
			fi
		done
	done
	# The last run's output is the one built below.
	for tool in sdkgen oapi; do
		if [[ -z ${result[$tool.$pkg.failed]:-} ]]; then
			mkdir -p "$mod/$tool"
			mv "$runs_dir/$tool/$pkg.$((runs - 1))" "$mod/$tool/$pkg"
		fi
	done
done

# One module holds every generated package. Its dependencies (oapi-codegen's
# runtime) are fetched, and everything built once, before any timing, so
# that each timed build compiles the package's own code and nothing else.
log "preparing the build module"
export GOCACHE=$work/gocache GOFLAGS=-mod=mod
(
	cd "$mod"
	go mod init peers >/dev/null 2>&1
	go mod tidy 2>&1 | grep -v '^go: \(finding\|found\|downloading\)' >&2 || true
	go list -m all >/dev/null
	# A package that does not compile is reported below; the others and
	# every dependency still get built here.
	go build ./... >/dev/null 2>&1 || true
)

for pkg in "${names[@]}"; do
	for tool in sdkgen oapi; do
		dir=$mod/$tool/$pkg
		[[ -d $dir ]] || continue
		result[$tool.$pkg.lines]=$(find "$dir" -name '*.go' -exec cat {} + | wc -l)
		result[$tool.$pkg.gen_s]=$(median "$work/gen.$tool.$pkg" 1)
		result[$tool.$pkg.gen_rss]=$(median "$work/gen.$tool.$pkg" 2)
		result[$tool.$pkg.gen_cpu]=$(median "$work/gen.$tool.$pkg" 3)
		if [[ -s $work/gen_tmpfs.$tool.$pkg ]]; then
			result[$tool.$pkg.gen_tmpfs_s]=$(median "$work/gen_tmpfs.$tool.$pkg" 1)
			result[$tool.$pkg.gen_tmpfs_cpu]=$(median "$work/gen_tmpfs.$tool.$pkg" 3)
		fi
		log "$pkg: go build of the $tool package x$build_runs"
		: >"$work/build.$tool.$pkg"
		for ((i = 0; i < build_runs; i++)); do
			# A new nonce changes the package's inputs, so it compiles afresh
			# while the standard library and dependencies stay cached.
			printf 'package %s\n\nconst _ = "nonce %s %d"\n' "$pkg" "$(date +%s%N)" "$i" >"$dir/zz_nonce.go"
			if ! (cd "$mod" && measure "$work/build.$tool.$pkg" go build "./$tool/$pkg"); then
				result[$tool.$pkg.build_failed]=$(firstline)
				break
			fi
		done
		rm -f "$dir/zz_nonce.go"
		if [[ -s $work/build.$tool.$pkg ]]; then
			result[$tool.$pkg.build_s]=$(median "$work/build.$tool.$pkg" 1)
			result[$tool.$pkg.build_rss]=$(median "$work/build.$tool.$pkg" 2)
			result[$tool.$pkg.build_cpu]=$(median "$work/build.$tool.$pkg" 3)
		fi
	done
done

# The report.
load=$(cut -d' ' -f1-3 /proc/loadavg)
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
secs() { awk -v s="$1" 'BEGIN { printf (s < 10 ? "%.2f s" : "%.1f s"), s }'; }
thousands() { echo "$1" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "—"; else printf "%.2f", a / b }'; }

cell() { # cell TOOL PKG METRIC
	local v=${result[$1.$2.$3]:-}
	if [[ -z $v ]]; then
		echo "—"
		return
	fi
	case $3 in
	gen_s | build_s | gen_cpu | build_cpu | gen_tmpfs_s | gen_tmpfs_cpu) secs "$v" ;;
	gen_rss | build_rss) mib "$v" ;;
	lines) thousands "$v" ;;
	esac
}

oapi_runtime=$(cd "$mod" && go list -m -f '{{.Path}} {{.Version}}' github.com/oapi-codegen/runtime 2>/dev/null || echo "not needed")

cat <<EOF
# sdkgen and oapi-codegen side by side

Made by \`bash scripts/compare-peers.sh\` on $(date -u +%Y-%m-%d) (UTC).

- Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM), $(uname -sr)
- Go: $(go env GOVERSION) $(go env GOOS)/$(go env GOARCH)
- sdkgen: $sdkgen_rev (\`go build -o\` of ./cmd/gen, run as \`sdkgen -spec S -out DIR -package P\`)
- oapi-codegen: $oapi_version (\`$oapi_module@$oapi_version\`, run as \`oapi-codegen -generate types,client -package P -o P.go S\`)
- oapi-codegen's runtime dependency: $oapi_runtime
- Runs: generation $runs times, \`go build\` $build_runs times per package; the table gives medians.

Generation wall time, CPU time (user + system) and peak RSS are those of the generator process, from
\`/usr/bin/time -v\`. sdkgen writes Markdown docs besides the Go files, one file per type; oapi-codegen
writes one Go file. The tools take turns run by run. On disk, each run writes into a new directory and no
output is deleted until the end: on this machine's ext4, which has no journal, the kernel passes over
every inode freed in the last minutes before it reuses one (\`recently_deleted\` in a perf profile), so a
run after another run's thousands of files were deleted pays for them. The rows "output on tmpfs" repeat
the runs with the output in memory (/dev/shm): the generators' own cost, without the file system's.
Lines of Go count every line of the generated \`.go\` files. \`go build\` compiles each
generated package in one module whose dependencies were downloaded and built beforehand, with a warm build
cache for the standard library and dependencies and the package's own code uncached (a nonce file changes
for every build); its peak RSS is the largest of the go command and the compiler, its CPU time theirs added
up. Ratios are sdkgen / oapi-codegen: below 1 means sdkgen uses less.

The machine was shared with other work while this ran (load average $load over the last 1, 5 and 15
minutes when it finished): wall times are stretched by waiting for a CPU, CPU times much less so, so
compare CPU times.

| spec | metric | sdkgen | oapi-codegen | sdkgen / oapi-codegen |
|---|---|---:|---:|---:|
EOF

for pkg in "${names[@]}"; do
	spec="${result[spec.$pkg]} ($(awk -v b="${result[size.$pkg]}" 'BEGIN { printf (b < 1048576 ? "%.0f KB" : "%.1f MB"), (b < 1048576 ? b / 1000 : b / 1000000) }'))"
	for metric in gen_s gen_cpu gen_tmpfs_s gen_tmpfs_cpu gen_rss lines build_s build_cpu build_rss; do
		[[ $metric == gen_tmpfs_* && -z $tmpfs ]] && continue
		case $metric in
		gen_s) label="generation wall time" ;;
		gen_cpu) label="generation CPU time" ;;
		gen_tmpfs_s) label="generation wall time, output on tmpfs" ;;
		gen_tmpfs_cpu) label="generation CPU time, output on tmpfs" ;;
		gen_rss) label="generation peak RSS" ;;
		lines) label="lines of Go" ;;
		build_s) label="go build wall time" ;;
		build_cpu) label="go build CPU time" ;;
		build_rss) label="go build peak RSS" ;;
		esac
		s=$(cell sdkgen "$pkg" "$metric")
		o=$(cell oapi "$pkg" "$metric")
		case $metric in
		gen_s | gen_cpu | gen_rss | gen_tmpfs_s | gen_tmpfs_cpu)
			[[ -n ${result[sdkgen.$pkg.failed]:-} ]] && s="failed"
			[[ -n ${result[oapi.$pkg.failed]:-} ]] && o="failed"
			;;
		build_s | build_cpu | build_rss)
			[[ -n ${result[sdkgen.$pkg.build_failed]:-} ]] && s="build failed"
			[[ -n ${result[oapi.$pkg.build_failed]:-} ]] && o="build failed"
			;;
		esac
		echo "| $spec | $label | $s | $o | $(ratio "${result[sdkgen.$pkg.$metric]:-}" "${result[oapi.$pkg.$metric]:-}") |"
		spec=""
	done
done

failures=0
for pkg in "${names[@]}"; do
	for tool in sdkgen oapi; do
		for what in failed build_failed; do
			msg=${result[$tool.$pkg.$what]:-}
			[[ -z $msg ]] && continue
			if ((failures == 0)); then
				printf '\n## Failures\n\n'
			fi
			failures=$((failures + 1))
			label=$([[ $tool == oapi ]] && echo oapi-codegen || echo sdkgen)
			step=$([[ $what == failed ]] && echo generation || echo "go build")
			echo "- ${result[spec.$pkg]}: $label $step failed: \`$msg\`"
		done
	done
done
