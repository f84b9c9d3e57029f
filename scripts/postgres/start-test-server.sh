#!/bin/sh
# Starts a throwaway PostgreSQL 15 server for the test suite on 127.0.0.1 (CI, or by hand):
# its own cluster in $PG_DIR (default /tmp/paperboy-pg), C locale, no fsync, trust auth on
# loopback only. Prints the TEST_DATABASE_URL to use. Needs PostgreSQL 15 and pgvector installed
# (../shared/scripts/install-pgvector.sh). Run as root (the server runs as the postgres user) or as
# the user that owns $PG_DIR. Idempotent: a server already answering on the port is left alone.
set -eu
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR=${PG_DIR:-/tmp/paperboy-pg}
PG_PORT=${PG_PORT:-55432}
URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if as_owner "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
  echo "$URL"
  exit 0
fi
if [ ! -f "$PG_DIR/PG_VERSION" ]; then
  mkdir -p "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
  as_owner "$PG_BIN/initdb" -D "$PG_DIR" -U postgres -A trust --locale=C -E UTF8 >/dev/null
fi
as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB" \
  start >/dev/null
echo "$URL"
