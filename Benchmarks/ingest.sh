#!/usr/bin/env bash
# Ingest benchmark (issue 5): durable single-document submissions per second at 1, 16 and 64
# keep-alive clients, documents per second through batches of 1,000, and the server's peak
# memory. Release build, a fresh database on the real disk (fsync costs what it costs),
# synchronous=full (the default), the per-key rate limit off (one admin key drives the load).
# Every request carries a fixture-derived document with a unique reference; afterwards the
# stored count is checked against the 201s counted by the client.
# Usage: Benchmarks/ingest.sh [seconds per case, default 10] [batch clients, default 4]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
need wrk curl sqlite3 python3
SECONDS_PER_CASE="${1:-10}"
BATCH_CLIENTS="${2:-4}"
BATCH_SIZE=1000

build_release
mkdir -p "$BENCH_ROOT/Benchmarks/results"
WORK="$(mktemp -d "$BENCH_ROOT/Benchmarks/results/ingest.XXXXXX")"
DB="$WORK/ingest.sqlite"
trap 'stop_server; rm -rf "$WORK"' EXIT
export BENCH_LIB BENCH_TEMPLATES="$WORK/templates.txt"
python3 "$BENCH_LIB/templates.py" "$BENCH_TEMPLATES" >/dev/null
export BENCH_KEY="$(create_key "$DB" bench-admin admin)"
PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
start_server "$DB" "$PORT" "$WORK/access.log"
echo "before: $(load_note)" >&2

# Warm-up: page cache, statement caches, connection queues.
BENCH_RUN=warm run_wrk 1 4 2 submit.lua "$URL" >/dev/null

declare -A RESULT CPU
for clients in 1 16 64; do
    threads=$(( clients < 2 ? 1 : 2 ))
    before="$(cpu_seconds "$SERVER_PID")"
    RESULT[$clients]="$(BENCH_RUN="single$clients" run_wrk "$threads" "$clients" "$SECONDS_PER_CASE" submit.lua "$URL")"
    CPU[$clients]="$(cpu_per "$before" "$(cpu_seconds "$SERVER_PID")" "$(field "${RESULT[$clients]}" requests)")"
    echo "single, $clients clients: ${RESULT[$clients]}" >&2
done
SINGLE_RSS="$(peak_rss_mb "$SERVER_PID")"

before="$(cpu_seconds "$SERVER_PID")"
BATCH="$(BENCH_RUN=batch BENCH_BATCH=$BATCH_SIZE run_wrk 2 "$BATCH_CLIENTS" $(( SECONDS_PER_CASE * 2 )) batch.lua "$URL")"
echo "batch: $BATCH" >&2
BATCH_CPU="$(cpu_per "$before" "$(cpu_seconds "$SERVER_PID")" $(( $(field "$BATCH" requests) * BATCH_SIZE )))"
TOTAL_RSS="$(peak_rss_mb "$SERVER_PID")"
echo "after: $(load_note)" >&2
stop_server

# Every 201 the client counted must be stored (one created row per accepted document).
STORED="$(sqlite3 "$DB" "SELECT count(*) FROM assessments WHERE reference NOT LIKE 'BENCH-warm-%'")"
ACKED=0
for clients in 1 16 64; do ACKED=$(( ACKED + $(field "${RESULT[$clients]}" ok) )); done
ACKED=$(( ACKED + $(field "$BATCH" ok) * BATCH_SIZE ))
INTEGRITY="$(sqlite3 "$DB" "PRAGMA integrity_check")"

echo
echo "Ingest, $(date -u +%Y-%m-%d), $(nproc) cores, synchronous=full, wrk on the same machine, ${SECONDS_PER_CASE} s per case; $(load_note) at the end"
echo
echo "| case | clients | documents/s | p50 latency | p99 latency | non-2xx | server CPU per document | peak server RSS |"
echo "|---|---|---|---|---|---|---|---|"
for clients in 1 16 64; do
    r="${RESULT[$clients]}"
    echo "| single document, durable | $clients | $(printf '%.0f' "$(field "$r" okps)") | $(field "$r" p50_ms) ms | $(field "$r" p99_ms) ms | $(( $(field "$r" bad) + $(field "$r" errors) )) | ${CPU[$clients]} us | $SINGLE_RSS MB |"
done
docs_per_s="$(python3 -c "print(round($(field "$BATCH" okps) * $BATCH_SIZE))")"
echo "| batches of $BATCH_SIZE, durable | $BATCH_CLIENTS | $docs_per_s | $(field "$BATCH" p50_ms) ms/batch | $(field "$BATCH" p99_ms) ms/batch | $(( $(field "$BATCH" bad) + $(field "$BATCH" errors) )) | $BATCH_CPU us | $TOTAL_RSS MB |"
echo
echo "Stored $STORED assessments for $ACKED acknowledged; integrity_check: $INTEGRITY"
[ "$STORED" -ge "$ACKED" ] || { echo "LOST WRITES: $ACKED acknowledged, $STORED stored" >&2; exit 1; }
