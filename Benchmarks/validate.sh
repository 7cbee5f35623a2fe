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
swiftc -O -wmo -module-name ValidateBench "$root"/Sources/Assessments/*.swift "$root/Benchmarks/validate/main.swift" -o "$out/validate"
taskset -c 0 "$out/validate" "$root" "${1:-2}" 2>/dev/null || "$out/validate" "$root" "${1:-2}"
