#!/usr/bin/env bash
# Timing helpers shared by the benchmarks (sourced, not run). A run that fails is never timed as a fast one: time_ms
# shows its last output lines and fails, and the benchmark (set -e, `ms=$(time_ms …)`) stops with exit code 1.

# time_ms CMD [ARGS…]: prints how many milliseconds CMD took; its output goes to a log shown only when it fails.
time_ms() {
  local log start end status=0
  log=$(mktemp)
  start=$(date +%s%N)
  "$@" >"$log" 2>&1 || status=$?
  end=$(date +%s%N)
  if (( status != 0 )); then
    { echo "bench: '$*' failed with exit code $status, so it is not timed. Its last lines:"; tail -n 20 "$log"; } >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  echo $(( (end - start) / 1000000 ))
}

# median: the median of the numbers read, one per line.
median() {
  sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}
