#!/usr/bin/env bash
# scripts/ogc-check.sh: /ogc through a real client, GDAL's OAPIF driver (Debian's gdal-bin, installed
# if absent), against a landmon on a temporary database (the fixtures, Chukotka's across the
# antimeridian among them, and 300 seeded assessments). The key goes in a header file
# (GDAL_HTTP_HEADER_FILE), as a QGIS or GDAL user would send it. Asserts that:
# - ogrinfo lists the three collections;
# - ogrinfo -so gives the feature count that /v1/assessments?count=true gives;
# - ogr2ogr copies a whole collection to a GeoPackage through its next links, and a bbox (spatial
#   filter) + datetime (in the address) selection with the count of the same /v1 query;
# - a bbox across the antimeridian (Chukotka) returns the Chukotka sites, and only them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

if ! command -v ogrinfo >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gdal-bin >/dev/null
fi
ogrinfo --version

swift build --product landmon 2>&1 | tail -n 1
landmon=$(swift build --product landmon --show-bin-path)/landmon

work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

export LANDMON_DB=$work/ogc.sqlite LANDMON_ACCESS_LOG=false LANDMON_SYNCHRONOUS=off LANDMON_HOST=127.0.0.1
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
"$landmon" migrate >/dev/null
key=$("$landmon" keys create --name ogc-check --role admin)
"$landmon" seed --count 300 >/dev/null
"$landmon" serve --port "$port" >>"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    curl -fsS "$base/health" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fsS "$base/health" >/dev/null || { cat "$work/server.log" >&2; fail "landmon did not start"; }
for fixture in Config/fixtures/*.json; do
    curl -fsS -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
        --data-binary "@$fixture" "$base/v1/assessments"
done

# GDAL sends the key from a header file, on every request it makes.
printf 'Authorization: Bearer %s\n' "$key" >"$work/headers"
export GDAL_HTTP_HEADER_FILE=$work/headers
v1_total() { curl -fsS -H "Authorization: Bearer $key" "$base/v1/assessments?count=true&limit=1&$1" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])'; }
feature_count() { sed -n 's/^Feature Count: //p'; }

echo "== ogrinfo OAPIF:$base/ogc"
layers=$(ogrinfo -ro -q "OAPIF:$base/ogc")
echo "$layers"
for name in assessments sites measurements; do
    grep -q "^[0-9]*: $name " <<<"$layers" || fail "ogrinfo does not list $name"
done

echo "== ogrinfo -so assessments"
info=$(ogrinfo -ro -so "OAPIF:$base/ogc" assessments)
grep -E '^(Feature Count|Extent|sampled_on|soc_0_30):' <<<"$info"
total=$(v1_total "")
[ "$(feature_count <<<"$info")" = "$total" ] || fail "ogrinfo counts $(feature_count <<<"$info"), /v1 $total"
grep -q '^sampled_on: Date' <<<"$info" || fail "sampled_on is not a Date column (describedby not read)"
grep -q '^soc_0_30: Real' <<<"$info" || fail "soc_0_30 is not a Real column"

echo "== ogr2ogr -f GPKG: the whole collection, 50 features a page"
ogr2ogr -f GPKG -oo PAGE_SIZE=50 "$work/all.gpkg" "OAPIF:$base/ogc" assessments
copied=$(ogrinfo -ro -so "$work/all.gpkg" assessments | feature_count)
echo "copied $copied of $total"
[ "$copied" = "$total" ] || fail "ogr2ogr copied $copied, /v1 has $total"

echo "== ogr2ogr -f GPKG: bbox (-spat) + datetime (in the address)"
ogr2ogr -f GPKG -spat 60 40 90 55 "$work/selection.gpkg" \
    "OAPIF:$base/ogc?datetime=2010-01-01/2019-12-31" assessments
selected=$(ogrinfo -ro -so "$work/selection.gpkg" assessments | feature_count)
expected=$(v1_total "bbox=60,40,90,55&from=2010-01-01&to=2019-12-31")
echo "selected $selected, /v1 $expected"
[ "$selected" = "$expected" ] && [ "$expected" -gt 0 ] || fail "the selection has $selected, /v1 $expected"

echo "== ogrinfo: sites in a bbox across the antimeridian (Chukotka)"
chukotka=$(ogrinfo -ro -al -q "OAPIF:$base/ogc?bbox=170,60,-160,72" sites)
found=$(grep -c '^  country (String) = ' <<<"$chukotka" || true)
others=$(grep '^  country (String) = ' <<<"$chukotka" | grep -vc '= RU$' || true)
grep -E '^  (site|region) \(String\)' <<<"$chukotka"
[ "$found" -ge 1 ] && [ "$others" = 0 ] || fail "the Chukotka bbox gave $found sites, $others outside Russia"
grep -q 'CHU-UELEN-04' <<<"$chukotka" || fail "the Chukotka fixture's site is missing"
across=$(ogrinfo -ro -so "OAPIF:$base/ogc?bbox=170,60,-160,72" assessments | feature_count)
expected=$(v1_total "bbox=170,60,-160,72")
echo "assessments across the antimeridian: $across, /v1 $expected"
[ "$across" = "$expected" ] || fail "across the antimeridian: $across, /v1 $expected"
echo "OK: GDAL $(ogrinfo --version | cut -d, -f1 | cut -d' ' -f2) reads /ogc"
