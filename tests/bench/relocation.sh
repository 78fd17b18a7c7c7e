#!/usr/bin/env bash
# Relocation benchmark: copy the sample system's images (what `ListImages --env prod` prints) into the local stack's
# authenticated "client" registry, with `./build.sh Retag` and with `skopeo copy`, side by side in one run.
# Each run uses fresh repository prefixes for both tools (and a fresh skopeo blob-info cache), and the order alternates.
#   tests/bench/relocation.sh [runs] [--no-push]     (default 5 runs; --no-push reuses the images PushImage left)
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=5
PUSH=1
for arg in "$@"; do
  case "$arg" in
    --no-push) PUSH=0 ;;
    ''|*[!0-9]*) echo "usage: $0 [runs] [--no-push]" >&2; exit 2 ;;
    *) RUNS="$arg" ;;
  esac
done

fail() { echo "relocation.sh: $*" >&2; exit 1; }
# shellcheck source=tests/bench/timing.sh
source tests/bench/timing.sh

STACK_ENV=.nuke/temp/stack/stack.env
[[ -f "$STACK_ENV" ]] || fail "the local stack is not up ($STACK_ENV is missing): run ./build.sh StackUp first."
# shellcheck disable=SC1090
source "$STACK_ENV"
for tool in skopeo jq curl; do command -v "$tool" >/dev/null || fail "$tool is not installed."; done
[[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$SLIPWAY_REGISTRY/v2/" || true)" == 200 ]] \
  || fail "the stack's registry $SLIPWAY_REGISTRY does not answer: the stack is down (./build.sh StackUp)."
[[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$SLIPWAY_TARGET_REGISTRY/v2/" || true)" =~ ^(200|401)$ ]] \
  || fail "the client registry $SLIPWAY_TARGET_REGISTRY does not answer: the stack is down (./build.sh StackUp)."

# Everything that holds the password lives in a private directory, removed on exit; output is masked.
WORK=$(mktemp -d)
chmod 700 "$WORK"
BENCH_TAG=""
trap 'rm -rf "$WORK"; [[ -z "$BENCH_TAG" ]] || git tag -d "$BENCH_TAG" >/dev/null' EXIT
# Retag for prod passes prod's guards (clean tree, a prod.v* tag on HEAD): a throw-away tag stands in for the release
[[ -z "$(git status --porcelain)" ]] || fail "the working tree is not clean: Retag --env prod refuses it."
if ! git tag --points-at HEAD | grep -q '^prod\.v'; then
  BENCH_TAG="prod.v0.0.0-bench.$$"
  git tag "$BENCH_TAG"
fi
mask() { local line; while IFS= read -r line; do printf '%s\n' "${line//"$SLIPWAY_TARGET_REGISTRY_PASSWORD"/****}"; done; }
AUTH_PAIR=$(printf '%s:%s' "$SLIPWAY_TARGET_REGISTRY_USERNAME" "$SLIPWAY_TARGET_REGISTRY_PASSWORD" | base64 -w0)
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$SLIPWAY_TARGET_REGISTRY" "$AUTH_PAIR" >"$WORK/auth.json"
printf 'user = "%s:%s"\n' "$SLIPWAY_TARGET_REGISTRY_USERNAME" "$SLIPWAY_TARGET_REGISTRY_PASSWORD" >"$WORK/curlrc"

if (( PUSH )); then
  echo "building and pushing the sample images (./build.sh PushImage --env local)…"
  ./build.sh PushImage --env local --no-logo --verbosity quiet >"$WORK/push.log" 2>&1 \
    || { mask <"$WORK/push.log" | tail -30 >&2; fail "PushImage failed."; }
fi
./build.sh --help >/dev/null 2>&1 || fail "./build.sh does not compile."
mapfile -t IMAGES < <(./build.sh ListImages --env prod --no-logo --verbosity quiet 2>/dev/null | grep -E '^[a-z0-9.:-]+/[^[:space:]]+$' || true)
(( ${#IMAGES[@]} > 0 )) || fail "ListImages --env prod printed no image: run without --no-push, or check ./build.sh ListImages --env prod."

ACCEPT=(-H 'Accept: application/vnd.oci.image.index.v1+json' -H 'Accept: application/vnd.oci.image.manifest.v1+json'
        -H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json' -H 'Accept: application/vnd.docker.distribution.manifest.v2+json')
# "<digest> <size>" of every blob of a source image (every platform of an index), and its manifest digest
blob_sizes() { # registry repository reference
  local manifest child
  manifest=$(curl -fsS "${ACCEPT[@]}" "http://$1/v2/$2/manifests/$3")
  jq -r '(.config // empty), (.layers // [])[] | "\(.digest) \(.size)"' <<<"$manifest"
  for child in $(jq -r '(.manifests // [])[].digest' <<<"$manifest"); do blob_sizes "$1" "$2" "$child"; done
}
source_digest() { curl -fsS -o /dev/null -D - "${ACCEPT[@]}" --head "http://$SLIPWAY_REGISTRY/v2/$1/manifests/$2" | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }'; }
target_digest() { curl -fsS -K "$WORK/curlrc" -o /dev/null -D - "${ACCEPT[@]}" --head "http://$SLIPWAY_TARGET_REGISTRY/v2/$1/manifests/$2" | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }'; }

# repository and reference of each image (registry/repo:tag, registry/repo@digest or registry/repo:tag@digest)
declare -a REPOS=() REFS=() TAGS=()
: >"$WORK/sizes"
for image in "${IMAGES[@]}"; do
  [[ "${image%%/*}" == "$SLIPWAY_REGISTRY" ]] || fail "$image is not in the stack's registry $SLIPWAY_REGISTRY."
  path=${image#*/}; name=${path%%@*}; digest=${path#"$name"}; digest=${digest#@}
  if [[ "${name##*/}" == *:* ]]; then tag=${name##*:}; repo=${name%:*}; else tag=""; repo=$name; fi
  REPOS+=("$repo"); REFS+=("${digest:-$tag}"); TAGS+=("${tag:-$digest}")
  blob_sizes "$SLIPWAY_REGISTRY" "$repo" "${digest:-$tag}" >>"$WORK/sizes" || fail "$image is not in $SLIPWAY_REGISTRY: run without --no-push."
done
sort -u -o "$WORK/sizes" "$WORK/sizes"


slipway_copy() { # prefix
  ./build.sh Retag --env prod --target-registry "$SLIPWAY_TARGET_REGISTRY/$1" --no-logo --verbosity quiet >"$WORK/retag.log" 2>&1
}
skopeo_copy() { # prefix
  local i
  : >"$WORK/skopeo.log"
  rm -rf "$WORK/skopeo-cache"
  for i in "${!IMAGES[@]}"; do
    # a private blob-info cache per run (skopeo keeps one per user otherwise): it may mount only what this run uploaded
    _CONTAINERS_ROOTLESS_UID=65534 XDG_DATA_HOME="$WORK/skopeo-cache" \
      skopeo --debug copy --all --preserve-digests --src-tls-verify=false --dest-tls-verify=false --src-no-creds \
        --dest-authfile "$WORK/auth.json" "docker://${IMAGES[$i]}" "docker://$SLIPWAY_TARGET_REGISTRY/$1/${REPOS[$i]}:${TAGS[$i]}" \
        >>"$WORK/skopeo.log" 2>&1 || return 1
  done
}
slipway_bytes() { jq -e '[.[].bytesCopied] | add' "artifacts/relocation-prod.json"; }
# blobs skopeo uploaded (mounted and present ones are "Skipping blob … (already present)"), sized from the source manifests
skopeo_bytes() {
  grep -oE 'Upload of layer sha256:[0-9a-f]{64} complete' "$WORK/skopeo.log" | awk '{ print $4 }' | sort -u \
    | join - "$WORK/sizes" | awk '{ s += $2 } END { print s + 0 }'
}
check_digests() { # prefix tool
  local i
  for i in "${!IMAGES[@]}"; do
    [[ "$(target_digest "$1/${REPOS[$i]}" "${TAGS[$i]}")" == "$(source_digest "${REPOS[$i]}" "${REFS[$i]}")" ]] \
      || fail "$2 left $SLIPWAY_TARGET_REGISTRY/$1/${REPOS[$i]}:${TAGS[$i]} with another digest than ${IMAGES[$i]}."
  done
}
run_tool() { # tool prefix → prints "ms bytes"
  local ms
  if [[ "$1" == slipway ]]; then
    ./build.sh --help >/dev/null 2>&1 || fail "./build.sh does not compile."   # compile now, not inside the timing
    ms=$(time_ms slipway_copy "$2" 2>/dev/null) \
      || { mask <"$WORK/retag.log" | tail -30 >&2; fail "Retag into $2 failed."; }
    check_digests "$2" slipway
    bytes=$(slipway_bytes) || fail "Retag into $2 wrote no artifacts/relocation-prod.json."
    echo "$ms $bytes"
  else
    ms=$(time_ms skopeo_copy "$2" 2>/dev/null) \
      || { mask <"$WORK/skopeo.log" | grep -v 'level=debug' | tail -30 >&2; fail "skopeo copy into $2 failed."; }
    check_digests "$2" skopeo
    bytes=$(skopeo_bytes) || fail "the skopeo log of $2 could not be read."
    echo "$ms $bytes"
  fi
}

RUN_ID="$(date +%Y%m%d%H%M%S)-$$"
echo "relocating ${#IMAGES[@]} images, $(awk '{ s += $2 } END { printf "%.1f MB", s / 1e6 }' "$WORK/sizes") of distinct blobs, into $SLIPWAY_TARGET_REGISTRY (run $RUN_ID, $RUNS runs + 1 warm-up):"
printf '  %s\n' "${IMAGES[@]}"
run_tool slipway "bench-warmup-slipway-$RUN_ID" >/dev/null
run_tool skopeo "bench-warmup-skopeo-$RUN_ID" >/dev/null

list_images() { ./build.sh ListImages --env prod --no-logo --verbosity quiet >/dev/null 2>&1; }

slipway_ms=() skopeo_ms=() slipway_moved=() skopeo_moved=() list_ms=()
for ((i = 1; i <= RUNS; i++)); do
  order=(slipway skopeo)
  (( i % 2 == 0 )) && order=(skopeo slipway)
  for tool in "${order[@]}"; do
    result=$(run_tool "$tool" "bench-$tool-$RUN_ID-$i")
    read -r ms bytes <<<"$result"
    if [[ "$tool" == slipway ]]; then slipway_ms+=("$ms"); slipway_moved+=("$bytes"); else skopeo_ms+=("$ms"); skopeo_moved+=("$bytes"); fi
  done
  # the part of Retag that is not copying: process start and rendering the environment's releases
  ms=$(time_ms list_images 2>/dev/null) || fail "ListImages --env prod failed."
  list_ms+=("$ms")
  printf '  run %d (%s first): slipway %5d ms %11d bytes | skopeo %5d ms %11d bytes | ListImages alone %5d ms\n' \
    "$i" "${order[0]}" "${slipway_ms[-1]}" "${slipway_moved[-1]}" "${skopeo_ms[-1]}" "${skopeo_moved[-1]}" "${list_ms[-1]}"
done

m_slipway=$(printf '%s\n' "${slipway_ms[@]}" | median)
m_skopeo=$(printf '%s\n' "${skopeo_ms[@]}" | median)
b_slipway=$(printf '%s\n' "${slipway_moved[@]}" | median)
b_skopeo=$(printf '%s\n' "${skopeo_moved[@]}" | median)
echo "median ms: slipway (./build.sh Retag --env prod, whole process: startup, render, copy) = $m_slipway, skopeo (one copy per image) = $m_skopeo"
m_list=$(printf '%s\n' "${list_ms[@]}" | median)
awk -v a="$m_slipway" -v b="$m_skopeo" 'BEGIN { printf "slipway / skopeo = %.2fx (target: <= 1.0x)\n", a / b }'
echo "of Retag's $m_slipway ms, ListImages alone (process start + rendering the releases, no copy) takes $m_list ms (median)"
echo "bytes moved per run (median): slipway = $b_slipway (sum of bytesCopied, artifacts/relocation-prod.json), skopeo = $b_skopeo (blobs it uploaded, sized from the source manifests)"
echo "note: registry storage dedups by digest: the client registry stores each blob once however many repositories or runs"
echo "      hold it, so these are bytes sent over HTTP, not bytes stored. Each fresh prefix still has to receive every blob"
echo "      once (upload) because a repository can only link a blob it was sent or had mounted; later images of the same run"
echo "      mount the blobs an earlier one uploaded, with either tool."
