#!/usr/bin/env bash
# Crash test (DESIGN.md "Tests and measurements"): kill -9 the server during concurrent
# submissions, restart it, and check that every acknowledged assessment is there and that
# PRAGMA integrity_check is ok. Several rounds on one database.
#
# usage: Benchmarks/crash.sh [ROUNDS] [CLIENTS]
#   LANDMON=path/to/landmon (default .build/debug/landmon, built if missing)
#   PORT=18xxx (default a free port near 18500)
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-5}
CLIENTS=${2:-8}
BIN=${LANDMON:-.build/debug/landmon}
if [[ ! -x $BIN ]]; then swift build --product landmon >/dev/null; fi
command -v sqlite3 >/dev/null || { echo "crash.sh needs the sqlite3 shell" >&2; exit 2; }

WORK=$(mktemp -d /tmp/landmon-crash.XXXXXX)
DB=$WORK/crash.sqlite
SERVER_PID=""
CLIENT_PIDS=()
cleanup() {
    for pid in "${CLIENT_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [[ -n $SERVER_PID ]]; then kill -9 "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

PORT=${PORT:-$((18500 + RANDOM % 400))}
KEY=$("$BIN" keys create --name crash-kz --role submitter --country KZ --db "$DB")
# The fixture on one line, its reference replaced per request.
TEMPLATE=$(tr -d '\n' < Config/fixtures/kz-chestnut-akmola.json)

start_server() {
    LANDMON_ACCESS_LOG=false "$BIN" serve --db "$DB" --port "$PORT" >>"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        if curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    echo "server did not start; log:" >&2
    tail -20 "$WORK/server.log" >&2
    exit 1
}

# One client: submits documents until killed; records "id reference" after each 201 it has read.
client() {
    local round=$1 client=$2 n=0 body status
    while true; do
        n=$((n + 1))
        local reference="KZ-CRASH-$round-$client-$n"
        body=$(printf '%s' "$TEMPLATE" | sed "s/KZ-NCMS-2024-000123/$reference/")
        status=$(curl -s -o "$WORK/reply-$client" -w '%{http_code}' --max-time 5 \
            -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
            --data-binary "$body" "http://127.0.0.1:$PORT/v1/assessments" || true)
        if [[ $status == 201 ]]; then
            local id
            id=$(grep -o '^{"id":[0-9]*' "$WORK/reply-$client" | cut -d: -f2)
            echo "$id $reference" >>"$WORK/acked-$client"
        elif [[ $status == 000 ]]; then
            sleep 0.05
        fi
    done
}

total_acked=0
failures=0
for round in $(seq 1 "$ROUNDS"); do
    start_server
    CLIENT_PIDS=()
    for c in $(seq 1 "$CLIENTS"); do
        client "$round" "$c" &
        CLIENT_PIDS+=($!)
    done
    sleep "0.$((5 + RANDOM % 5))"
    sleep 1
    kill -9 "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
    sleep 0.3
    for pid in "${CLIENT_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    CLIENT_PIDS=()

    integrity=$(sqlite3 "$DB" 'PRAGMA integrity_check')
    start_server
    acked=0 missing=0
    cat "$WORK"/acked-* >"$WORK/acked-round" 2>/dev/null || true
    while read -r id reference; do
        acked=$((acked + 1))
        reply=$(curl -s -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/v1/assessments/$id")
        if [[ $reply != *"\"reference\":\"$reference\""* ]]; then
            missing=$((missing + 1))
            echo "round $round: acknowledged assessment $id ($reference) is missing" >&2
        fi
    done <"$WORK/acked-round"
    rm -f "$WORK"/acked-*
    stored=$(sqlite3 "$DB" "SELECT count(*) FROM assessments WHERE reference LIKE 'KZ-CRASH-$round-%'")
    kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
    after=$(sqlite3 "$DB" 'PRAGMA integrity_check')
    printf 'round %d: %4d acknowledged, %4d stored (unacknowledged in flight may be stored), %d missing, integrity after crash: %s, after restart: %s\n' \
        "$round" "$acked" "$stored" "$missing" "$integrity" "$after"
    total_acked=$((total_acked + acked))
    if [[ $missing -ne 0 || $integrity != ok || $after != ok || $stored -lt $acked ]]; then failures=$((failures + 1)); fi
done

echo "crash test: $ROUNDS rounds, $CLIENTS clients, $total_acked acknowledged submissions, $failures failed rounds"
[[ $failures -eq 0 ]]
