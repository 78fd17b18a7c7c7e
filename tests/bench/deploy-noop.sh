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

revision() { "$HELM" status "$1" -n "$NS" -o json --kubeconfig "$KUBECONFIG" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])'; }

# The exact inputs Slipway passes: the layered files and the --set values from artifacts/images.json.
sets_for() {   # $1 = BaseProduct|App
  python3 - "$1" <<'PY'
import json, sys
kind = sys.argv[1]
base = {"broker", "database"}
for image in json.load(open("artifacts/images.json")):
    if (image["component"] in base) == (kind == "BaseProduct"):
        tag = image.get("deployTag") or image["tags"][0]
        print(f"--set={image['component']}.image.tag={tag}")
PY
}
plain_helm() {
  local files_common=(--values=deploy/values/common.yaml --values=deploy/values/local.yaml)
  mapfile -t base_sets < <(sets_for BaseProduct)
  mapfile -t app_sets < <(sets_for App)
  "$HELM" upgrade --install base charts/base -n "$NS" "${files_common[@]}" --values=deploy/values/components/broker.yaml \
    --values=deploy/values/components/database.yaml "--set=global.registry=$SLIPWAY_REGISTRY" "${base_sets[@]}" --wait --timeout 300s --kubeconfig "$KUBECONFIG"
  "$HELM" upgrade --install apps charts/apps -n "$NS" "${files_common[@]}" --values=deploy/values/components/orders-api.yaml \
    --values=deploy/values/components/orders-worker.yaml --values=deploy/values/components/web-ui.yaml \
    --values=deploy/values/components/bus-bootstrap.yaml "--set=global.registry=$SLIPWAY_REGISTRY" "${app_sets[@]}" \
    --wait --wait-for-jobs --timeout 300s --kubeconfig "$KUBECONFIG"
}
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
