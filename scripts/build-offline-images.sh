#!/usr/bin/env bash
# Builds the Postgres and Redis images the Testcontainers provider uses, without any
# registry: no image can be pulled on these machines, but the Debian mirror apt uses is
# reachable. So: debootstrap one Debian rootfs holding both servers, `docker import` it,
# then add each server's metadata and entrypoint with a tiny Dockerfile.
#
# Tags made (see docs/services.md): hasivu-verify/postgres:15-bookworm and
# hasivu-verify/redis:7-bookworm, under their own names only. The provider picks them by
# those names; an official name (postgres:16-alpine) on a Debian-built image would mislead
# `docker images` and a later pull with policy `missing`.
# Idempotent: an image whose recipe label matches the current recipe is left alone, so a
# second run takes well under a second. Needs root (debootstrap) and a running dockerd.
set -euo pipefail

cd "$(dirname "$0")"
HERE=$(pwd)
RECIPE_DIR="$HERE/offline-images"

SUITE=bookworm
# mawk and grep: Testcontainers' port check runs `cat /proc/net/tcp* | awk | grep` in the container.
PACKAGES=postgresql,redis-server,mawk,grep
POSTGRES_TAG=hasivu-verify/postgres:15-bookworm
REDIS_TAG=hasivu-verify/redis:7-bookworm
# Official names that earlier versions of this script put on these images; removed again.
OLD_ALIASES=(postgres:16-alpine redis:7-alpine)
RECIPE_LABEL=hasivu-verify.recipe

log() { printf 'offline-images: %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
now() { date +%s.%N; }
# Seconds since $1, one decimal: "41.3 s".
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
label_of() { docker image inspect -f "{{ index .Config.Labels \"$RECIPE_LABEL\" }}" "$1" 2>/dev/null || true; }

# The Debian mirror this machine's apt already uses (it is known to be reachable), from
# deb822 .sources files (URIs:) or classic sources.list lines; DEBIAN_MIRROR overrides.
# No mirror is ever assumed: without one, the script stops and says what to configure.
debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local found
  found=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v suite="$SUITE" '
    /^[[:space:]]*$/ { if (uri != "" && has) { print uri; exit } uri = ""; has = 0; next }
    /^URIs:/ { uri = $2 }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) has = 1 }
    END { if (uri != "" && has) print uri }' | head -n1)
  if [ -z "$found" ]; then
    found=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk -v suite="$SUITE" '$1 == "deb" {
      for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($(i + 1) == suite) { print $i; exit } break } }')
  fi
  echo "$found"
}

# The recipes: the rootfs depends only on the suite and package list; each image also on its
# Dockerfile and entrypoint. A changed entrypoint rebuilds one image in a second, not the rootfs.
ROOTFS_RECIPE=$(printf '%s %s' "$SUITE" "$PACKAGES" | sha256sum | cut -c1-12)
BASE_TAG=hasivu-verify/bookworm-services:$ROOTFS_RECIPE
POSTGRES_RECIPE=$(cat "$RECIPE_DIR/postgres.Dockerfile" "$RECIPE_DIR/postgres-entrypoint.sh" | sha256sum | cut -c1-12)-$ROOTFS_RECIPE
REDIS_RECIPE=$(cat "$RECIPE_DIR/redis.Dockerfile" "$RECIPE_DIR/redis-entrypoint.sh" | sha256sum | cut -c1-12)-$ROOTFS_RECIPE

if ! timeout 10 docker info >/dev/null 2>&1; then
  log "no Docker engine answers (docker info failed); start dockerd first (scripts/bootstrap.d/20-docker.sh does)"
  exit 1
fi

total_start=$(now)

# --- 1. rootfs: debootstrap + import, skipped when the base image exists ----------------
if docker image inspect "$BASE_TAG" >/dev/null 2>&1; then
  log "base $BASE_TAG exists"
elif [ "$(label_of "$POSTGRES_TAG")" = "$POSTGRES_RECIPE" ] && [ "$(label_of "$REDIS_TAG")" = "$REDIS_RECIPE" ]; then
  log "images are current (base image was removed, not needed)"
else
  command -v debootstrap >/dev/null 2>&1 || { log "debootstrap is not installed (apt-get install debootstrap)"; exit 1; }
  MIRROR=$(debian_mirror)
  if [ -z "$MIRROR" ]; then
    log "no Debian $SUITE mirror in /etc/apt/sources.list or /etc/apt/sources.list.d/; add one there or set DEBIAN_MIRROR=<mirror URL>"
    exit 1
  fi
  ROOTFS=$(as_root mktemp -d /var/tmp/hasivu-verify-rootfs.XXXXXX)
  cleanup_rootfs() {
    # debootstrap mounts /proc and /sys inside the target; a failed run can leave them
    # mounted, and `rm -rf` must never walk into the host's /proc or /sys.
    awk -v root="$ROOTFS/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r |
      while read -r mnt; do as_root umount -l "$mnt" || true; done
    as_root rm -rf --one-file-system "$ROOTFS"
  }
  trap cleanup_rootfs EXIT

  log "debootstrap $SUITE ($PACKAGES) from $MIRROR"
  t=$(now)
  if ! as_root debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOTFS" "$MIRROR" \
    >"$ROOTFS.log" 2>&1; then
    log "debootstrap failed; last lines of $ROOTFS.log:"
    tail -n 20 "$ROOTFS.log" >&2
    exit 1
  fi
  log "debootstrap took $(since "$t")"
  rm -f "$ROOTFS.log"

  # Postgres' postinst made a cluster in /etc and /var/lib (the image's entrypoint makes its
  # own in $PGDATA); docs, man pages and apt lists are dead weight in a test image.
  as_root rm -rf "$ROOTFS"/etc/postgresql/* "$ROOTFS"/var/lib/postgresql/* \
    "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* \
    "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/* "$ROOTFS"/var/cache/debconf/*-old \
    "$ROOTFS"/var/log/*.log "$ROOTFS"/var/log/apt/*

  t=$(now)
  as_root tar -C "$ROOTFS" --numeric-owner -c . | docker import -m "debootstrap $SUITE $PACKAGES" - "$BASE_TAG" >/dev/null
  log "docker import took $(since "$t") ($(docker image inspect -f '{{ .Size }}' "$BASE_TAG" | awk '{ printf "%d MB", $1 / 1e6 }'))"
  cleanup_rootfs
  trap - EXIT
fi

# --- 2. the two images: metadata + entrypoint on the shared rootfs ------------------------
build_image() {
  local tag=$1 dockerfile=$2 recipe=$3
  if [ "$(label_of "$tag")" = "$recipe" ]; then
    log "$tag is current"
    return
  fi
  local t
  t=$(now)
  replaced+=("$(docker image inspect -f '{{ .Id }}' "$tag" 2>/dev/null || true)")
  # The legacy builder: Docker 20.10's BuildKit wants to resolve FROM against a registry.
  # Its deprecation notice goes to stderr on every build, so stderr is shown only on failure.
  local out
  if ! out=$(DOCKER_BUILDKIT=0 docker build -q -f "$RECIPE_DIR/$dockerfile" --build-arg "BASE=$BASE_TAG" \
    --label "$RECIPE_LABEL=$recipe" -t "$tag" "$RECIPE_DIR" 2>&1); then
    log "docker build of $tag failed:"
    printf '%s\n' "$out" >&2
    exit 1
  fi
  log "built $tag in $(since "$t")"
}

# An official name this script once put on our image goes again: only the tag is removed,
# and only when the image under it carries our recipe label (a real pulled image never does).
drop_old_alias() {
  local alias=$1
  [ -n "$(label_of "$alias")" ] || return 0
  docker image rm "$alias" >/dev/null
  log "removed the old alias $alias (the provider uses the hasivu-verify/* names)"
}

replaced=()
build_image "$POSTGRES_TAG" postgres.Dockerfile "$POSTGRES_RECIPE"
build_image "$REDIS_TAG" redis.Dockerfile "$REDIS_RECIPE"
for alias in "${OLD_ALIASES[@]}"; do drop_old_alias "$alias"; done

# A rebuilt image leaves its predecessor untagged: remove it unless a container still uses it.
for old in "${replaced[@]}"; do
  [ -n "$old" ] || continue
  if [ "$(docker image inspect -f '{{ len .RepoTags }}' "$old" 2>/dev/null)" = 0 ]; then
    docker image rm "$old" >/dev/null 2>&1 || true
  fi
done

log "done in $(since "$total_start")"
