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
skip() { log "no Docker engine, services will use another provider: $*"; exit 0; }
can_root() { [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
engine_answers() { timeout 10 docker info >/dev/null 2>&1; }
now_ms() { date +%s%3N; }

# --- packages -------------------------------------------------------------------------------
# docker.io for the engine and CLI; debootstrap for the image build. An engine that already
# answers (a user in the docker group, Docker Desktop) needs neither installed here.
missing=()
for pkg in docker.io debootstrap; do installed "$pkg" || missing+=("$pkg"); done
if [ "${#missing[@]}" -gt 0 ] && ! engine_answers; then
  can_root || skip "docker.io/debootstrap missing and no root or password-less sudo to install them"
  log "installing ${missing[*]}"
  as_root apt-get update -qq || skip "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    skip "apt-get install ${missing[*]} failed"
fi

# --- engine ---------------------------------------------------------------------------------
if engine_answers; then
  log "engine answers ($(docker version -f '{{ .Server.Version }}' 2>/dev/null || echo 'version unknown'))"
else
  command -v dockerd >/dev/null 2>&1 || skip "dockerd is not installed"
  can_root || skip "dockerd needs root, and there is no password-less sudo"
  # One dockerd only: a second one (e.g. with --bridge=none) would delete the first's docker0.
  if pgrep -x dockerd >/dev/null; then
    skip "a dockerd process exists but does not answer docker info; see $DOCKERD_LOG"
  fi
  log "starting dockerd (log: $DOCKERD_LOG)"
  started=$(now_ms)
  # setsid + closed stdio: dockerd outlives this script and holds no pipe of its caller open.
  as_root sh -c "setsid dockerd >>'$DOCKERD_LOG' 2>&1 </dev/null &"
  deadline=$((SECONDS + READY_TIMEOUT_S))
  until engine_answers; do
    if ! pgrep -x dockerd >/dev/null; then
      skip "dockerd exited: $(tail -n 1 "$DOCKERD_LOG" 2>/dev/null || echo "see $DOCKERD_LOG")"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      skip "dockerd did not answer docker info within ${READY_TIMEOUT_S} s; see $DOCKERD_LOG"
    fi
    # The poll interval of the condition above, not a wait for time to pass.
    sleep 0.1
  done
  log "dockerd ready in $(($(now_ms) - started)) ms"
fi

# --- offline images -------------------------------------------------------------------------
# The build script checks each image's recipe label and skips what is current (a second run
# costs a few `docker image inspect` calls), so calling it every time keeps the images in step
# with their entrypoints. A failed build fails the bootstrap: that is a bug to see, not a
# machine limit.
bash scripts/build-offline-images.sh
log "images ready; with no HARNESS_CONTAINER_* choice set, Testcontainers runs them on the host network without Ryuk"
