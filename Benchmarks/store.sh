#!/usr/bin/env bash
# Store benchmark: builds a release binary from Sources/SQLite + Benchmarks/store/main.swift and
# prints a markdown table.
# Usage: Benchmarks/store.sh [seconds per run, default 3] [batch rows, 200000] [runs per case, 3]
# The databases go under .build/bench (a real disk: fsync must cost what it costs in production);
# set STORE_BENCH_DIR to measure elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
command -v sqlite3 >/dev/null || { echo "store.sh needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }
mkdir -p .build/bench
# Locking first, as its own module: the SQLite sources import it.
swiftc -O -parse-as-library -emit-library -static -emit-module -module-name Locking Sources/Locking/*.swift \
    -emit-module-path .build/bench/Locking.swiftmodule -o .build/bench/libLocking.a
swiftc -O -swift-version 6 -module-name StoreBench -I Sources/CSQLite -I .build/bench \
    Sources/SQLite/*.swift Benchmarks/store/main.swift .build/bench/libLocking.a -lsqlite3 -o .build/bench/store
.build/bench/store "${1:-3}" "${2:-200000}" "${3:-3}"
