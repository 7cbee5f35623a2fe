#!/bin/bash
# GET /health on landmon's HTTP module vs nginx (static file, the machine's ceiling) vs a
# minimal Hummingbird 2 server, alternating, at 1 and 64 keep-alive connections; then the
# resident memory of landmon idle and with 1,000 idle connections. "landmon" runs /health on
# the bounded worker pool (as handlers that use SQLite do); "landmon-nonblocking" runs it on
# the socket queue (Router's `isNonblocking: true` handlers).
# Usage: Benchmarks/http.sh   (env: DURATION=5 ROUNDS=3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/Benchmarks/results/http"
mkdir -p "$out"
DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-3}
LANDMON_PORT=18081 HB_PORT=18082 NGINX_PORT=18083 INLINE_PORT=18084
body='{"status":"ok","version":"bench"}'

echo "building (release)..." >&2
# Locking and JSONString first, as modules of their own: the HTTP sources import them.
for module in Locking JSONString; do
    swiftc -O -parse-as-library -emit-library -static -emit-module -module-name "$module" \
        "$root"/Sources/"$module"/*.swift -emit-module-path "$out/$module.swiftmodule" -o "$out/lib$module.a"
done
swiftc -O -parse-as-library -module-name HTTPBench -I "$out" "$root"/Sources/HTTP/*.swift \
    "$root/Benchmarks/http-main.swift" "$out/libLocking.a" "$out/libJSONString.a" -o "$out/landmon-http-bench"
swift build -c release --package-path "$root/Benchmarks/peers/hummingbird-peer" >&2
hb_bin="$(swift build -c release --package-path "$root/Benchmarks/peers/hummingbird-peer" --show-bin-path)/HummingbirdPeer"

mkdir -p "$out/www" "$out/nginx-tmp"
printf '%s' "$body" > "$out/www/health"
cat > "$out/nginx.conf" <<NGINX
worker_processes auto;
pid $out/nginx.pid;
error_log $out/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $out/nginx-tmp;
    proxy_temp_path $out/nginx-tmp;
    fastcgi_temp_path $out/nginx-tmp;
    uwsgi_temp_path $out/nginx-tmp;
    scgi_temp_path $out/nginx-tmp;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location = /health { default_type application/json; alias $out/www/health; }
    }
}
NGINX

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
"$out/landmon-http-bench" "$LANDMON_PORT" > "$out/access.log" & pids+=($!)
landmon_pid=$!
"$out/landmon-http-bench" "$INLINE_PORT" nonblocking > "$out/access-nonblocking.log" & pids+=($!)
inline_pid=$!
"$hb_bin" "$HB_PORT" > /dev/null 2>&1 & pids+=($!)
hb_pid=$!
nginx -c "$out/nginx.conf" -g 'daemon off;' 2>/dev/null & pids+=($!)
nginx_pid=$!
sleep 2
for port in $LANDMON_PORT $INLINE_PORT $HB_PORT $NGINX_PORT; do
    curl -sf "http://127.0.0.1:$port/health" | grep -q '"ok"' || { echo "server on $port is not answering" >&2; exit 1; }
done
rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
rss_idle=$(rss "$landmon_pid")

# Clock ticks of CPU used so far by a process and its children (nginx's workers).
cpu_ticks() {
    local total=0 p
    for p in "$1" $(pgrep -P "$1" || true); do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$p/stat")))
    done
    echo "$total"
}

# requests/s, wrk's p99 in milliseconds, and server CPU microseconds per request:
# "rps p99 cpu". CPU per request holds up better than requests/s on a shared machine.
measure() {
    local before after
    before=$(cpu_ticks "$3")
    wrk -t1 -c"$2" -d"${DURATION}s" --latency "http://127.0.0.1:$1/health" > "$out/wrk.txt"
    after=$(cpu_ticks "$3")
    awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
        /requests in/ { n = $1 }
        /Requests\/sec/ { rps = $2 }
        $1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; p99 = v }
        END { printf "%.0f %.3f %.1f\n", rps, p99, ticks / hz * 1e6 / n }' "$out/wrk.txt"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

for name in landmon landmon-nonblocking nginx hummingbird; do : > "$out/$name.runs"; done
for port in $LANDMON_PORT $INLINE_PORT $NGINX_PORT $HB_PORT; do wrk -t1 -c64 -d1s "http://127.0.0.1:$port/health" > /dev/null; done
for round in $(seq "$ROUNDS"); do
    for conns in 1 64; do
        for triple in landmon:$LANDMON_PORT:$landmon_pid landmon-nonblocking:$INLINE_PORT:$inline_pid nginx:$NGINX_PORT:$nginx_pid hummingbird:$HB_PORT:$hb_pid; do
            IFS=: read -r name port pid <<< "$triple"
            echo "$conns $(measure "$port" "$conns" "$pid")" >> "$out/$name.runs"
            echo "round $round, $conns conns, $name: $(tail -1 "$out/$name.runs")" >&2
        done
    done
done

# 1,000 idle keep-alive connections, each after one request.
rss_busy=$(python3 - "$LANDMON_PORT" "$landmon_pid" <<'PY'
import socket, sys
port, pid = int(sys.argv[1]), sys.argv[2]
conns = []
for _ in range(1000):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /health HTTP/1.1\r\nHost: b\r\n\r\n")
    data = b""
    while not data.endswith(b"}"):
        data += s.recv(4096)
    conns.append(s)
rss = [l for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")][0].split()[1]
print("%.1f" % (int(rss) / 1024))
PY
)

stat() { awk -v c="$2" -v f="$3" '$1 == c { print $f }' "$out/$1.runs" | median; }
printf '\n| GET /health | req/s, 1 conn | p99, 1 conn | req/s, 64 conns | p99, 64 conns | server CPU per request, 64 conns |\n|---|---|---|---|---|---|\n'
for name in landmon landmon-nonblocking nginx hummingbird; do
    printf '| %s | %s | %s ms | %s | %s ms | %s us |\n' "$name" "$(stat $name 1 2)" "$(stat $name 1 3)" "$(stat $name 64 2)" "$(stat $name 64 3)" "$(stat $name 64 4)"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '\nlandmon / nginx: %s at 64 conns (target >= 0.8), %s at 1\n' \
    "$(ratio "$(stat landmon 64 2)" "$(stat nginx 64 2)")" "$(ratio "$(stat landmon 1 2)" "$(stat nginx 1 2)")"
printf 'landmon / hummingbird: %s at 64 conns (target >= 1.5), %s at 1\n' \
    "$(ratio "$(stat landmon 64 2)" "$(stat hummingbird 64 2)")" "$(ratio "$(stat landmon 1 2)" "$(stat hummingbird 1 2)")"
printf 'landmon-nonblocking / nginx: %s at 64 conns; / hummingbird: %s at 64 conns\n' \
    "$(ratio "$(stat landmon-nonblocking 64 2)" "$(stat nginx 64 2)")" "$(ratio "$(stat landmon-nonblocking 64 2)" "$(stat hummingbird 64 2)")"
printf 'CPU per request, hummingbird / landmon: %s at 64 conns\n' "$(ratio "$(stat hummingbird 64 4)" "$(stat landmon 64 4)")"
printf 'landmon RSS: %s MB idle (target < 30), %s MB with 1,000 idle connections (target < 60)\n' "$rss_idle" "$rss_busy"
printf '(medians of %s alternating rounds of %ss; wrk -t1 on the same machine; access log on; load average %s)\n' "$ROUNDS" "$DURATION" "$(cut -d' ' -f1-3 /proc/loadavg)"
