#!/usr/bin/env bash
# The main job against the shell pipeline it replaces, in one run on the same local stack, medians of several runs:
#   - nothing changed: `./build.sh DeployApps --env local`, its deploy alone (images given), the plain helm loop
#     (`helm upgrade --install --wait` of each release with the same inputs) and the shell pipeline;
#   - one source file of web-ui changed (a new constant, so its assembly changes): the main job and the shell pipeline.
# The shell pipeline is what a repository runs without Slipway, made as fair as a script can be: per component
# `dotnet publish`, `docker build` with its cache, tagged by image ID (an unchanged component keeps its tag, so its
# pods are not restarted), `docker push`, then `helm upgrade --install --wait` per release. It pushes under
# <registry>/bench-shell/ and deploys into the same namespace, so each block starts with one untimed run that
# brings the releases to its own images. Prints medians, ratios, revisions made and what the one-file change rebuilt.
#   tests/bench/noop-main.sh [runs]      (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-3}"
# shellcheck source=tests/bench/timing.sh
source tests/bench/timing.sh
fail() { echo "noop-main: $*" >&2; exit 1; }

CHANGED=src/apps/web-ui/Program.cs
WORK="$(mktemp -d)"
cp "$CHANGED" "$WORK/Program.cs"
restore() { cp "$WORK/Program.cs" "$CHANGED"; rm -rf "$WORK"; }
trap restore EXIT

echo "bringing the stack up and deploying once…"
./build.sh DeployApps --env local --no-logo >/dev/null || fail "the first ./build.sh DeployApps --env local failed"
# shellcheck disable=SC1091
source .nuke/temp/stack/stack.env
NS=slipway-local
SHELL_REGISTRY="$SLIPWAY_REGISTRY/bench-shell"
# shellcheck source=tests/bench/lib/plain-helm.sh
source tests/bench/lib/plain-helm.sh

# One component through docker: build with the cache, tag by image ID, push; prints "--set=<component>.image.tag=…".
# A Dockerfile.base beside the Dockerfile is built and pushed first, and passed as BASE_IMAGE.
shell_image() {   # $1 = component, $2 = context, $3 = repository
  local args=(--build-arg "BASE_REGISTRY=$SLIPWAY_REGISTRY") base
  if [[ -f "$2/Dockerfile.base" ]]; then
    base=$(build_and_push "$2" "$3-base" -f "$2/Dockerfile.base" "${args[@]}") || return
    args+=(--build-arg "BASE_IMAGE=$SHELL_REGISTRY/$3-base:$base")
  fi
  echo "--set=$1.image.tag=$(build_and_push "$2" "$3" "${args[@]}")" || return
}

# docker build with its cache, tagged by image ID under the shell registry, pushed; prints the tag.
build_and_push() {   # $1 = context, $2 = repository, then docker build options
  local context="$1" repository="$2" id tag
  shift 2
  id=$(docker build -q "$@" "$context") || return
  tag="${id#sha256:}"
  tag="${tag:0:12}"
  docker tag "$id" "$SHELL_REGISTRY/$repository:$tag" || return
  docker push -q "$SHELL_REGISTRY/$repository:$tag" >/dev/null || return
  echo "$tag"
}

shell_pipeline() {
  local base_sets=() app_sets=() app project
  for app in "${APPS[@]}"; do
    project=$(ls "src/apps/$app"/*.csproj)
    dotnet publish "$project" -c Release -o "src/apps/$app/publish" --nologo >/dev/null || return
    app_sets+=("$(shell_image "$app" "src/apps/$app" "shop/$app")") || return
  done
  for product in "${BASE_PRODUCTS[@]}"; do
    base_sets+=("$(shell_image "$product" "charts/base/images/$product" "slipway-base/$product")") || return
  done
  helm_release base "$SHELL_REGISTRY" "${base_sets[@]}" || return
  helm_release apps "$SHELL_REGISTRY" "${app_sets[@]}"
}

slipway_main() { ./build.sh DeployApps --env local --no-logo; }
slipway_deploy() { ./build.sh DeployApps --env local --no-logo --skip Compile DockerBuild PushImage StackUp; }

# A one-file change: the original Program.cs and a constant that differs on each call.
CHANGES=0
change_one_file() {
  CHANGES=$((CHANGES + 1))
  { cat "$WORK/Program.cs"
    echo "internal static class BenchRevision { public const string Value = \"$$-$CHANGES\"; }"; } > "$CHANGED"
}

# (time_ms runs a command where set -e does not hold: each step above returns on failure.)
# times_of LABEL PREPARE COMMAND: runs PREPARE (untimed) then times COMMAND, $RUNS times; prints the median.
times_of() {
  local prepare="$2" command="$3" times=() ms
  for ((i = 0; i < RUNS; i++)); do
    $prepare
    ms=$(time_ms $command) || fail "$1: a run failed"
    times+=("$ms")
  done
  printf '%s\n' "${times[@]}" | median
}
nothing() { :; }

echo "nothing changed: Slipway…"
r0=$(revisions)
m_main=$(times_of "no-op main job" nothing slipway_main)
m_deploy=$(times_of "no-op deploy" nothing slipway_deploy)
r_slipway=$(( $(revisions) - r0 ))
echo "nothing changed: plain helm loop…"
r0=$(revisions)
m_helm=$(times_of "plain helm loop" nothing plain_helm)
r_helm=$(( $(revisions) - r0 ))
echo "nothing changed: shell pipeline…"
time_ms shell_pipeline >/dev/null || fail "the shell pipeline's first run failed"
m_shell=$(times_of "shell pipeline, nothing changed" nothing shell_pipeline)

echo "one file changed: shell pipeline…"
m_shell_change=$(times_of "shell pipeline, one file changed" change_one_file shell_pipeline)
echo "one file changed: Slipway…"
change_one_file
time_ms slipway_main >/dev/null || fail "the main job's first run after the shell pipeline failed"
r0_base=$(revision base) r0_apps=$(revision apps)
m_main_change=$(times_of "main job, one file changed" change_one_file slipway_main)
upgraded_base=$(( $(revision base) - r0_base )) upgraded_apps=$(( $(revision apps) - r0_apps ))
rebuilt=$(python3 -c 'import json
print(" ".join(i["component"] for i in json.load(open("artifacts/images.json")) if i["rebuilt"]))')

cp "$WORK/Program.cs" "$CHANGED"
slipway_main >/dev/null 2>&1 || echo "noop-main: the closing ./build.sh DeployApps --env local failed" >&2

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
echo
echo "medians over $RUNS runs (ms)"
printf '  %-58s %8s\n' \
  "no-op main job (./build.sh DeployApps --env local)" "$m_main" \
  "no-op deploy alone (images given)" "$m_deploy" \
  "plain helm upgrade --install --wait loop" "$m_helm" \
  "shell pipeline, nothing changed" "$m_shell" \
  "main job, one file of web-ui changed" "$m_main_change" \
  "shell pipeline, one file of web-ui changed" "$m_shell_change"
echo "ratios (how many times faster Slipway is)"
echo "  no-op main job vs shell pipeline:       $(ratio "$m_shell" "$m_main")"
echo "  no-op main job vs plain helm loop:      $(ratio "$m_helm" "$m_main")"
echo "  no-op deploy vs plain helm loop:        $(ratio "$m_helm" "$m_deploy")"
echo "  one-file change vs shell pipeline:      $(ratio "$m_shell_change" "$m_main_change")"
echo "revisions made with nothing changed: Slipway $r_slipway, plain helm loop $r_helm"
echo "one-file changes ($RUNS): the last rebuilt [$rebuilt]; upgraded base $upgraded_base×, apps $upgraded_apps×"
[[ "$rebuilt" == web-ui && $upgraded_base == 0 && $upgraded_apps == "$RUNS" && $r_slipway == 0 ]] ||
  fail "expected: nothing changed → 0 revisions; one file of web-ui → web-ui rebuilt, apps upgraded once, base never"
