#!/usr/bin/env bash
# dockerd's runtime for the local stack's node: runc, except that a container's requested oom_score_adj is raised
# to this process's own when it is lower. Without CAP_SYS_RESOURCE (as in many sandboxes and CI containers) the
# kernel refuses to lower it, and the kubelet asks -998 for every pod's pause container and for Guaranteed pods,
# so runc would fail ("can't get final child's PID from pipe"). Nothing else in the bundle's config changes, and
# nothing at all where the capability is held.
#   registered with: dockerd --add-runtime slipway-runc=<this file> --default-runtime slipway-runc
#   SLIPWAY_RUNC names the runc it wraps (default /usr/bin/runc).
set -euo pipefail
bundle=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    create|run) command=${args[i]} ;;
    --bundle|-b) bundle=${args[i + 1]:-} ;;
    --bundle=*) bundle=${args[i]#--bundle=} ;;
  esac
done
# CAP_SYS_RESOURCE is bit 24 of the effective set: with it, runc can do what was asked and nothing changes
has_sys_resource() { local eff; eff=$(awk '/^CapEff:/ {print $2}' /proc/self/status); (( (16#$eff >> 24) & 1 )); }
if [[ -n "${command:-}" && -n $bundle && -f $bundle/config.json ]] && ! has_sys_resource; then
  floor=$(cat /proc/self/oom_score_adj)
  config=$bundle/config.json
  if grep -qE '"oomScoreAdj": ?-?[0-9]+' "$config"; then
    requested=$(grep -oE '"oomScoreAdj": ?-?[0-9]+' "$config" | head -n1 | grep -oE -- '-?[0-9]+$')
    if ((requested < floor)); then
      sed -i -E "s/\"oomScoreAdj\": ?-?[0-9]+/\"oomScoreAdj\":$floor/" "$config"
    fi
  fi
fi
exec "${SLIPWAY_RUNC:-/usr/bin/runc}" "$@"
