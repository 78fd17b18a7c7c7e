#!/usr/bin/env bash
# No-op deploy benchmark: a second `./build.sh DeployApps --env local` with nothing changed, against a plain
# `helm upgrade --install --wait` of every release with the same inputs (values files and --set), in one run.
# Prints the median times, their ratio, and how many helm revisions each made.
#   tests/bench/deploy-noop.sh [runs]      (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-3}"
# shellcheck source=tests/bench/timing.sh
source tests/bench/timing.sh
./build.sh DeployApps --env local --no-logo >/dev/null   # brings everything up and deploys once
# shellcheck disable=SC1091
source .nuke/temp/stack/stack.env
NS=slipway-local

# shellcheck source=tests/bench/lib/plain-helm.sh
source tests/bench/lib/plain-helm.sh
slipway() { ./build.sh DeployApps --env local --no-logo --skip Compile DockerBuild PushImage StackUp; }

slipway_times=() helm_times=()
before_base=$(revision base) before_apps=$(revision apps)
for ((i = 0; i < RUNS; i++)); do ms=$(time_ms slipway); slipway_times+=("$ms"); done
after_slipway_base=$(revision base) after_slipway_apps=$(revision apps)
for ((i = 0; i < RUNS; i++)); do ms=$(time_ms plain_helm); helm_times+=("$ms"); done
after_helm_base=$(revision base) after_helm_apps=$(revision apps)
slipway >/dev/null 2>&1 || true   # leave the releases as Slipway deploys them

m_slipway=$(printf '%s\n' "${slipway_times[@]}" | median)
m_helm=$(printf '%s\n' "${helm_times[@]}" | median)
echo "median ms over $RUNS runs: slipway no-op DeployApps = $m_slipway, plain helm upgrade --install --wait loop = $m_helm"
awk -v s="$m_slipway" -v h="$m_helm" 'BEGIN { printf "slipway / helm = %.2fx\n", s / h }'
echo "revisions made: slipway $(( after_slipway_base - before_base + after_slipway_apps - before_apps )), plain helm $(( after_helm_base - after_slipway_base + after_helm_apps - after_slipway_apps ))"
