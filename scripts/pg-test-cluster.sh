#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start` initialises one in a new temporary
# directory, owned by the `postgres` user (PostgreSQL refuses to run as root, and CI runs as
# root), listening on 127.0.0.1 on a free port, trust authentication for local connections only,
# and prints its URL (postgresql://postgres@127.0.0.1:PORT/postgres) on stdout. `stop DIR` stops
# it and removes the directory (the URL's cluster directory is printed on stderr by `start`).
#
#   url=$(scripts/pg-test-cluster.sh start 2>/tmp/pg-dir); ... ; scripts/pg-test-cluster.sh stop "$(cat /tmp/pg-dir)"
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql libpq-dev" >&2; exit 1; }
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-start}" in
start)
    dir=$(mktemp -d /tmp/landmon-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    # A free port: ask the kernel for one, then give it to PostgreSQL.
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C -A trust >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on -c synchronous_commit=on" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$dir" >&2
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
stop)
    dir=${2:?usage: pg-test-cluster.sh stop DIR}
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: pg-test-cluster.sh start | stop DIR" >&2
    exit 2
    ;;
esac
