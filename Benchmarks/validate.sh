#!/usr/bin/env bash
# Validation throughput on one core (release build, swiftc -O over Sources/Assessments):
#   Benchmarks/validate.sh [SECONDS_PER_ROW]
# Prints a Markdown table of documents validated per second; the target is >= 20,000/s/core
# for a typical two-layer document.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="/opt/swift/usr/bin:$PATH"
out="$root/.build-bench"
mkdir -p "$out"
# Messages and JSONString first, as modules of their own: the Assessments sources import them.
for module in Messages JSONString; do
    swiftc -O -wmo -parse-as-library -emit-library -static -emit-module -module-name "$module" \
        "$root"/Sources/"$module"/*.swift -emit-module-path "$out/$module.swiftmodule" -o "$out/lib$module.a"
done
swiftc -O -wmo -module-name ValidateBench -I "$out" "$root"/Sources/Assessments/*.swift \
    "$root/Benchmarks/validate/main.swift" "$out/libMessages.a" "$out/libJSONString.a" -o "$out/validate"
taskset -c 0 "$out/validate" "$root" "${1:-2}" 2>/dev/null || "$out/validate" "$root" "${1:-2}"
