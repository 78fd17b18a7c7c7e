#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager, kube-scheduler, kubelet and kube-proxy v1.20.2 from Debian's
# `kubernetes` source package (bookworm) and caches the binaries in
#   ${SLIPWAY_CACHE:-/var/cache/slipway}/kubernetes/v1.20.2/bin/
# A cached build (binaries + stamp) makes this a no-op.
#
# Usage: build-kubernetes.sh [--verbose]
#   --verbose  show apt/go output instead of writing it to the build log.
set -euo pipefail

K8S_VERSION=v1.20.2
K8S_MAJOR=1
K8S_MINOR=20
SRC_PACKAGE=kubernetes
SRC_UPSTREAM_MARKER="really1.20.2"   # Debian's version: 1.20.5+really1.20.2-...
BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)
DEBIAN_GOCODE=/usr/share/gocode/src
NEED_DISK_MB=4000

VERBOSE=false
for arg in "$@"; do
  case "$arg" in
    --verbose|-v) VERBOSE=true ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-kubernetes: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

CACHE_ROOT=${SLIPWAY_CACHE:-/var/cache/slipway}
OUT_DIR=$CACHE_ROOT/kubernetes/$K8S_VERSION
BIN_DIR=$OUT_DIR/bin
STAMP=$OUT_DIR/build.stamp
LOG=$OUT_DIR/build.log

log() { echo "build-kubernetes: $*"; }
die() { echo "build-kubernetes: ERROR: $*" >&2; exit 1; }

cache_ok() {
  [[ -f $STAMP ]] || return 1
  local b
  for b in "${BINARIES[@]}"; do [[ -x $BIN_DIR/$b ]] || return 1; done
}

if cache_ok; then
  log "cache used: $BIN_DIR (${BINARIES[*]})"
  exit 0
fi

mkdir -p "$BIN_DIR" || die "cannot create $BIN_DIR; run as root or set SLIPWAY_CACHE to a writable directory"

# One build at a time per cache dir; a waiting run reuses the finished build.
exec 9>"$OUT_DIR/.build.lock"
if ! flock -n 9; then
  log "another build is running; waiting for it"
  flock 9
fi
if cache_ok; then
  log "cache used: $BIN_DIR (${BINARIES[*]})"
  exit 0
fi

# --- prerequisites -----------------------------------------------------------
for cmd in go apt-get dpkg-source dpkg-parsechangelog flock; do
  command -v "$cmd" >/dev/null || die "'$cmd' not found; run install-packages.sh first"
done
for d in github.com/modern-go/reflect2 github.com/json-iterator/go; do
  [[ -d $DEBIAN_GOCODE/$d ]] || die "$DEBIAN_GOCODE/$d missing; run install-packages.sh first"
done
[[ $(id -u) -eq 0 ]] || die "must run as root (it may add a deb-src entry and run apt-get update)"

WORK_PARENT=${TMPDIR:-/tmp}
free_mb=$(df -Pm "$WORK_PARENT" | awk 'NR==2 {print $4}')
((free_mb >= NEED_DISK_MB)) || die "need ~${NEED_DISK_MB} MB free in $WORK_PARENT (have ${free_mb} MB); free space or set TMPDIR"

: >"$LOG"
STEP=""
step() { STEP=$*; log "$STEP"; echo "=== $STEP" >>"$LOG"; }
# Runs a command with its output shown (--verbose) or appended to the log.
run() {
  if $VERBOSE; then "$@"; else "$@" >>"$LOG" 2>&1; fi
}

WORK=$(mktemp -d "$WORK_PARENT/slipway-k8s-build.XXXXXX")
chmod 755 "$WORK"
mkdir "$WORK/src"
chown _apt "$WORK/src" 2>/dev/null || true   # apt downloads as the _apt user
on_exit() {
  local rc=$?
  if ((rc != 0)); then
    echo "build-kubernetes: FAILED during: ${STEP:-setup} (exit $rc)" >&2
    if ! $VERBOSE; then
      echo "build-kubernetes: last lines of $LOG:" >&2
      tail -n 25 "$LOG" >&2 || true
      echo "build-kubernetes: full log: $LOG (re-run with --verbose to see everything)" >&2
    fi
  fi
  rm -rf "$WORK"
}
trap on_exit EXIT
start=$SECONDS

# --- source ------------------------------------------------------------------
have_src() { apt-cache showsrc --only-source "$SRC_PACKAGE" 2>/dev/null | grep -q "^Version: .*$SRC_UPSTREAM_MARKER"; }

step "checking for a deb-src entry for bookworm main"
if ! have_src; then
  # Use the same Debian mirror as the existing bookworm main entry.
  # shellcheck disable=SC2016  # $(...) is apt's own format syntax
  mirror=$(apt-get indextargets --format '$(TARGET_OF) $(REPO_URI) $(RELEASE) $(COMPONENT)' 2>/dev/null \
    | awk '$1=="deb" && $3=="bookworm" && $4=="main" {print $2; exit}')
  [[ -n "$mirror" ]] || die "no apt source for Debian bookworm main was found: add one (the same mirror then serves the source package)"
  src_list=/etc/apt/sources.list.d/slipway-deb-src.sources
  log "adding $src_list ($mirror bookworm main) and running apt-get update"
  {
    echo "Types: deb-src"
    echo "URIs: $mirror"
    echo "Suites: bookworm"
    echo "Components: main"
    if [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]]; then
      echo "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
    fi
  } >"$src_list"
  run apt-get update -q </dev/null || die "apt-get update failed; check /etc/apt sources"
  have_src || die "source package '$SRC_PACKAGE' ($SRC_UPSTREAM_MARKER) not found after adding $src_list"
fi

step "apt-get source $SRC_PACKAGE"
(cd "$WORK/src" && run apt-get source -q "$SRC_PACKAGE" </dev/null)
SRC=$(find "$WORK/src" -mindepth 1 -maxdepth 1 -type d -name "$SRC_PACKAGE-*" | head -n1)
[[ -n $SRC && -d $SRC/vendor ]] || die "unpacked source not found in $WORK"
[[ $(dpkg-parsechangelog -l "$SRC/debian/changelog" -S Version) == *"$SRC_UPSTREAM_MARKER"* ]] \
  || die "unexpected source version (want $SRC_UPSTREAM_MARKER); the Debian package changed"
BUILD_DATE=$(date -u -d "@$(dpkg-parsechangelog -l "$SRC/debian/changelog" -S Timestamp)" +%Y-%m-%dT%H:%M:%SZ)

# GOPATH mode: the tree must live at $GOPATH/src/k8s.io/kubernetes.
export GOPATH=$WORK/gopath GOCACHE=$WORK/gocache GO111MODULE=off CGO_ENABLED=0 GOPROXY=off GOFLAGS=
mkdir -p "$GOPATH/src/k8s.io"
ln -s "$SRC" "$GOPATH/src/k8s.io/kubernetes"
cd "$GOPATH/src/k8s.io/kubernetes"

# --- fixes -------------------------------------------------------------------
# Vendored reflect2 1.0.1 corrupts memory under Go >= 1.18: use Debian's packaged
# reflect2 and json-iterator sources (non-test files) instead.
step "replacing vendored reflect2 and json-iterator with Debian's packages"
for d in github.com/modern-go/reflect2 github.com/json-iterator/go; do
  rm -rf "vendor/$d"
  mkdir -p "vendor/$d"
  find "$DEBIAN_GOCODE/$d" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) ! -name '*_test.go' \
    -exec cp -t "vendor/$d" {} +
done

# pkg/generated/openapi/zz_generated.openapi.go is not in the tarball; generate it
# as upstream's Makefile.generated_files does.
step "building openapi-gen"
run go build -o "$WORK/bin/openapi-gen" ./vendor/k8s.io/kube-openapi/cmd/openapi-gen

step "generating pkg/generated/openapi/zz_generated.openapi.go"
# Every Go file of the tree (staging/src named as vendor/, top-level vendor, _* and .* skipped)
# with a `// +k8s:` tag line that requests openapi-gen.
openapi_inputs=$(
  find -H . \( -path './_*' -o -path './.*' -o -path ./vendor \) -prune -o -type f -name '*.go' -print \
    | sed 's|^\./staging/src/|vendor/|; s|^\./||' \
    | { xargs grep -l --color=never '^// *+k8s:' || true; } \
    | { xargs -r grep -l --color=never '+k8s:openapi-gen=' || true; } \
    | { grep -v -e '^vendor/k8s.io/code-generator/' -e '^vendor/k8s.io/sample-apiserver/' || true; } \
    | xargs -r -n1 dirname | LC_ALL=C sort -u \
    | sed 's|^|k8s.io/kubernetes/|' | paste -sd, -
)
[[ -n $openapi_inputs ]] || die "found no +k8s:openapi-gen packages"
report=$WORK/openapi-violations.report
run "$WORK/bin/openapi-gen" --logtostderr \
  -i "$openapi_inputs" \
  -p k8s.io/kubernetes/pkg/generated/openapi \
  -O zz_generated.openapi \
  -o "$GOPATH/src" \
  -h vendor/k8s.io/code-generator/hack/boilerplate.go.txt \
  -r "$report"
[[ -s pkg/generated/openapi/zz_generated.openapi.go ]] || die "openapi-gen wrote no zz_generated.openapi.go"
if ! diff -u api/api-rules/violation_exceptions.list "$report" >>"$LOG" 2>&1; then
  die "openapi-gen's API rule report differs from api/api-rules/violation_exceptions.list (wrong input list?)"
fi

# --- build -------------------------------------------------------------------
ldflags="-s -w"
for pkg in k8s.io/kubernetes/vendor/k8s.io/component-base/version k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$K8S_MAJOR -X $pkg.gitMinor=$K8S_MINOR"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$BUILD_DATE"
done
# One go build for all binaries: the packages they share compile once, and links overlap with compiles.
# Without --verbose, a line every 30 s says how far it got (go -v names each package as it compiles).
step "go build ${BINARIES[*]} (the long part: 8 to 12 minutes on 2 cores)"
packages=$WORK/packages.log
: >"$packages"
if ! $VERBOSE; then
  (
    while sleep 30; do
      log "  still compiling: $(wc -l <"$packages") packages done, $((SECONDS - start)) s since start"
    done
  ) &
  progress=$!
fi
mkdir -p "$WORK/bin"
build_ok=true
go build -v -ldflags "$ldflags" -o "$WORK/bin/" "${BINARIES[@]/#/./cmd/}" 2>"$packages" || build_ok=false
[[ -n ${progress:-} ]] && kill "$progress" 2>/dev/null
if $VERBOSE; then cat "$packages"; else cat "$packages" >>"$LOG"; fi
$build_ok || { tail -n 30 "$packages" >&2; die "go build failed"; }

step "checking versions"
for b in "${BINARIES[@]}"; do
  v=$("$WORK/bin/$b" --version 2>&1 || true)
  [[ $v == *"$K8S_VERSION"* ]] || die "$b --version says '$v', expected $K8S_VERSION"
done

step "installing into $BIN_DIR"
for b in "${BINARIES[@]}"; do
  install -m 0755 "$WORK/bin/$b" "$BIN_DIR/.$b.tmp"
  mv -f "$BIN_DIR/.$b.tmp" "$BIN_DIR/$b"
done
{
  echo "version=$K8S_VERSION"
  echo "source=$(basename "$SRC")"
  echo "go=$(go env GOVERSION)"
  echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  (cd "$BIN_DIR" && sha256sum "${BINARIES[@]}")
} >"$STAMP.tmp"
mv -f "$STAMP.tmp" "$STAMP"

cd /
log "built ${BINARIES[*]} in $((SECONDS - start)) s -> $BIN_DIR"
