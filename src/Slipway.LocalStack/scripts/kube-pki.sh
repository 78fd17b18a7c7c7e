#!/usr/bin/env bash
# Creates the PKI for a local kube-apiserver/kube-controller-manager in DIR
# (only what is missing):
#   ca.crt, ca.key               cluster CA (also the cluster-signing CA)
#   apiserver.crt, apiserver.key serving cert for 127.0.0.1, 10.0.0.1 (first
#                                service IP), localhost, kubernetes.default.svc, ...
#   kubelet-client.crt, .key     the API server's client cert towards the kubelet (logs, exec)
#   sa.key, sa.pub               service-account signing key pair
#   token.csv                    static token file: TOKEN,admin,admin,system:masters
# Keys and token.csv are mode 0600.
#
# Usage: kube-pki.sh DIR
set -euo pipefail

log() { echo "kube-pki: $*"; }
die() { echo "kube-pki: ERROR: $*" >&2; exit 1; }

[[ $# -eq 1 && -n $1 && $1 != -* ]] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR=$1
command -v openssl >/dev/null || die "openssl not found; run install-packages.sh (or apt-get install openssl)"
mkdir -p "$DIR" || die "cannot create $DIR"
cd "$DIR"
umask 077

CA_DAYS=3650
CERT_DAYS=3650
APISERVER_SANS="IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"

newkey() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; chmod 600 "$1"; }

# --- CA ----------------------------------------------------------------------
if [[ ! -s ca.key || ! -s ca.crt ]]; then
  log "creating CA (ca.crt, ca.key)"
  rm -f ca.crt ca.key apiserver.crt   # a new CA invalidates certs signed by the old one
  newkey ca.key
  openssl req -x509 -new -key ca.key -sha256 -days "$CA_DAYS" -out ca.crt \
    -subj "/CN=slipway-kubernetes-ca" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null \
    || die "openssl failed to create the CA"
  chmod 644 ca.crt
fi

# --- apiserver serving cert ------------------------------------------------------
if [[ -s apiserver.crt ]] && ! openssl verify -CAfile ca.crt apiserver.crt >/dev/null 2>&1; then
  log "apiserver.crt is not signed by ca.crt; recreating it"
  rm -f apiserver.crt
fi
if [[ ! -s apiserver.key || ! -s apiserver.crt ]]; then
  log "creating apiserver serving cert (apiserver.crt, apiserver.key)"
  [[ -s apiserver.key ]] || newkey apiserver.key
  ext=$(mktemp)
  trap 'rm -f "$ext" apiserver.csr' EXIT
  cat >"$ext" <<EOF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$APISERVER_SANS
EOF
  openssl req -new -key apiserver.key -subj "/CN=kube-apiserver" -out apiserver.csr 2>/dev/null \
    || die "openssl failed to create the apiserver CSR"
  openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 \
    -days "$CERT_DAYS" -extfile "$ext" -out apiserver.crt 2>/dev/null \
    || die "openssl failed to sign the apiserver cert"
  rm -f apiserver.csr ca.srl
  chmod 644 apiserver.crt
fi

# --- the API server's client cert towards the kubelet ---------------------------------
if [[ -s kubelet-client.crt ]] && ! openssl verify -CAfile ca.crt kubelet-client.crt >/dev/null 2>&1; then
  rm -f kubelet-client.crt
fi
if [[ ! -s kubelet-client.key || ! -s kubelet-client.crt ]]; then
  log "creating the API server's kubelet client cert (kubelet-client.crt, kubelet-client.key)"
  [[ -s kubelet-client.key ]] || newkey kubelet-client.key
  ext=$(mktemp)
  trap 'rm -f "$ext" kubelet-client.csr' EXIT
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n' >"$ext"
  printf 'extendedKeyUsage=clientAuth\n' >>"$ext"
  openssl req -new -key kubelet-client.key -subj "/O=system:masters/CN=kube-apiserver-kubelet-client" \
    -out kubelet-client.csr 2>/dev/null || die "openssl failed to create the kubelet client CSR"
  openssl x509 -req -in kubelet-client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 \
    -days "$CERT_DAYS" -extfile "$ext" -out kubelet-client.crt 2>/dev/null \
    || die "openssl failed to sign the kubelet client cert"
  rm -f kubelet-client.csr ca.srl
  chmod 644 kubelet-client.crt
fi

# --- service-account key pair ------------------------------------------------------
if [[ ! -s sa.key ]]; then
  log "creating service-account key pair (sa.key, sa.pub)"
  rm -f sa.pub
  newkey sa.key
fi
if [[ ! -s sa.pub ]]; then
  openssl pkey -in sa.key -pubout -out sa.pub 2>/dev/null || die "openssl failed to derive sa.pub"
  chmod 644 sa.pub
fi

# --- static admin token ------------------------------------------------------------
if [[ ! -s token.csv ]]; then
  log "creating admin token (token.csv)"
  printf '%s,admin,admin,system:masters\n' "$(openssl rand -hex 32)" >token.csv
  chmod 600 token.csv
fi

log "PKI ready in $(pwd)"
