#!/usr/bin/env bash
# Query benchmark (issue 6) on a database seeded with 1,000,000 assessments (cached under
# Benchmarks/results/, gitignored, so reruns skip the seed): query plans, then wrk latency
# (p50/p99) and rate of a region list page, a filtered list page, a region summary, country
# statistics by region, SDG 15.3.1 and the SO1-3 table of a whole country, a 304 dashboard poll
# against GET /health; then a full CSV export
# (rows/s, and the server's peak memory during it, from a freshly started server).
# Usage: Benchmarks/query.sh [seconds per case, default 10] [assessments, default 1000000]
#        BENCH_SEED_ONLY=1 Benchmarks/query.sh   (seed and cache the database, nothing else)
#        BENCH_ONLY="ldn_country so13_country" Benchmarks/query.sh   (those cases only, no export)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
need wrk curl sqlite3 python3
SECONDS_PER_CASE="${1:-10}"
COUNT="${2:-1000000}"
# The loaded cases use one wrk thread: with two, on two cores shared with the server, one wrk
# thread is starved now and then and its connections' latencies (200 KB pages) run to seconds,
# which measured the scheduler, not the server (16 connections, 500-item pages: p99 2.4 s with
# 4 wrk threads, 0.4 s with 8, 53 ms with 1, at the same throughput).
LOAD_CLIENTS=16

build_release
RESULTS="$BENCH_ROOT/Benchmarks/results"
mkdir -p "$RESULTS"
DB="$RESULTS/query-$COUNT.sqlite"
if [ ! -f "$DB" ]; then
    rm -f "$DB.seeding" "$DB.seeding-wal" "$DB.seeding-shm"
    echo "seeding $COUNT assessments (once; cached as $DB)..." >&2
    (cd "$BENCH_ROOT" && "$LANDMON" seed --count "$COUNT" --db "$DB.seeding") | tee "$RESULTS/seed-$COUNT.txt" >&2
    echo "($(load_note) during the seed)" >>"$RESULTS/seed-$COUNT.txt"
    sqlite3 "$DB.seeding" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    mv "$DB.seeding" "$DB"
    rm -f "$DB.seeding-wal" "$DB.seeding-shm"
fi
[ -n "${BENCH_SEED_ONLY:-}" ] && exit 0
WORK="$(mktemp -d "$RESULTS/query.XXXXXX")"
trap 'stop_server; rm -rf "$WORK"' EXIT
export BENCH_LIB
export BENCH_KEY="$(create_key "$DB" "bench-reader-$(date +%s)-$$" reader)"

# A database seeded by an older build gets the newer migrations first (0002 backfills the LDN
# columns of a million assessments once: about two minutes).
(cd "$BENCH_ROOT" && "$LANDMON" migrate --db "$DB") >&2
echo "Query plans (sqlite3 EXPLAIN QUERY PLAN):"
sqlite3 "$DB" <"$BENCH_LIB/plans.sql" | sed 's/^/    /'
echo
scope() { sqlite3 "$DB" "$1"; }
REGION_N="$(scope "SELECT count(*) FROM assessments WHERE region = 'KZ-11' AND status = 'active'")"
UZ_N="$(scope "SELECT count(*) FROM assessments WHERE country = 'UZ' AND status = 'active'")"
ALL_N="$(scope "SELECT count(*) FROM assessments WHERE status = 'active'")"

PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
start_server "$DB" "$PORT" "$WORK/access.log"
echo "before: $(load_note)" >&2

KZ_N="$(scope "SELECT count(*) FROM assessments WHERE country = 'KZ' AND status = 'active' AND sampled_on BETWEEN '2000-01-01' AND '2019-12-31'")"
NAMES=(region_list filtered_list region_summary country_stats ldn_country so13_country poll_304 health)
[ -n "${BENCH_ONLY:-}" ] && read -r -a NAMES <<<"$BENCH_ONLY"
declare -A PATHS=(
    [region_list]="/v1/assessments?region=KZ-11"
    [filtered_list]="/v1/assessments?country=UZ&indicator=soc&from=2010-01-01&to=2014-12-31"
    [region_summary]="/v1/regions/KZ-11/summary?indicator=soc"
    [country_stats]="/v1/stats?indicator=soc&group_by=region&country=UZ"
    [ldn_country]="/v1/ldn?country=KZ"
    [so13_country]="/v1/reports/so1-3?country=KZ"
    [poll_304]="/v1/assessments?region=KZ-11"
    [health]="/health"
)
declare -A LABELS=(
    [region_list]="region list page (100 items), \`region=KZ-11\` ($REGION_N in region)"
    [filtered_list]="filtered list page (100 items), \`country=UZ&indicator=soc&from=2010-01-01&to=2014-12-31\`"
    [region_summary]="region summary, \`/v1/regions/KZ-11/summary?indicator=soc\` ($REGION_N assessments)"
    [country_stats]="country stats by region, \`/v1/stats?indicator=soc&group_by=region&country=UZ\` ($UZ_N assessments)"
    [ldn_country]="SDG 15.3.1 of a country, \`/v1/ldn?country=KZ\` ($KZ_N visits 2000-2019)"
    [so13_country]="SO1-3 table of a country, \`/v1/reports/so1-3?country=KZ\`"
    [poll_304]="304 dashboard poll (\`If-None-Match\` on the region list page)"
    [health]="\`GET /health\` (no key)"
)
ETAG="$(curl -fsS -o /dev/null -D - -H "Authorization: Bearer $BENCH_KEY" "$URL${PATHS[poll_304]}" | awk -F': ' 'tolower($1) == "etag" { sub(/\r$/, "", $2); print $2 }')"
[ -n "$ETAG" ] || { echo "no ETag on the list page" >&2; exit 1; }
for name in "${NAMES[@]}"; do
    curl -fsS -o "$WORK/$name.out" -w "$name: %{http_code} %{size_download} bytes %{time_total}s\n" \
        -H "Authorization: Bearer $BENCH_KEY" "$URL${PATHS[$name]}" >&2 || true
done

declare -A ONE MANY CPU
for name in "${NAMES[@]}"; do
    etag=""; key="$BENCH_KEY"
    [ "$name" = poll_304 ] && etag="$ETAG"
    [ "$name" = health ] && key=""
    settle "$SERVER_PID"
    ONE[$name]="$(BENCH_KEY="$key" BENCH_ETAG="$etag" run_wrk 1 1 "$SECONDS_PER_CASE" get.lua "$URL${PATHS[$name]}")"
    settle "$SERVER_PID"
    before="$(cpu_seconds "$SERVER_PID")"
    MANY[$name]="$(BENCH_KEY="$key" BENCH_ETAG="$etag" run_wrk 1 "$LOAD_CLIENTS" "$SECONDS_PER_CASE" get.lua "$URL${PATHS[$name]}")"
    CPU[$name]="$(cpu_per "$before" "$(cpu_seconds "$SERVER_PID")" "$(field "${MANY[$name]}" requests)")"
    echo "$name: 1 client: ${ONE[$name]}" >&2
    echo "$name: $LOAD_CLIENTS clients: ${MANY[$name]}" >&2
done
QUERY_RSS="$(peak_rss_mb "$SERVER_PID")"
stop_server
if [ -n "${BENCH_ONLY:-}" ]; then
    echo
    echo "| request | 1 client: p50 | p99 | req/s | $LOAD_CLIENTS clients: p50 | p99 | req/s | server CPU per request |"
    echo "|---|---|---|---|---|---|---|---|"
    for name in "${NAMES[@]}"; do
        a="${ONE[$name]}"; b="${MANY[$name]}"
        echo "| ${LABELS[$name]} | $(field "$a" p50_ms) ms | $(field "$a" p99_ms) ms | $(printf '%.0f' "$(field "$a" rps)") | $(field "$b" p50_ms) ms | $(field "$b" p99_ms) ms | $(printf '%.0f' "$(field "$b" rps)") | ${CPU[$name]} us |"
    done
    echo "($(load_note) at the end; server peak RSS $QUERY_RSS MB)"
    exit 0
fi

# The export on a fresh server, so that its peak memory is the export's own.
start_server "$DB" "$PORT" "$WORK/access.log"
BASE_RSS="$(peak_rss_mb "$SERVER_PID")"
( max=0; while kill -0 "$SERVER_PID" 2>/dev/null; do r="$(rss_kb "$SERVER_PID")"; [ "$r" -gt "$max" ] && max="$r"; echo "$max" >"$WORK/rss.max"; sleep 0.05; done ) &
SAMPLER=$!
EXPORT_CPU0="$(cpu_seconds "$SERVER_PID")"
START=$(date +%s.%N)
settle "$SERVER_PID"
ROWS="$(curl -fsS -N -H "Authorization: Bearer $BENCH_KEY" "$URL/v1/assessments?format=csv&limit=all" | wc -l)"
END=$(date +%s.%N)
EXPORT_RSS="$(peak_rss_mb "$SERVER_PID")"
EXPORT_CPU="$(cpu_per "$EXPORT_CPU0" "$(cpu_seconds "$SERVER_PID")" "$ROWS")"
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
echo "after: $(load_note)" >&2
stop_server
ROWS=$(( ROWS - 1 ))
EXPORT_S="$(python3 -c "print(f'{$END - $START:.1f}')")"
EXPORT_RATE="$(python3 -c "print(round($ROWS / ($END - $START)))")"
DOC_RATE="$(python3 -c "print(round($ALL_N / ($END - $START)))")"

echo
echo "Queries on $ALL_N assessments, $(date -u +%Y-%m-%d), $(nproc) cores, wrk on the same machine, ${SECONDS_PER_CASE} s per case; $(load_note) at the end"
echo
echo "| request | 1 client: p50 | p99 | req/s | $LOAD_CLIENTS clients: p50 | p99 | req/s | server CPU per request |"
echo "|---|---|---|---|---|---|---|---|"
for name in "${NAMES[@]}"; do
    a="${ONE[$name]}"; b="${MANY[$name]}"
    bad=$(( $(field "$a" bad) + $(field "$a" errors) + $(field "$b" bad) + $(field "$b" errors) ))
    note=""; [ "$bad" -gt 0 ] && note=" ($bad unexpected answers)"
    echo "| ${LABELS[$name]}$note | $(field "$a" p50_ms) ms | $(field "$a" p99_ms) ms | $(printf '%.0f' "$(field "$a" rps)") | $(field "$b" p50_ms) ms | $(field "$b" p99_ms) ms | $(printf '%.0f' "$(field "$b" rps)") | ${CPU[$name]} us |"
done
echo
echo "| full CSV export (\`?format=csv&limit=all\`) | value |"
echo "|---|---|"
echo "| rows (one per measurement) | $ROWS in $EXPORT_S s |"
echo "| rows/s | $EXPORT_RATE ($DOC_RATE assessments/s) |"
echo "| server CPU per row | $EXPORT_CPU us |"
echo "| server peak RSS, export (fresh server: $BASE_RSS MB before) | $EXPORT_RSS MB (sampled max $(awk '{ printf "%.1f", $1 / 1024 }' "$WORK/rss.max") MB) |"
echo "| server peak RSS, query runs above | $QUERY_RSS MB |"
[ -f "$RESULTS/seed-$COUNT.txt" ] && { echo; echo "Seed: $(tr '\n' ' ' <"$RESULTS/seed-$COUNT.txt")"; }
