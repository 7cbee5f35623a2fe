#!/usr/bin/env bash
# Fuzz the strict JSON parser with libFuzzer for SECONDS (default 60):
#   fuzz/json/run.sh 600
# Builds the parser files alone (they depend on the standard library only) with the fuzz entry,
# runs on one core, keeps the grown corpus and any crash under fuzz/out/json (git-ignored).
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/fuzz/out/json"
mkdir -p "$out/corpus" "$out/artifacts"
export PATH="/opt/swift/usr/bin:$PATH"
src="$root/Sources/Assessments"
swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    "$src/JSONValue.swift" "$src/JSONError.swift" "$src/JSONParser.swift" "$src/JSONReader.swift" "$src/JSONReader+String.swift" "$src/JSONReader+Number.swift" \
    "$src/JSONWriter.swift" "$src/JSONWriter+Pretty.swift" \
    "$root/fuzz/json/main.swift" -o "$out/fuzz-json"
cp -n "$root/fuzz/json/corpus/"* "$out/corpus/" 2>/dev/null || true
cp -n "$root/Config/fixtures/"*.json "$out/corpus/" 2>/dev/null || true
"$out/fuzz-json" "$out/corpus" -dict="$root/fuzz/json/json.dict" -max_len=8192 \
    -max_total_time="$seconds" -artifact_prefix="$out/artifacts/" -print_final_stats=1
