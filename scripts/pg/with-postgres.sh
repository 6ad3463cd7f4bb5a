#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL server: installs Debian's `postgresql` package
# when no server binaries are found (as root, with apt-get), initialises a cluster in a fresh
# temporary directory, serves it on a Unix socket inside that directory only (no TCP port, so
# nothing else on the machine can reach it and no port can collide), runs the command with
# BRIEFCHECK_PG_URL and the libpq PG* variables set, then stops the server and deletes the
# directory whatever the command's outcome. Exits with the command's exit code.
#
#   bash scripts/pg/with-postgres.sh npx vitest run --config tests/pg/vitest.config.ts
#
# For local benchmark runs only: with BRIEFCHECK_PG_DATA_DIR=DIR the cluster lives in DIR
# instead (created on first use, then reused) and is kept after the command, so a large store
# (100,000 briefs take minutes to ingest) serves several runs:
#
#   BRIEFCHECK_PG_DATA_DIR=/tmp/pg-100k npm run bench:pg -- --briefs 100000
#
# The server runs as the invoking user, or as `postgres` (else `nobody`) when that is root,
# because PostgreSQL refuses to run as root.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: with-postgres.sh COMMAND [ARG...]" >&2
  exit 2
fi

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

if ! BIN=$(find_bin); then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "with-postgres.sh: PostgreSQL server binaries not found; install Debian's 'postgresql' package (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "with-postgres.sh: installing postgresql with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >&2
  BIN=$(find_bin) || { echo "with-postgres.sh: postgresql installed but initdb not found" >&2; exit 1; }
fi

AS=()
if [ "$(id -u)" -eq 0 ]; then
  RUN_USER=postgres
  id "$RUN_USER" >/dev/null 2>&1 || RUN_USER=nobody
  AS=(runuser -u "$RUN_USER" --)
fi

KEEP=${BRIEFCHECK_PG_DATA_DIR:-}
if [ -n "$KEEP" ]; then
  mkdir -p "$KEEP"
  DIR=$(cd "$KEEP" && pwd)
else
  DIR=$(mktemp -d "${TMPDIR:-/tmp}/briefcheck-pg.XXXXXX")
fi
[ ${#AS[@]} -gt 0 ] && chown "$RUN_USER" "$DIR"
chmod 700 "$DIR"

stop() {
  # A kept cluster stops cleanly (a fast shutdown checkpoints), so the next run starts at once.
  if [ -n "$KEEP" ]; then
    "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  else
    "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
  fi
}
trap stop EXIT

SUPERUSER=briefcheck_admin
FRESH=1
if [ -n "$KEEP" ] && [ -f "$DIR/data/PG_VERSION" ]; then
  FRESH=0
  echo "with-postgres.sh: reusing the cluster in $DIR" >&2
else
  "${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U "$SUPERUSER" -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
fi
# Settings for a disposable test server: no TCP, a socket in the private directory, and no
# fsync (the data is thrown away; crash safety is PostgreSQL's, not what we test).
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
  -o "-c listen_addresses='' -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=120 ${BRIEFCHECK_PG_OPTIONS:-}" >/dev/null \
  || { cat "$DIR/server.log" >&2; exit 1; }
[ "$FRESH" -eq 1 ] && "${AS[@]}" "$BIN/psql" -h "$DIR" -U "$SUPERUSER" -d postgres -qAt -c "CREATE DATABASE briefcheck" >/dev/null

export PGHOST="$DIR" PGUSER="$SUPERUSER" PGDATABASE=briefcheck
# "localhost" only makes the URL valid: ?host= sends the client to the socket directory.
export BRIEFCHECK_PG_URL="postgresql://$SUPERUSER@localhost/briefcheck?host=$DIR"
# The server's directory is private to its user; a client running as root reaches the socket anyway.
set +e
"$@"
CODE=$?
set -e
exit $CODE
