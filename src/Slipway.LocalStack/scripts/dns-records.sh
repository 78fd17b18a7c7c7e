#!/usr/bin/env bash
# Feeds the local stack's cluster DNS (dnsmasq, which reads HOSTS_DIR as it changes) from the API server: one line
# per Service with a cluster IP, `<ip> <name>.<namespace>.svc.<domain>`. Pods find `<name>` and `<name>.<namespace>`
# through the search domains the kubelet writes into their resolv.conf. Rewritten on every Service change.
#   dns-records.sh KUBECONFIG HOSTS_DIR DOMAIN
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 KUBECONFIG HOSTS_DIR DOMAIN" >&2; exit 2; }
export KUBECONFIG=$1
dir=$2 domain=$3
mkdir -p "$dir"
template='{range .items[*]}{.spec.clusterIP} {.metadata.name}.{.metadata.namespace}{"\n"}{end}'

write_records() {
  local listed
  listed=$(kubectl get services --all-namespaces -o "jsonpath=$template") || return 1
  # written beside the directory and renamed into it: dnsmasq reads every file there as soon as it appears
  awk -v domain="$domain" '$1 ~ /^[0-9.]+$/ { print $1 " " $2 ".svc." domain }' <<<"$listed" | sort >"$dir.new"
  if ! cmp -s "$dir.new" "$dir/services"; then
    mv -f "$dir.new" "$dir/services"
    echo "$(date -u +%FT%TZ) $(wc -l <"$dir/services") service records"
  else
    rm -f "$dir.new"
  fi
}

while true; do
  write_records || { sleep 2; continue; }
  # each change (or the watch's end, after the server's timeout) lists again
  kubectl get services --all-namespaces --watch-only --request-timeout=0 -o name 2>/dev/null \
    | while read -r _; do write_records || true; done
  sleep 0.2
done
