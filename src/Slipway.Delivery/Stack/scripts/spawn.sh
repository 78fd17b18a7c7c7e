#!/usr/bin/env bash
# Starts a long-running server detached from the caller (its own session, stdin closed), appending its output to LOG
# and writing its pid to PIDFILE, then returns at once.
#   spawn.sh LOG PIDFILE COMMAND [ARGS…]
set -euo pipefail
[[ $# -ge 3 ]] || { echo "usage: $0 LOG PIDFILE COMMAND [ARGS…]" >&2; exit 2; }
log="$1"; pidfile="$2"; shift 2
mkdir -p "$(dirname "$log")" "$(dirname "$pidfile")"
printf '\n=== %s start: %s\n' "$(date -u +%FT%TZ)" "$*" >>"$log"
setsid "$@" >>"$log" 2>&1 </dev/null &
echo $! >"$pidfile"
