#!/usr/bin/env bash
# Starts a long-running server detached from the caller (its own session, stdin closed), appending its output to LOG
# and writing its pid to PIDFILE, then returns at once.
#   spawn.sh LOG PIDFILE COMMAND [ARGS…]
set -euo pipefail
[[ $# -ge 3 ]] || { echo "usage: $0 LOG PIDFILE COMMAND [ARGS…]" >&2; exit 2; }
log="$1"; pidfile="$2"; shift 2
mkdir -p "$(dirname "$log")" "$(dirname "$pidfile")"
printf '\n=== %s start: %s\n' "$(date -u +%FT%TZ)" "$*" >>"$log"
# A server must not keep the caller's other open files (pipes, lock files) for its whole life.
for fd in /proc/$$/fd/*; do
  fd="${fd##*/}"
  if [[ "$fd" -gt 2 ]]; then eval "exec ${fd}>&-" 2>/dev/null || true; fi
done
setsid "$@" >>"$log" 2>&1 </dev/null &
echo $! >"$pidfile"
