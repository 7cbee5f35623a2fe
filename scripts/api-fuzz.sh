#!/usr/bin/env bash
# scripts/api-fuzz.sh SECONDS: the OpenAPI document checked by openapi-spec-validator (and the
# fixtures by its Submission schema), then Schemathesis 4 (`st run --checks all`) for SECONDS
# against a release landmon on a temporary database: the KZ fixtures, 50 seeded assessments of
# the six countries, three keys (KZ and UZ submitters, an admin), fuzzed as the KZ agency. Every
# check runs but object_level_authorization (every key may read every country's assessments by
# design) and use_after_free (a DELETE retracts: the record then answers 410 and its history stays
# readable, by contract; Schemathesis 4.32 does not honour turning it off for one operation).
# fuzz/api/schemathesis.toml says which statuses, beyond Schemathesis's defaults, an operation may give to schema-valid requests, and why. Exits non-zero on any failure or error.
set -euo pipefail
seconds=${1:?usage: scripts/api-fuzz.sh SECONDS}
cd "$(dirname "$0")/.."
root=$PWD
export PATH="/opt/swift/usr/bin:$PATH"
venv=$root/.build-fuzz/venv
seed=${API_FUZZ_SEED:-20260125}

if [ ! -x "$venv/bin/openapi-spec-validator" ] || ! "$venv/bin/st" --version 2>/dev/null | grep -q 'version 4\.'; then
    [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4,<5' 'openapi-spec-validator>=0.7'
fi
"$venv/bin/st" --version

swift build -c release --product landmon --scratch-path "$root/.build-fuzz/swift" 2>&1 | tail -n 3
landmon=$root/.build-fuzz/swift/release/landmon

work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# A temporary database and a free port; no access log, a rate limit that fuzzing does not reach.
export LANDMON_DB=$work/fuzz.sqlite LANDMON_ACCESS_LOG=false LANDMON_RATE_LIMIT_PER_MINUTE=600000
export LANDMON_SYNCHRONOUS=normal LANDMON_HOST=127.0.0.1
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
serve() {
    "$landmon" serve --port "$port" >>"$work/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 100); do
        curl -fsS "$base/health" >/dev/null 2>&1 && return
        sleep 0.1
    done
    echo "landmon did not start:" >&2
    cat "$work/server.log" >&2
    exit 1
}
stop() { kill "$server" && wait "$server" || true; server=; }

# The KZ agency's own assessments first (ids 1 to 3, which generated ids often hit), then 50
# seeded ones of the six countries.
"$landmon" migrate >/dev/null
kz=$("$landmon" keys create --name fuzz-kz --role submitter --country KZ)
"$landmon" keys create --name fuzz-uz --role submitter --country UZ >/dev/null
"$landmon" keys create --name fuzz-admin --role admin >/dev/null
serve
for fixture in Config/fixtures/kz-*.json; do
    curl -fsS -o /dev/null -H "Authorization: Bearer $kz" -H 'Content-Type: application/json' \
        --data-binary "@$fixture" "$base/v1/assessments"
done
stop
"$landmon" seed --count 50 >/dev/null
serve
curl -fsS "$base/openapi.json" -o "$work/openapi.json"

echo "== openapi-spec-validator"
"$venv/bin/openapi-spec-validator" "$work/openapi.json"
echo "== the fixtures against components/schemas/Submission"
"$venv/bin/python" - "$work/openapi.json" Config/fixtures/*.json <<'PYTHON'
import json, sys
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
document = json.load(open(sys.argv[1]))
resource = Resource.from_contents(document, default_specification=DRAFT202012)
registry = Registry().with_resource("urn:landmon", resource)
validator = Draft202012Validator(
    {"$ref": "urn:landmon#/components/schemas/Submission"}, registry=registry,
    format_checker=Draft202012Validator.FORMAT_CHECKER)
failed = False
for path in sys.argv[2:]:
    for error in validator.iter_errors(json.load(open(path))):
        failed = True
        print(f"{path}: {error.json_path}: {error.message}")
sys.exit(1 if failed else 0)
PYTHON

echo "== schemathesis: $seconds s, seed $seed"
start=$(date +%s)
status=0
SCHEMATHESIS_HOOKS=$root/fuzz/api/hooks.py "$venv/bin/st" --config-file "$root/fuzz/api/schemathesis.toml" run \
    "$base/openapi.json" --checks all --exclude-checks object_level_authorization,use_after_free \
    --seed "$seed" --max-time "$seconds" --header "Authorization: Bearer $kz" \
    --no-color --report junit --report-dir "$root/.build-fuzz/report" | tee "$work/st.log" || status=$?
echo "== schemathesis: exit $status after $(($(date +%s) - start)) s"
# A run that tested nothing (a generator stuck on a schema) must not pass.
generated=$(grep -oE '^ +[0-9]+ generated' "$work/st.log" | grep -oE '[0-9]+' || echo 0)
echo "== test cases generated: $generated"
if [ "$generated" -eq 0 ]; then
    echo "no test cases were run" >&2
    status=1
fi
if ! kill -0 "$server" 2>/dev/null; then
    echo "landmon stopped during the run:" >&2
    tail -n 20 "$work/server.log" >&2
    status=1
fi
exit "$status"
