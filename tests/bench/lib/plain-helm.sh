#!/usr/bin/env bash
# The plain helm loop the benchmarks compare with (a helper they source, not a benchmark: benchmarks are the
# scripts of tests/bench/): `helm upgrade --install --wait` of each release of the local environment with the inputs
# Slipway gives it (layered values files, global.registry, the image tags of artifacts/images.json, the app secrets'
# versions). Needs the stack's variables (source .nuke/temp/stack/stack.env) and NS, and a first Slipway deploy: the
# secrets' versions are read from it when this file is sourced.

APPS=(orders-api orders-worker web-ui bus-bootstrap)
BASE_PRODUCTS=(broker database)

revision() {
  "$HELM" status "$1" -n "$NS" -o json --kubeconfig "$KUBECONFIG" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])'
}
revisions() { echo $(( $(revision base) + $(revision apps) )); }   # of both releases

# --set of each component's tag in a release, from Slipway's artifacts/images.json (what Slipway deploys).
slipway_sets() {   # $1 = base|apps
  python3 - "$1" <<'PY'
import json, sys
base = {"broker", "database"}
for image in json.load(open("artifacts/images.json")):
    if (image["component"] in base) == (sys.argv[1] == "base"):
        print(f"--set={image['component']}.image.tag={image.get('deployTag') or image['tags'][0]}")
PY
}

# --set of each app secret's version as Slipway passed it (global.secretVersions): without them the loop would deploy
# other pod templates than Slipway's, and every pod reading a secret would roll.
mapfile -t SECRET_VERSION_SETS < <("$HELM" get values apps -n "$NS" -o json --kubeconfig "$KUBECONFIG" | python3 -c '
import json, sys
for name, version in sorted(((json.load(sys.stdin) or {}).get("global") or {}).get("secretVersions", {}).items()):
    print(f"--set=global.secretVersions.{name}={version}")')

helm_release() {   # $1 = release, $2 = registry, then the --set arguments
  local release="$1" registry="$2" files=(--values=deploy/values/common.yaml --values=deploy/values/local.yaml) extra=()
  shift 2
  if [[ "$release" == base ]]; then
    for c in "${BASE_PRODUCTS[@]}"; do files+=("--values=deploy/values/components/$c.yaml"); done
  else
    for c in "${APPS[@]}"; do files+=("--values=deploy/values/components/$c.yaml"); done
    extra=(--wait-for-jobs)
  fi
  "$HELM" upgrade --install "$release" "charts/$release" -n "$NS" "${files[@]}" "--set=global.registry=$registry" \
    "${SECRET_VERSION_SETS[@]}" "$@" --wait "${extra[@]}" --timeout 300s --kubeconfig "$KUBECONFIG"
}

plain_helm() {
  local base_sets app_sets
  mapfile -t base_sets < <(slipway_sets base)
  mapfile -t app_sets < <(slipway_sets apps)
  helm_release base "$SLIPWAY_REGISTRY" "${base_sets[@]}" || return
  helm_release apps "$SLIPWAY_REGISTRY" "${app_sets[@]}"
}
