#!/usr/bin/env bash
# This tree's build against the build of an earlier commit, side by side in one run, on the same local stack:
#   - start-up: `--help` (no target runs);
#   - a plan: `DeployApps --env local --plan` (parameters, graph, checks; nothing runs);
#   - a no-op deploy: `DeployApps --env local` with images, stack and compile skipped (both see the same images.json).
# Prints the median of each and the ratio this/ref. Every timed run must end with its expected exit code.
#   tests/bench/against-ref.sh [ref] [runs]      (default: origin/main or main, 5 runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
REF="${1:-$(git rev-parse --verify -q origin/main >/dev/null && echo origin/main || echo main)}"
RUNS="${2:-5}"
fail() { echo "against-ref: $*" >&2; exit 1; }

[[ -f .nuke/temp/stack/stack.env ]] || fail "the local stack is not up: run ./build.sh StackUp first."
[[ -f artifacts/images.json ]] || fail "artifacts/images.json is missing: run ./build.sh DeployApps --env local first."
WORK="$(mktemp -d)"
cleanup() { git -C "$ROOT" worktree remove --force "$WORK/ref" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
git worktree add -q --detach "$WORK/ref" "$REF"
mkdir -p "$WORK/ref/.nuke/temp" "$WORK/ref/artifacts"
ln -s "$ROOT/.nuke/temp/stack" "$WORK/ref/.nuke/temp/stack"   # the same stack: same cluster, registry, releases
cp artifacts/images.json "$WORK/ref/artifacts/images.json"
echo "compiling both builds (this tree and $REF)…"
./build.sh --help >/dev/null
(cd "$WORK/ref" && ./build.sh --help >/dev/null)

time_ms() {   # $1 = directory, $2 = expected exit code, then the arguments
  local dir="$1" expected="$2" start end code=0
  shift 2
  start=$(date +%s%N)
  (cd "$dir" && ./build.sh "$@" --no-logo >"$WORK/last.log" 2>&1) || code=$?
  end=$(date +%s%N)
  [[ "$code" == "$expected" ]] || { cat "$WORK/last.log" >&2; fail "'./build.sh $*' in $dir exited $code, not $expected."; }
  echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

compare() {   # $1 = label, $2 = expected exit code, then the arguments
  local label="$1" expected="$2" this=() ref=()
  shift 2
  for ((i = 0; i < RUNS; i++)); do
    this+=("$(time_ms "$ROOT" "$expected" "$@")")
    ref+=("$(time_ms "$WORK/ref" "$expected" "$@")")
  done
  local m_this m_ref
  m_this=$(printf '%s\n' "${this[@]}" | median)
  m_ref=$(printf '%s\n' "${ref[@]}" | median)
  awk -v l="$label" -v t="$m_this" -v r="$m_ref" -v ref="$REF" \
    'BEGIN { printf "%-28s this %6d ms   %s %6d ms   this/ref = %.2fx\n", l, t, ref, r, t / r }'
}

compare "start-up (--help)" 0 --help
compare "plan (--plan)" 0 DeployApps --env local --plan
compare "no-op DeployApps --env local" 0 DeployApps --env local --skip Compile DockerBuild PushImage StackUp
