#!/usr/bin/env bash
# Runs the pinned gitlab-ci-local in a repository (a throwaway one: see throwaway-repository.sh) with a clean
# environment, so the jobs see what a runner would, not the variables of the process that started this script.
#   tests/ci/gitlab-ci-local.sh REPOSITORY [gitlab-ci-local arguments…]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPOSITORY="${1:?usage: gitlab-ci-local.sh REPOSITORY [arguments…]}"
shift
BIN="$("$HERE/install-clients.sh")"
cd "$REPOSITORY"
mkdir -p .gitlab-ci-local-home
KEEP=(PATH="$PATH" HOME="$HOME" LANG="${LANG:-C.UTF-8}" TERM=dumb)
for name in DOTNET_ROOT SLIPWAY_CACHE SLIPWAY_STACK_PORT_BASE TMPDIR; do
  [[ -n "${!name:-}" ]] && KEEP+=("$name=${!name}")
done
exec env -i "${KEEP[@]}" \
  GCL_IGNORE_PREDEFINED_VARS=CI_COMMIT_BRANCH,CI_COMMIT_TAG,CI_COMMIT_REF_NAME,CI_COMMIT_MESSAGE \
  "$BIN/gitlab-ci-local" --home .gitlab-ci-local-home --no-color "$@"
