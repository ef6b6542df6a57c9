#!/usr/bin/env bash
# Docker for the Testcontainers service provider: the engine (docker.io), a running dockerd,
# and the offline Postgres/Redis images (no registry is reachable here, see
# scripts/build-offline-images.sh). Idempotent and fast once done: it only checks.
# A machine that cannot run dockerd is not an error: the native provider covers it, so this
# script then says why in one line and exits 0.
set -euo pipefail

cd "$(dirname "$0")/../.."

DOCKERD_LOG=/var/log/hasivu-verify-dockerd.log
READY_TIMEOUT_S=30

log() { printf 'bootstrap/docker: %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
skip() { log "Docker unavailable, services will use another provider: $*"; exit 0; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
  skip "not root and no password-less sudo to install or start dockerd"
fi

# --- packages -------------------------------------------------------------------------------
missing=()
for pkg in docker.io debootstrap; do installed "$pkg" || missing+=("$pkg"); done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || skip "apt-get install ${missing[*]} failed"
fi

# --- engine ---------------------------------------------------------------------------------
if engine_answers; then
  log "engine answers ($(docker version -f '{{ .Server.Version }}' 2>/dev/null || echo '?'))"
else
  # One dockerd only: a second one (e.g. with --bridge=none) would delete the first's docker0.
  if pgrep -x dockerd >/dev/null; then
    skip "a dockerd process exists but does not answer docker info; see $DOCKERD_LOG"
  fi
  log "starting dockerd (log: $DOCKERD_LOG)"
  # setsid + closed stdio: dockerd outlives this script and holds no pipe of its caller open.
  as_root sh -c "setsid dockerd >>'$DOCKERD_LOG' 2>&1 </dev/null &"
  started=$(date +%s%N)
  deadline=$((SECONDS + READY_TIMEOUT_S))
  until engine_answers; do
    if ! pgrep -x dockerd >/dev/null; then
      skip "dockerd exited: $(tail -n 1 "$DOCKERD_LOG" 2>/dev/null)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      skip "dockerd did not answer docker info within ${READY_TIMEOUT_S} s; see $DOCKERD_LOG"
    fi
    # Poll interval of the condition above, not a wait for time to pass.
    sleep 0.1
  done
  log "dockerd ready in $((($(date +%s%N) - started) / 1000000)) ms"
fi

# --- offline images -------------------------------------------------------------------------
# The build script checks each image's recipe label and skips what is current (a second run
# costs a few `docker image inspect` calls), so calling it every time keeps images in step
# with their entrypoints.
bash scripts/build-offline-images.sh
log "images ready; for the project's own tests use:" \
  "HARNESS_CONTAINER_NETWORK=host HARNESS_POSTGRES_IMAGE=hasivu-verify/postgres:15-bookworm" \
  "HARNESS_REDIS_IMAGE=hasivu-verify/redis:7-bookworm TESTCONTAINERS_RYUK_DISABLED=true"
