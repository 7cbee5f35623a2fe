# Shared helpers for Benchmarks/ingest.sh and Benchmarks/query.sh (sourced, not run).
# Builds the release binary, starts and stops `landmon serve`, reads the server's memory, and
# runs wrk with the Lua scripts in this directory (each prints one "RESULT k=v ..." line).

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_LIB="$BENCH_ROOT/Benchmarks/lib"
export PATH="/opt/swift/usr/bin:$PATH"
LANDMON="$BENCH_ROOT/.build/release/landmon"

need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "this benchmark needs $tool" >&2; exit 1; }
    done
}

build_release() {
    (cd "$BENCH_ROOT" && swift build -c release --product landmon 2>&1 | tail -3) >&2
}

# A free TCP port on 127.0.0.1.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_server DB PORT LOGFILE: starts `landmon serve` in the background, sets SERVER_PID,
# waits until /health answers. The per-key rate limit is off (one key drives all the load);
# everything else is Config/landmon.json (synchronous=full, access log on, written to LOGFILE).
start_server() {
    local db="$1" port="$2" log="$3"
    (cd "$BENCH_ROOT" && LANDMON_RATE_LIMIT_PER_MINUTE=0 exec "$LANDMON" serve --db "$db" --port "$port" \
        >"$log" 2>"$log.err") &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return 0; fi
        kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:" >&2; cat "$log.err" >&2; exit 1; }
        sleep 0.1
    done
    echo "server did not answer /health within 60 s" >&2
    exit 1
}

stop_server() {
    if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}

# Peak resident memory of a process in MB (VmHWM, since it started).
peak_rss_mb() {
    awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Current resident memory in kB.
rss_kb() {
    awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# CPU seconds (user + system) a process has used so far.
cpu_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}

# Server CPU microseconds per item: cpu_per BEFORE AFTER ITEMS
cpu_per() {
    python3 -c "print(round(($2 - $1) * 1e6 / max($3, 1)))"
}

# Waits (at most 15 s) until a process has used under 25 ms of CPU in half a second, so that
# the backlog of one case (queued slow requests) does not land in the next case's latencies.
settle() {
    local before after
    for _ in $(seq 1 30); do
        before="$(cpu_seconds "$1")"
        sleep 0.5
        after="$(cpu_seconds "$1")"
        python3 -c "import sys; sys.exit(0 if $after - $before < 0.025 else 1)" && return 0
    done
}

# A key printed by `landmon keys create`.
create_key() {
    local db="$1" name="$2" role="$3"
    (cd "$BENCH_ROOT" && "$LANDMON" keys create --db "$db" --name "$name" --role "$role")
}

# run_wrk THREADS CONNECTIONS SECONDS SCRIPT URL [extra wrk args...]: prints the RESULT line.
# Script arguments come from the environment (BENCH_*), read by the Lua script.
run_wrk() {
    local threads="$1" connections="$2" seconds="$3" script="$4" url="$5"
    shift 5
    wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 10s -s "$BENCH_LIB/$script" "$url" "$@" \
        | grep '^RESULT' || { echo "wrk failed for $url" >&2; echo "RESULT rps=0 p50_ms=0 p99_ms=0 ok=0 bad=0"; }
}

# field "RESULT a=1 b=2" b  ->  2
field() {
    tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'
}

# A one-line description of the machine's load, for the report.
load_note() {
    echo "load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
}
