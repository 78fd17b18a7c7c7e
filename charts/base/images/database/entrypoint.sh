#!/bin/sh
# Starts PostgreSQL 15: initialises $PGDATA on first start (administrator $DATABASE_USER, password
# $DATABASE_PASSWORD, scram-sha-256 for every connection), then serves on every interface, port $PGPORT.
# The unix socket is in /tmp (the root filesystem is read-only). Logs go to stderr.
set -eu

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${DATABASE_PASSWORD:-}" ]; then
    echo "database: DATABASE_PASSWORD is empty: the administrator's password is needed to initialise $PGDATA" >&2
    exit 1
  fi
  umask 077
  password_file=$(mktemp)
  trap 'rm -f "$password_file"' EXIT
  printf '%s' "$DATABASE_PASSWORD" > "$password_file"
  initdb --pgdata="$PGDATA" --username="$DATABASE_USER" --pwfile="$password_file" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$password_file"
  trap - EXIT
  {
    echo "host all all 0.0.0.0/0 scram-sha-256"
    echo "host all all ::/0 scram-sha-256"
  } >> "$PGDATA/pg_hba.conf"
  echo "database: initialised $PGDATA (administrator $DATABASE_USER)"
fi
unset DATABASE_PASSWORD

exec postgres -D "$PGDATA" -p "$PGPORT" \
  -c listen_addresses='*' \
  -c unix_socket_directories=/tmp \
  -c shared_buffers=32MB \
  -c max_connections=50 \
  -c logging_collector=off
