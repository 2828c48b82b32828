#!/usr/bin/env bash
# The PostgreSQL lane of `make test`: the whole suite against a real
# PostgreSQL (database) and a real Redis (Celery broker and Django cache).
#
# Both servers are started here, on loopback ports nobody else uses, with a
# throwaway data folder, and stopped on the way out, whatever happened.
# Arguments go to pytest (e.g. a test file); the lane's marker selection
# (`not sqlite_only and not e2e`: the browser journeys run on lane 1) comes
# first, so a later `-m` given as an argument replaces it.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}

# The newest PostgreSQL installed from Debian's packages (`make system-packages`).
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL is not installed (make system-packages installs it)." >&2
    exit 2
fi
REDIS_SERVER=$(command -v redis-server || echo /usr/sbin/redis-server)

free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Not in the checkout: when we are root, the server runs as the `postgres`
# user, who must be able to reach its data folder. In memory (/dev/shm) when
# there is one: creating tables is ten times faster there than on disk.
LANE_PARENT=/tmp
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    LANE_PARENT=/dev/shm
fi
LANE_DIR=$(mktemp -d "$LANE_PARENT/test-lane-postgres.XXXXXX")
chmod 755 "$LANE_DIR"
mkdir "$LANE_DIR/pg" "$LANE_DIR/sock" "$LANE_DIR/redis"
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)

# initdb refuses to run as root: then the server belongs to `postgres`.
as_server_user() {
    if [ "$(id -u)" = 0 ]; then
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}
if [ "$(id -u)" = 0 ]; then
    chown postgres: "$LANE_DIR/pg" "$LANE_DIR/sock"
fi

stop_servers() {
    local status=$?
    as_server_user "$PG_BIN/pg_ctl" -D "$LANE_DIR/pg" -m immediate -w stop >/dev/null 2>&1 || true
    if [ -f "$LANE_DIR/redis/redis.pid" ]; then
        kill "$(cat "$LANE_DIR/redis/redis.pid")" 2>/dev/null || true
    fi
    rm -rf "$LANE_DIR"
    exit $status
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

as_server_user "$PG_BIN/initdb" -D "$LANE_DIR/pg" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 --no-sync >/dev/null
as_server_user "$PG_BIN/pg_ctl" -D "$LANE_DIR/pg" -l "$LANE_DIR/pg/server.log" -w \
    -o "-p $PG_PORT -k $LANE_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
# The site's role owns its database and may create the test databases.
"$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE site LOGIN PASSWORD 'site' CREATEDB" \
    -c "CREATE DATABASE site OWNER site"

"$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' \
    --appendonly no --dir "$LANE_DIR/redis" --pidfile "$LANE_DIR/redis/redis.pid" \
    --logfile "$LANE_DIR/redis/redis.log"
for _ in $(seq 100); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
done
redis-cli -p "$REDIS_PORT" ping >/dev/null

export DATABASE_URL="postgres://site:site@127.0.0.1:$PG_PORT/site"
# Broker and cache in different Redis databases: clearing the cache between
# tests must not drop queued tasks.
export CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
export CACHE_URL="redis://127.0.0.1:$REDIS_PORT/1"
echo "PostgreSQL lane: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT, Redis on port $REDIS_PORT"
"$PYTHON" -m pytest -m "not sqlite_only and not e2e" "$@"
