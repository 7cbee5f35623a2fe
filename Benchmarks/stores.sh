#!/usr/bin/env bash
# SQLite and PostgreSQL side by side (issue 17): the same release build serves a fresh SQLite
# file, then a fresh throwaway PostgreSQL cluster (scripts/pg-test-cluster.sh, fsync and
# synchronous_commit on) on this machine; each gets durable single submissions (16 clients),
# batches of 1,000 (4 clients), then the query set at one client on what was stored: a country's
# list page, statistics by region, SDG 15.3.1 of the country, a 304 poll. Every acknowledged
# document is checked to be stored.
# Usage: Benchmarks/stores.sh [seconds per case, default 10]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
need wrk curl python3
SECONDS_PER_CASE="${1:-10}"
BATCH_SIZE=1000

build_release
mkdir -p "$BENCH_ROOT/Benchmarks/results"
WORK="$(mktemp -d "$BENCH_ROOT/Benchmarks/results/stores.XXXXXX")"
PG_DIR=""
cleanup() {
    stop_server
    [ -n "$PG_DIR" ] && "$BENCH_ROOT/scripts/pg-test-cluster.sh" stop "$PG_DIR"
    rm -rf "$WORK"
}
trap cleanup EXIT
export BENCH_LIB BENCH_TEMPLATES="$WORK/templates.txt"
python3 "$BENCH_LIB/templates.py" "$BENCH_TEMPLATES" >/dev/null

PG_URL="$("$BENCH_ROOT/scripts/pg-test-cluster.sh" start 2>"$WORK/pg-dir")"
PG_DIR="$(tail -1 "$WORK/pg-dir")"

QUERIES=(list stats ldn poll)
declare -A PATHS=(
    [list]="/v1/assessments?country=KZ"
    [stats]="/v1/stats?indicator=soc&group_by=region&country=KZ"
    [ldn]="/v1/ldn?country=KZ"
    [poll]="/v1/assessments?country=KZ"
)
declare -A R
for store in sqlite postgresql; do
    db="$WORK/stores.sqlite"
    [ "$store" = postgresql ] && db="$PG_URL"
    (cd "$BENCH_ROOT" && "$LANDMON" migrate --db "$db") >/dev/null
    export BENCH_KEY="$(create_key "$db" "bench-$store" admin)"
    PORT="$(free_port)"
    URL="http://127.0.0.1:$PORT"
    start_server "$db" "$PORT" "$WORK/access-$store.log"
    BENCH_RUN="warm$store" run_wrk 1 4 2 submit.lua "$URL" >/dev/null
    settle "$SERVER_PID"
    before="$(cpu_seconds "$SERVER_PID")"
    R[$store.single]="$(BENCH_RUN="single$store" run_wrk 2 16 "$SECONDS_PER_CASE" submit.lua "$URL")"
    R[$store.single.cpu]="$(cpu_per "$before" "$(cpu_seconds "$SERVER_PID")" "$(field "${R[$store.single]}" requests)")"
    settle "$SERVER_PID"
    before="$(cpu_seconds "$SERVER_PID")"
    R[$store.batch]="$(BENCH_RUN="batch$store" BENCH_BATCH=$BATCH_SIZE run_wrk 2 4 "$SECONDS_PER_CASE" batch.lua "$URL")"
    R[$store.batch.cpu]="$(cpu_per "$before" "$(cpu_seconds "$SERVER_PID")" $(( $(field "${R[$store.batch]}" requests) * BATCH_SIZE )))"
    acked=$(( $(field "${R[$store.single]}" ok) + $(field "${R[$store.batch]}" ok) * BATCH_SIZE ))
    stored="$(curl -fsS -H "Authorization: Bearer $BENCH_KEY" "$URL/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["assessments"])')"
    R[$store.stored]="$stored"
    R[$store.acked]="$acked"
    etag="$(curl -fsS -o /dev/null -D - -H "Authorization: Bearer $BENCH_KEY" "$URL${PATHS[poll]}" | awk -F': ' 'tolower($1) == "etag" { sub(/\r$/, "", $2); print $2 }')"
    for name in "${QUERIES[@]}"; do
        tag=""; [ "$name" = poll ] && tag="$etag"
        settle "$SERVER_PID"
        before="$(cpu_seconds "$SERVER_PID")"
        R[$store.$name]="$(BENCH_ETAG="$tag" run_wrk 1 1 "$SECONDS_PER_CASE" get.lua "$URL${PATHS[$name]}")"
        R[$store.$name.cpu]="$(cpu_per "$before" "$(cpu_seconds "$SERVER_PID")" "$(field "${R[$store.$name]}" requests)")"
    done
    R[$store.rss]="$(peak_rss_mb "$SERVER_PID")"
    stop_server
    echo "$store: stored $stored for $acked acknowledged" >&2
    [ "$stored" -ge "$acked" ] || { echo "LOST WRITES on $store: $acked acknowledged, $stored stored" >&2; exit 1; }
done

echo
echo "SQLite and PostgreSQL side by side, $(date -u +%Y-%m-%d), $(nproc) cores, wrk on the same machine, ${SECONDS_PER_CASE} s per case; $(load_note) at the end"
echo
echo "| case | SQLite | PostgreSQL | SQLite CPU | PostgreSQL server CPU (landmon only) |"
echo "|---|---|---|---|---|"
row() { echo "| $1 | $2 | $3 | ${R[sqlite.$4.cpu]} us | ${R[postgresql.$4.cpu]} us |"; }
row "single document, durable, 16 clients (documents/s, p99)" \
    "$(printf '%.0f' "$(field "${R[sqlite.single]}" okps)"), $(field "${R[sqlite.single]}" p99_ms) ms" \
    "$(printf '%.0f' "$(field "${R[postgresql.single]}" okps)"), $(field "${R[postgresql.single]}" p99_ms) ms" single
row "batches of $BATCH_SIZE, 4 clients (documents/s)" \
    "$(python3 -c "print(round($(field "${R[sqlite.batch]}" okps) * $BATCH_SIZE))")" \
    "$(python3 -c "print(round($(field "${R[postgresql.batch]}" okps) * $BATCH_SIZE))")" batch
for name in "${QUERIES[@]}"; do
    row "\`${PATHS[$name]}\`$([ "$name" = poll ] && echo ' with If-None-Match (304)'), 1 client (p50)" \
        "$(field "${R[sqlite.$name]}" p50_ms) ms" "$(field "${R[postgresql.$name]}" p50_ms) ms" "$name"
done
echo
echo "Stored: SQLite ${R[sqlite.stored]} for ${R[sqlite.acked]} acknowledged, PostgreSQL ${R[postgresql.stored]} for ${R[postgresql.acked]}; peak server RSS ${R[sqlite.rss]} MB and ${R[postgresql.rss]} MB."
