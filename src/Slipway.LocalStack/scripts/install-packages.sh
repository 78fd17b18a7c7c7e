#!/usr/bin/env bash
# Installs the Debian packages the local Slipway stack needs (registry, docker,
# etcd, Go toolchain for the Kubernetes build, image tools, a headless browser
# for the pages tests check). Idempotent: only
# missing packages are installed; a no-op takes well under a second.
set -euo pipefail

PACKAGES=(
  docker-registry docker.io etcd-server
  golang-go dpkg-dev
  golang-github-modern-go-reflect2-dev golang-github-json-iterator-go-dev
  debootstrap skopeo
  openssl apache2-utils ca-certificates
  rsync socat
  containernetworking-plugins iptables ipset conntrack dnsmasq-base
  chromium fonts-dejavu-core
)

log() { echo "install-packages: $*"; }
die() { echo "install-packages: ERROR: $*" >&2; exit 1; }

# Fast path: one dpkg-query call for all packages.
declare -A installed=()
while read -r name status; do
  [[ "$status" == "installed" ]] && installed[${name%%:*}]=1
done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${PACKAGES[@]}" 2>/dev/null || true)
missing=()
for pkg in "${PACKAGES[@]}"; do
  [[ -n "${installed[$pkg]:-}" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  log "all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

[[ $(id -u) -eq 0 ]] || die "missing packages (${missing[*]}); run this script as root (e.g. with sudo)"
command -v apt-get >/dev/null || die "apt-get not found; this script supports Debian 12 (bookworm) only"

log "missing: ${missing[*]}"

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-y -q --no-install-recommends
  -o DPkg::Lock::Timeout=300
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

# Keep package scripts from starting services (dockerd, registry, etcd):
# the stack starts them by hand. Only add a policy-rc.d if there is none.
POLICY=/usr/sbin/policy-rc.d
cleanup_policy=false
if [[ ! -e $POLICY ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$POLICY" && chmod 755 "$POLICY"
  cleanup_policy=true
fi
trap 'if $cleanup_policy; then rm -f "$POLICY"; fi' EXIT

# Refresh the package lists once if any missing package has no install candidate.
need_update=false
for pkg in "${missing[@]}"; do
  cand=$(apt-cache policy "$pkg" 2>/dev/null | awk '/Candidate:/ {print $2}')
  if [[ -z "$cand" || "$cand" == "(none)" ]]; then need_update=true; break; fi
done
updated=false
if $need_update; then
  log "apt-get update"
  apt-get update -q </dev/null >/dev/null || die "apt-get update failed; check the Debian apt sources in /etc/apt/"
  updated=true
fi

log "apt-get install ${missing[*]}"
if ! apt-get install "${APT_OPTS[@]}" "${missing[@]}" </dev/null; then
  # Stale lists give 404s on download: refresh once and retry.
  $updated && die "apt-get install failed; see the apt output above"
  log "install failed; retrying after apt-get update"
  apt-get update -q </dev/null >/dev/null || die "apt-get update failed; check the Debian apt sources in /etc/apt/"
  apt-get install "${APT_OPTS[@]}" "${missing[@]}" </dev/null \
    || die "apt-get install failed; see the apt output above"
fi

log "done"
