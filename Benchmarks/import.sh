#!/usr/bin/env bash
# Spreadsheet import benchmark (issue 15): a 10,000-assessment CSV in the template's wide layout
# (5 layers each, 50,000 rows, Russian headers, ';', decimal commas, Windows-1251 as a Russian
# Excel saves it) through POST /v1/assessments/import: a dry run, then the import that stores,
# each timed by curl; and the server's peak memory. Release build, a fresh database on the real
# disk, synchronous=full (the default).
# Usage: Benchmarks/import.sh [assessments, default 10000]
#   IMPORT_BUILD=debug uses .build/debug/landmon (no release build; slower, for a quick look)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
need curl python3
COUNT="${1:-10000}"
BUILD="${IMPORT_BUILD:-release}"
unset IMPORT_BUILD  # landmon refuses LANDMON_* and other settings it does not know
if [ "$BUILD" = debug ]; then
    LANDMON="$BENCH_ROOT/.build/debug/landmon"
    (cd "$BENCH_ROOT" && swift build --product landmon 2>&1 | tail -1) >&2
else
    build_release
fi
mkdir -p "$BENCH_ROOT/Benchmarks/results"
WORK="$(mktemp -d "$BENCH_ROOT/Benchmarks/results/import.XXXXXX")"
DB="$WORK/import.sqlite"
trap 'stop_server; rm -rf "$WORK"' EXIT
python3 - "$COUNT" "$WORK/sheet.csv" <<'PY'
import sys, random
count, path = int(sys.argv[1]), sys.argv[2]
random.seed(15)
header = ["Шифр описания", "Страна", "Регион", "Площадка", "Широта", "Долгота", "Дата отбора проб",
          "Растительный покров (класс МГЭИК)", "Верхняя граница, см", "Нижняя граница, см", "Горизонт",
          "Органический углерод, %", "Плотность мелкозема, г/см3", "pH водн.", "Ил, г/100 г", "Пыль, г/100 г",
          "Песок, г/100 г", "Примечания"]
depths = [(0, 10), (10, 20), (20, 30), (30, 50), (50, 100)]
lines = [";".join(header)]
comma = lambda x: f"{x}".replace(".", ",")
for n in range(count):
    lat, lon = round(random.uniform(46.0, 53.0), 5), round(random.uniform(62.0, 80.0), 5)
    day = f"{random.randint(1, 28):02d}.{random.randint(5, 9):02d}.{random.randint(2005, 2024)}"
    for index, (top, bottom) in enumerate(depths):
        clay = random.randint(10, 40); silt = random.randint(20, 50)
        row = [f"KZ-BENCH-{n:06d}", "KZ", "KZ-11", f"AKM-{n % 2000:04d}", comma(lat), comma(lon), day, "grassland",
               str(top), str(bottom), "ABCDE"[index], comma(round(random.uniform(0.3, 3.5), 2)),
               comma(round(random.uniform(1.0, 1.6), 2)), comma(round(random.uniform(6.0, 8.8), 1)),
               str(clay), str(silt), str(100 - clay - silt), "Весенний маршрут; участок 3" if index == 0 else ""]
        lines.append(";".join(f'"{v}"' if ";" in v else v for v in row))
open(path, "wb").write(("\r\n".join(lines) + "\r\n").encode("cp1251"))
PY
KEY="$(create_key "$DB" bench-admin admin)"
PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"
start_server "$DB" "$PORT" "$WORK/access.log"
SIZE_MB="$(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1]) / 1048576:.1f}')" "$WORK/sheet.csv")"
ROWS="$(($(wc -l <"$WORK/sheet.csv") - 1))"
timed() { # label query -> prints seconds and the answer's first bytes
    curl -sS -o "$WORK/answer.json" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $KEY" \
        -H 'Content-Type: text/csv' --data-binary @"$WORK/sheet.csv" "$URL/v1/assessments/import$2"
}
DRY="$(timed dry "?dry_run=true")"
STORE="$(timed store "")"
head -c 160 "$WORK/answer.json" >&2; echo >&2
STORED="$(curl -sS "$URL/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["assessments"])')"
RSS="$(peak_rss_mb "$SERVER_PID")"
echo
echo "| import of $COUNT assessments ($ROWS rows, $SIZE_MB MB, Windows-1251, ';') | value |"
echo "|---|---|"
echo "| dry run (read, map, validate; status, seconds) | ${DRY} |"
echo "| import (the same, and store all or nothing; status, seconds) | ${STORE} |"
echo "| assessments stored | ${STORED} |"
echo "| server peak memory (VmHWM) | ${RSS} MB |"
