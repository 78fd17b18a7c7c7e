#!/usr/bin/env bash
# Tries `./build.sh` as a hostile but realistic user would, on the local stack, and prints per case: the exit code,
# the seconds it took, and how many things changed that should not have (all zero when the build holds):
#   bad files      an empty artifacts/images.json with the image targets skipped; a values file that is not YAML
#   dead endpoints a registry that takes connections and never answers; a registry port that refuses them;
#                  an API server that never answers (dev's kubeconfig variable)
#   concurrency    a second run while the first holds the checkout (--no-wait: refused naming the first; then waiting)
#   SIGTERM        a run stopped in the middle of an upgrade (a rotated secret makes one), then a normal run
# "Changed" compares what each case must leave alone: the releases' revisions and states, the pods' templates, the
# running hook Jobs, artifacts/images.json. The SIGTERM case may leave a revision behind (said by the run), but no
# running hook Job, and the next run must bring every release back to deployed.
#   tests/fault-sweep.sh
set -uo pipefail
cd "$(dirname "$0")/.."
NS=slipway-local
BUILD=(./build.sh --no-logo)
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null; kill "$pid" 2>/dev/null; done
  git checkout -q -- deploy/values/local.yaml 2>/dev/null
  [[ -f "$WORK/images.json" ]] && cp "$WORK/images.json" artifacts/images.json
  [[ -d "$WORK/images" ]] && rm -rf artifacts/images && mv "$WORK/images" artifacts/images
  [[ -f "$WORK/password" ]] && cp "$WORK/password" "$SECRET"
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "fault-sweep: $*" >&2; exit 1; }

echo "deploying once (the state every case starts from)…"
"${BUILD[@]}" DeployApps --env local >/dev/null 2>&1 || fail "./build.sh DeployApps --env local failed"
# shellcheck disable=SC1091
source .nuke/temp/stack/stack.env
STACK_KUBECONFIG="$KUBECONFIG"
cp artifacts/images.json "$WORK/images.json"
SECRET=.nuke/temp/secrets/local/orders-bus/password
cp "$SECRET" "$WORK/password"

# What no failed run may change, one line per thing.
snapshot() {
  kubectl get secrets -n "$NS" -l owner=helm,status=deployed \
    -o jsonpath='{range .items[*]}{.metadata.labels.name} revision {.metadata.labels.version}{"\n"}{end}' | sort
  kubectl get deployments,statefulsets -n "$NS" \
    -o jsonpath='{range .items[*]}{.kind}/{.metadata.name} generation {.metadata.generation}{"\n"}{end}' | sort
  running_hooks
  sha256sum artifacts/images.json
}
running_hooks() {
  kubectl get jobs -n "$NS" -o json | python3 -c '
import json, sys
jobs = json.load(sys.stdin)["items"]
for j in jobs:
    if "helm.sh/hook" in j["metadata"].get("annotations", {}) and not j["status"].get("completionTime") \
            and not j["status"].get("failed"):
        print("running hook Job", j["metadata"]["name"])'
}
# one silent TCP port (its number in $1): the kernel accepts connections nobody ever answers
start_silent_port() {
  python3 - "$1" >/dev/null 2>&1 <<'PY' &
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(64)
open(sys.argv[1], "w").write(str(s.getsockname()[1])); time.sleep(3600)
PY
  PIDS+=($!)
  while [[ ! -s "$1" ]]; do sleep 0.1; done
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

printf '%-52s %5s %8s %8s\n' "case" "exit" "seconds" "changed"
report() {   # $1 case, $2 exit, $3 seconds, $4 changed lines
  printf '%-52s %5s %8s %8s\n' "$1" "$2" "$3" "$4"
  [[ "$4" == 0 ]] || diff <(echo "$BEFORE") <(snapshot) | sed 's/^/    /'
}
# runs a case: the build's arguments after the case name; exit code and time of ./build.sh, changes counted after
run_case() {
  local name=$1; shift
  BEFORE=$(snapshot)
  local start=$SECONDS code
  "$@" >"$WORK/out" 2>&1; code=$?
  local took=$((SECONDS - start))
  local changed; changed=$(diff <(echo "$BEFORE") <(snapshot) | grep -c '^[<>]')
  report "$name" "$code" "$took" "$changed"
  [[ $code != 0 ]] || { echo "    expected a failure; the run printed:"; tail -5 "$WORK/out" | sed 's/^/    /'; }
}

# bad files: no image recorded (images.json empty, the per-image records gone), the values' placeholder tags left
echo "[]" > artifacts/images.json
mv artifacts/images "$WORK/images"
run_case "images.json [] --skip DockerBuild PushImage" \
  "${BUILD[@]}" DeployApps --env local --skip DockerBuild PushImage
cp "$WORK/images.json" artifacts/images.json
mv "$WORK/images" artifacts/images
printf 'broken: [unclosed\n' >> deploy/values/local.yaml
run_case "values file that is not YAML" "${BUILD[@]}" DeployApps --env local --skip DockerBuild PushImage
git checkout -q -- deploy/values/local.yaml

# dead endpoints
start_silent_port "$WORK/port"
SILENT=$(cat "$WORK/port")
run_case "registry that never answers" \
  env SLIPWAY_RESPONSE_TIMEOUT=10 "${BUILD[@]}" DeployApps --env local --registry "127.0.0.1:$SILENT"
run_case "registry port that refuses" "${BUILD[@]}" DeployApps --env local --registry "127.0.0.1:$(free_port)"
sed "s#server: .*#server: https://127.0.0.1:$SILENT#" "$STACK_KUBECONFIG" > "$WORK/dead-kubeconfig"
run_case "API server that never answers (dev)" \
  env KUBECONFIG_DEV="$WORK/dead-kubeconfig" SLIPWAY_SECRET_ORDERS_DB_PASSWORD=sweep \
  SLIPWAY_SECRET_ORDERS_DB_APP_PASSWORD=sweep SLIPWAY_SECRET_ORDERS_BUS_PASSWORD=sweep \
  "${BUILD[@]}" DeployApps --env dev --skip DockerBuild PushImage

# concurrency: the first run is frozen while it holds the checkout's outputs
"${BUILD[@]}" DeployApps --env local --verbosity verbose >"$WORK/first" 2>&1 &
FIRST=$!
PIDS+=("$FIRST")
for _ in $(seq 1 600); do grep -q "build outputs are held by this run" "$WORK/first" && break; sleep 0.1; done
HOLDER=$(grep -o 'held by this run: [^ ]*' "$WORK/first" | head -1 | sed 's#.*/##')
[[ -n "$HOLDER" ]] || fail "the first run never took the checkout's outputs"
kill -STOP "$HOLDER"
PIDS+=("$HOLDER")
run_case "second run --no-wait while the first holds" "${BUILD[@]}" DeployApps --env local --no-wait
grep -q "held by pid $HOLDER" "$WORK/out" || echo "    the refusal does not name pid $HOLDER"
kill -CONT "$HOLDER"
wait "$FIRST"; FIRST_CODE=$?
BEFORE=$(snapshot)
start=$SECONDS
"${BUILD[@]}" DeployApps --env local >"$WORK/out" 2>&1; code=$?
report "a run after it ended (first exited $FIRST_CODE)" "$code" "$((SECONDS - start))" \
  "$(diff <(echo "$BEFORE") <(snapshot) | grep -c '^[<>]')"

# SIGTERM in the middle of an upgrade: a rotated secret upgrades base and apps
head -c 18 /dev/urandom | base64 > "$SECRET"
"${BUILD[@]}" DeployApps --env local >"$WORK/term" 2>&1 &
TERMED=$!
PIDS+=("$TERMED")
for _ in $(seq 1 1200); do grep -q "helm upgrade --install" "$WORK/term" && break; sleep 0.1; done
sleep 2
RUN_PID=$(grep -o 'for this run: [^ ]*' "$WORK/term" | head -1 | sed 's#.*/##')
[[ -n "$RUN_PID" ]] || fail "the run to stop never said its pid"
start=$SECONDS
kill -TERM "$RUN_PID"; wait "$TERMED"; code=$?
took=$((SECONDS - start))
left=$(running_hooks | wc -l)
cp "$WORK/password" "$SECRET"
"${BUILD[@]}" DeployApps --env local >"$WORK/after" 2>&1 || { left=$((left + 1)); echo "    the next run failed"; }
STATES='{range .items[*]}{.metadata.labels.name} {.metadata.labels.version} {.metadata.labels.status}{"\n"}{end}'
not_deployed=$(kubectl get secrets -n "$NS" -l owner=helm -o jsonpath="$STATES" | sort -k1,1 -k2,2n \
  | awk '{latest[$1]=$3} END {for (r in latest) if (latest[r] != "deployed") print r}' | wc -l)
printf '%-52s %5s %8s %8s\n' "SIGTERM mid-upgrade, then a normal run" "$code" "$took" "$((left + not_deployed))"
[[ $code != 0 ]] || echo "    the run was not interrupted"
grep -iE "interrupted" "$WORK/term" | head -3 | sed 's/^/    /'
