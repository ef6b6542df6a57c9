#!/usr/bin/env bash
# Entrypoint of hasivu-verify/postgres: Debian's Postgres behind the same contract as the
# official image's docker-entrypoint.sh, because @testcontainers/postgresql (and anyone who
# knows the official image) relies on it:
#   - POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB / POSTGRES_INITDB_ARGS /
#     POSTGRES_HOST_AUTH_METHOD are honoured on first start;
#   - /docker-entrypoint-initdb.d/*.sh|*.sql|*.sql.gz run once, against a temporary server
#     that listens on no TCP address, so the port opens only when the database exists;
#   - "database system is ready to accept connections" is therefore logged twice on first
#     start (temporary server, then the real one) and once on a restart;
#   - extra arguments reach postgres, e.g. `-c listen_addresses=127.0.0.1 -c port=N` for
#     host networking.
set -Eeuo pipefail

# `docker run image -c foo=bar` means `postgres -c foo=bar`, as in the official image.
if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi

if [ "$1" != 'postgres' ]; then
  exec "$@"
fi

if [ "$(id -u)" = '0' ]; then
  # Postgres refuses to run as root: prepare the directories, then drop to the postgres
  # account and run this script again. setpriv is in util-linux, so no gosu is needed.
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 0700 "$PGDATA"
  chmod 2777 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

run_sql() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password --username "$POSTGRES_USER" "$@"
}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_USER:=postgres}"
  : "${POSTGRES_DB:=$POSTGRES_USER}"
  auth_method=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth_method" != 'trust' ]; then
    echo 'error: database is uninitialized and POSTGRES_PASSWORD is not set;' \
      'set it, or POSTGRES_HOST_AUTH_METHOD=trust to allow connections without one' >&2
    exit 1
  fi

  # The password goes through a pipe, never through the command line (ps would show it).
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of words, like upstream.
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") \
    -D "$PGDATA" ${POSTGRES_INITDB_ARGS:-}

  # Same defaults as the official image: listen everywhere (a bridge network needs it; host
  # networking narrows it with -c listen_addresses=...), local socket trusted, TCP by password.
  printf "\nlisten_addresses = '*'\n" >> "$PGDATA/postgresql.conf"
  printf '\nhost all all all %s\n' "$auth_method" >> "$PGDATA/pg_hba.conf"

  # Temporary server: the user's arguments, but no TCP listener, on the default socket.
  # Later options win, so `-c port=N` from the user is overridden here and psql below
  # finds the socket at the default port.
  temp_args=("${@:2}" -c 'listen_addresses=' -p 5432)
  pg_ctl -D "$PGDATA" -w start -o "$(printf '%q ' "${temp_args[@]}")"

  if [ "$POSTGRES_DB" != 'postgres' ]; then
    run_sql --dbname postgres --set db="$POSTGRES_DB" <<'SQL'
CREATE DATABASE :"db";
SQL
  fi

  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        # Executable scripts run; others are sourced, so they can use run_sql (as upstream).
        # shellcheck source=/dev/null
        if [ -x "$f" ]; then echo "running $f"; "$f"; else echo "sourcing $f"; . "$f"; fi ;;
      *.sql) echo "running $f"; run_sql --dbname "$POSTGRES_DB" -f "$f" ;;
      *.sql.gz) echo "running $f"; gunzip -c "$f" | run_sql --dbname "$POSTGRES_DB" ;;
      *) [ -e "$f" ] && echo "ignoring $f" ;;
    esac
  done

  pg_ctl -D "$PGDATA" -m fast -w stop
  echo 'PostgreSQL init process complete; ready for start up.'
fi

exec "$@"
