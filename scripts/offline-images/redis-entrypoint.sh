#!/bin/sh
# Entrypoint of hasivu-verify/redis: Debian's redis-server, started like the official image
# starts it (no config file, working dir /data, running as the redis account), plus
# `--protected-mode no`: without a password Redis refuses clients that are not on loopback,
# and on a bridge network every client is. Arguments are passed through, so host networking
# can use `--bind 127.0.0.1 --port N`; later arguments win, so a caller can turn protected
# mode back on.
set -eu

# `docker run image --port 7000` means `redis-server --port 7000`, as in the official image.
case "${1:-}" in
  -*) set -- redis-server "$@" ;;
esac

if [ "${1:-}" = 'redis-server' ]; then
  shift
  set -- redis-server --protected-mode no "$@"
  if [ "$(id -u)" = '0' ]; then
    # Redis saves dump.rdb into /data on shutdown, so a stopped container keeps its data.
    chown redis:redis /data
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi

exec "$@"
