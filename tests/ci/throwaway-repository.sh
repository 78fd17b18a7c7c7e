#!/usr/bin/env bash
# Copies this repository's working tree (tracked and untracked files, not ignored ones) into DEST as a fresh git
# repository with one commit on BRANCH, so CI clients can run the files as they are now without touching this clone.
#   tests/ci/throwaway-repository.sh DEST [BRANCH]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="${1:?usage: throwaway-repository.sh DEST [BRANCH]}"
BRANCH="${2:-ci/local-check}"
mkdir -p "$DEST"
cd "$ROOT"
git ls-files -z --cached --others --exclude-standard --deduplicate \
  | while IFS= read -r -d '' file; do [[ -e "$file" || -L "$file" ]] && printf '%s\0' "$file"; done \
  | rsync -a --from0 --files-from=- ./ "$DEST/"
cd "$DEST"
git init -q -b "$BRANCH"
git config user.name "Slipway CI check"
git config user.email "ci-check@slipway.invalid"
git add -A
git commit -q -m "Working tree of the repository under test"
# gitlab-ci-local reads the project's path from the origin URL; nothing is fetched from it.
git remote add origin https://gitlab.invalid/slipway/slipway.git
echo "$DEST"
