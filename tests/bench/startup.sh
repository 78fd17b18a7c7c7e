#!/usr/bin/env bash
# Startup benchmark: warm `./build.sh --help` against the floor (the compiled build run directly) and against
# `dotnet run --project build`, interleaved in one run so machine noise hits all three alike.
#   tests/bench/startup.sh [runs]      (default 9 runs of the fast commands, 5 of dotnet run)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-9}"
SLOW_RUNS=$(( RUNS < 5 ? RUNS : 5 ))

# shellcheck source=tests/bench/timing.sh
source tests/bench/timing.sh

./build.sh --help >/dev/null   # warm: compiles the build if needed
DLL=.nuke/temp/bin/_build.dll
dotnet run --project build -- --help >/dev/null 2>&1   # warm dotnet run's own build

bootstrap=() floor=() run=()
for ((i = 0; i < RUNS; i++)); do
  ms=$(time_ms dotnet "$DLL" --help); floor+=("$ms")
  ms=$(time_ms ./build.sh --help); bootstrap+=("$ms")
  if (( i < SLOW_RUNS )); then ms=$(time_ms dotnet run --project build -- --help); run+=("$ms"); fi
done

m_floor=$(printf '%s\n' "${floor[@]}" | median)
m_boot=$(printf '%s\n' "${bootstrap[@]}" | median)
m_run=$(printf '%s\n' "${run[@]}" | median)
echo "median ms: floor (dotnet $DLL --help) = $m_floor, ./build.sh --help = $m_boot, dotnet run --project build -- --help = $m_run"
awk -v b="$m_boot" -v f="$m_floor" -v r="$m_run" 'BEGIN {
  printf "build.sh / floor      = %.2fx (target: <= 1.5x)\n", b / f
  printf "dotnet run / build.sh = %.1fx (target: >= 5x)\n", r / b
}'
