#!/bin/sh
# Builds the request parser alone with libFuzzer and AddressSanitizer and runs it for
# SECONDS (default 60) over the seed corpus. Usage: fuzz/http/run.sh [SECONDS]
set -eu
seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/fuzz/out/http"
mkdir -p "$out/corpus"
src="$root/Sources/HTTP"
swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    "$src/RequestParser.swift" "$src/RequestParser+Head.swift" "$src/RequestParser+Chunked.swift" \
    "$src/ParseError.swift" "$src/HTTPMethod.swift" "$src/Headers.swift" \
    "$src/QueryItems.swift" "$here/FuzzEntry.swift" \
    -o "$out/fuzz-http"
cd "$out"
exec ./fuzz-http -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 corpus "$here/corpus"
