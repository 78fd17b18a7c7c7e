#!/usr/bin/env bash
# CI generation benchmark: `./build.sh GenerateCi` for this repository (6 components, 5 environments) against a
# copy grown to 50 components and 10 environments (44 apps and 5 client environments added to build/), interleaved in
# one run so machine noise hits both alike. The floor is `./build.sh --help` (process start and target graph only).
#   tests/bench/generate-ci.sh [runs]      (default 7)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-7}"

# shellcheck source=tests/bench/timing.sh
source tests/bench/timing.sh

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
tests/ci/throwaway-repository.sh "$WORK/large" bench >/dev/null
(
  cd "$WORK/large"
  apps="" clients=""
  for ((i = 1; i <= 44; i++)); do apps+="        App(\"app-$i\", \"App$i.csproj\"),\n"; done
  for ((i = 1; i <= 5; i++)); do
    clients+="        new(\"client$i\") { TagPatterns = [\"client$i.v*\"], "
    clients+="KubeconfigVariable = \"KUBECONFIG_CLIENT$i\" },\n"
  done
  sed -i "s|^        App(\"bus-bootstrap\", \"BusBootstrap.csproj\"),|&\n$apps|" build/Build.Components.cs
  sed -i "s|^    \];|$clients    ];|" build/Build.Environments.cs
  grep -q 'App("app-44"' build/Build.Components.cs && grep -q 'client5' build/Build.Environments.cs \
    || { echo "bench: could not grow the copy's build" >&2; exit 1; }
)

./build.sh GenerateCi --check >/dev/null                 # warm: compiles the build if needed
(cd "$WORK/large" && ./build.sh GenerateCi >/dev/null)    # compiles the copy, writes its larger files once
jobs=$(grep -c '^images-' "$WORK/large/.gitlab-ci.yml")
(( jobs == 50 )) || { echo "bench: the grown copy has $jobs image jobs, not 50" >&2; exit 1; }

floor=() small=() large=()
for ((i = 0; i < RUNS; i++)); do
  ms=$(time_ms ./build.sh --help); floor+=("$ms")
  ms=$(time_ms ./build.sh GenerateCi --check); small+=("$ms")
  ms=$(time_ms bash -c "cd '$WORK/large' && ./build.sh GenerateCi --check"); large+=("$ms")
done

m_floor=$(printf '%s\n' "${floor[@]}" | median)
m_small=$(printf '%s\n' "${small[@]}" | median)
m_large=$(printf '%s\n' "${large[@]}" | median)
echo "median ms: ./build.sh --help = $m_floor, GenerateCi 6x5 = $m_small, GenerateCi 50x10 = $m_large"
awk -v f="$m_floor" -v s="$m_small" -v l="$m_large" 'BEGIN {
  printf "GenerateCi 50x10 / 6x5  = %.2fx\n", l / s
  printf "generation itself, 50x10 (GenerateCi - --help) = %d ms (target: < 1000 ms)\n", l - f
}'
