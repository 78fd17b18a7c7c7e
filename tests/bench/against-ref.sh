#!/usr/bin/env bash
# This tree's build against the build of an earlier commit, side by side in one run, on the same local stack:
#   - start-up: `--help` (no target runs);
#   - a plan: `DeployApps --env local --plan` (parameters, graph, checks; nothing runs);
#   - a no-op deploy: `DeployApps --env local` with images, stack and compile skipped (both see the same images.json).
# Prints the median of each and the ratio this/ref. A failed run stops the benchmark (tests/bench/timing.sh).
#   tests/bench/against-ref.sh [ref] [runs]      (default: origin/main or main, 5 runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
REF="${1:-$(git rev-parse --verify -q origin/main >/dev/null && echo origin/main || echo main)}"
RUNS="${2:-5}"
fail() { echo "against-ref: $*" >&2; exit 1; }
# shellcheck disable=SC1091
source tests/bench/timing.sh

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

in_dir() { local dir="$1"; shift; (cd "$dir" && ./build.sh "$@" --no-logo); }

compare() {   # $1 = label, then the arguments
  local label="$1" this=() ref=() ms
  shift
  for ((i = 0; i < RUNS; i++)); do
    ms=$(time_ms in_dir "$ROOT" "$@"); this+=("$ms")
    ms=$(time_ms in_dir "$WORK/ref" "$@"); ref+=("$ms")
  done
  local m_this m_ref
  m_this=$(printf '%s\n' "${this[@]}" | median)
  m_ref=$(printf '%s\n' "${ref[@]}" | median)
  awk -v l="$label" -v t="$m_this" -v r="$m_ref" -v ref="$REF" \
    'BEGIN { printf "%-28s this %6d ms   %s %6d ms   this/ref = %.2fx\n", l, t, ref, r, t / r }'
}

compare "start-up (--help)" --help
compare "plan (--plan)" DeployApps --env local --plan
# shellcheck disable=SC1091
source .nuke/temp/stack/stack.env
revisions() {
  for release in base apps; do
    "$HELM" history "$release" -n slipway-local --kubeconfig "$KUBECONFIG" -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["revision"])'
  done | paste -sd+ | bc
}
before=$(revisions)
compare "no-op DeployApps --env local" DeployApps --env local --skip Compile DockerBuild PushImage StackUp
made=$(( $(revisions) - before ))
if (( made > 0 )); then
  echo "not a no-op: the two builds made $made revisions (their charts or values differ, so each upgrades what the other deployed)"
fi
