#!/usr/bin/env bash
# Fuzz the spreadsheet readers with libFuzzer for SECONDS (default 60):
#   fuzz/import/run.sh csv 600      encodings, separators, quotes, numbers and dates
#   fuzz/import/run.sh xlsx 600     the workbook reader (ZIP through ZIPFoundation, XML parts)
# Builds the Spreadsheets files alone (they need the standard library, Foundation and, for xlsx,
# ZIPFoundation, which is built beside them from the package checkout with AddressSanitizer),
# runs on one core, keeps the grown corpus and any crash under fuzz/out/import-KIND (git-ignored).
set -euo pipefail
kind="${1:-csv}"
seconds="${2:-60}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/fuzz/out/import-$kind"
mkdir -p "$out/corpus" "$out/artifacts"
export PATH="/opt/swift/usr/bin:$PATH"
src="$root/Sources/Spreadsheets"
fixtures="$root/Tests/LandMonTests/Fixtures/import"
case "$kind" in
csv)
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
        "$src/TextDecoding.swift" "$src/Sheet.swift" "$src/CSVReader.swift" "$src/CellText.swift" \
        "$root/fuzz/import/csv.swift" -o "$out/fuzz-import"
    cp -n "$root/fuzz/import/corpus-csv/"* "$fixtures/"*.csv "$fixtures/"*.txt "$out/corpus/" 2>/dev/null || true
    max_len=16384
    extra=""
    ;;
xlsx)
    zip="$root/.build/checkouts/ZIPFoundation/Sources/ZIPFoundation"
    [ -d "$zip" ] || (cd "$root" && swift package resolve >/dev/null)
    mkdir -p "$out/zip"
    swiftc -parse-as-library -O -g -sanitize=address -emit-library -static -emit-module -I "$zip/../CZLib" \
        -Xcc -D_GNU_SOURCE=1 \
        -module-name ZIPFoundation -module-link-name ZIPFoundation -emit-module-path "$out/zip/ZIPFoundation.swiftmodule" \
        "$zip"/*.swift -o "$out/zip/libZIPFoundation.a"
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -I "$out/zip" -I "$zip/../CZLib" -L "$out/zip" \
        -lZIPFoundation -lz \
        "$src/Sheet.swift" "$src/CellText.swift" "$src/XLSXReader.swift" \
        "$root/fuzz/import/xlsx.swift" -o "$out/fuzz-import"
    cp -n "$root/fuzz/import/corpus-xlsx/"* "$fixtures/sheets.xlsx" "$out/corpus/" 2>/dev/null || true
    max_len=65536
    # Leak detection off: two small leaks are in the libraries, not in our code, and would stop
    # every run at once (Foundation's XMLParser leaks its error's CFString on malformed XML;
    # ZIPFoundation's in-memory Archive leaks its 40-byte memory file when the bytes are not an
    # archive). Memory-safety errors still stop the run.
    extra="-detect_leaks=0"
    export ASAN_OPTIONS=detect_leaks=0
    ;;
*) echo "usage: fuzz/import/run.sh csv|xlsx [SECONDS]" >&2; exit 64 ;;
esac
"$out/fuzz-import" "$out/corpus" -max_len="$max_len" -rss_limit_mb=2048 $extra \
    -max_total_time="$seconds" -artifact_prefix="$out/artifacts/" -print_final_stats=1
