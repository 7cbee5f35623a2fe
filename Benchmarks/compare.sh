#!/usr/bin/env bash
# Two landmon builds side by side on one database, to tell a change from the machine's noise:
# both servers run at once, and each route is loaded on one then the other, alternating, for
# ROUNDS rounds; the table gives medians of requests/s and of the server's CPU per request
# (steadier than rates on a shared machine) and the ratio new/old.
# Usage: Benchmarks/compare.sh OLD_CHECKOUT NEW_CHECKOUT DATABASE [SECONDS] [ROUNDS]
#   Each checkout's release build (.build/release/landmon) serves with its own Config/.
#   e.g. git worktree add /tmp/old <rev> && (cd /tmp/old && swift build -c release)
#        swift build -c release && Benchmarks/compare.sh /tmp/old . Benchmarks/results/query-1000000.sqlite
# Reads only (the database is not changed but for one reader key); writes: Benchmarks/ingest.sh.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
need wrk curl python3
OLD="$(realpath "$1")" NEW="$(realpath "$2")" DB="$(realpath "$3")"
LANDMON="$NEW/.build/release/landmon"
SECONDS_PER_RUN="${4:-5}" ROUNDS="${5:-3}" CLIENTS=16
export BENCH_LIB
export BENCH_KEY="$(create_key "$DB" "compare-$(date +%s)-$$" reader)"

declare -A PATHS=(
    [health]="/health"
    [region_list]="/v1/assessments?region=KZ-11"
    [filtered_list]="/v1/assessments?country=UZ&indicator=soc&from=2010-01-01&to=2014-12-31"
    [one_assessment]="/v1/assessments/4242"
    [region_summary]="/v1/regions/KZ-11/summary?indicator=soc"
    [poll_304]="/v1/assessments?region=KZ-11"
    [invalid_400]="/v1/assessments?region=XX-1"
)
NAMES=(health region_list filtered_list one_assessment region_summary poll_304 invalid_400)

start() { # checkout port -> pid
    (cd "$1" && LANDMON_RATE_LIMIT_PER_MINUTE=0 LANDMON_ACCESS_LOG=false exec .build/release/landmon serve \
        --db "$DB" --port "$2" >/dev/null 2>&1) &
    local pid=$!
    for _ in $(seq 1 300); do
        curl -fsS "http://127.0.0.1:$2/health" >/dev/null 2>&1 && { echo "$pid"; return 0; }
        sleep 0.1
    done
    echo "server $1 did not start" >&2
    exit 1
}
OLD_PORT="$(free_port)"; OLD_PID="$(start "$OLD" "$OLD_PORT")"
NEW_PORT="$(free_port)"; NEW_PID="$(start "$NEW" "$NEW_PORT")"
trap 'kill -TERM $OLD_PID $NEW_PID 2>/dev/null; wait 2>/dev/null' EXIT
echo "old: $OLD (port $OLD_PORT), new: $NEW (port $NEW_PORT); $(load_note)" >&2

etag() { curl -fsS -o /dev/null -D - -H "Authorization: Bearer $BENCH_KEY" "$1" \
    | awk -F': ' 'tolower($1) == "etag" { sub(/\r$/, "", $2); print $2 }'; }
declare -A ETAGS=([old]="$(etag "http://127.0.0.1:$OLD_PORT${PATHS[poll_304]}")"
    [new]="$(etag "http://127.0.0.1:$NEW_PORT${PATHS[poll_304]}")")

OUT="$(mktemp)"
for round in $(seq "$ROUNDS"); do
    for name in "${NAMES[@]}"; do
        for side in old new; do
            if [ "$side" = old ]; then port=$OLD_PORT pid=$OLD_PID; else port=$NEW_PORT pid=$NEW_PID; fi
            tag=""; [ "$name" = poll_304 ] && tag="${ETAGS[$side]}"
            settle "$pid"
            before="$(cpu_seconds "$pid")"
            result="$(BENCH_ETAG="$tag" run_wrk 1 "$CLIENTS" "$SECONDS_PER_RUN" get.lua \
                "http://127.0.0.1:$port${PATHS[$name]}")"
            after="$(cpu_seconds "$pid")"
            ok="$(field "$result" ok)"
            [ "$name" = invalid_400 ] && ok="$(field "$result" bad)"
            echo "$name $side $(field "$result" rps) $(cpu_per "$before" "$after" "$ok")" >>"$OUT"
            echo "round $round $name $side: $(field "$result" rps) req/s, $(cpu_per "$before" "$after" "$ok") us" >&2
        done
    done
done

python3 - "$OUT" "${NAMES[@]}" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
print("| route (16 clients) | old req/s | new req/s | new/old | old CPU/request | new CPU/request | new/old |")
print("|---|---|---|---|---|---|---|")
for name in sys.argv[2:]:
    def med(side, i):
        return statistics.median(float(r[i]) for r in rows if r[0] == name and r[1] == side)
    ro, rn, co, cn = med("old", 2), med("new", 2), med("old", 3), med("new", 3)
    print(f"| {name} | {ro:,.0f} | {rn:,.0f} | {rn / ro:.2f} | {co:,.0f} us | {cn:,.0f} us | {cn / co:.2f} |")
PY
