#!/usr/bin/env python3
"""Regenerate Config/schema/*.json from the reference TSVs (../shared/reference by default).

Usage: scripts/build-catalog.py [REFERENCE_DIR] [OUT_DIR]
The server reads only Config/schema; this script is how those files were made.
"""
import csv, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
ref = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference"
out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "Config", "schema")

def rows(name):
    with open(os.path.join(ref, name), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))

def num(s):
    v = float(s)
    return int(v) if v.is_integer() else v

def dump(name, obj):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")

indicators = []
for r in rows("indicators.tsv"):
    units = {}
    for part in filter(None, r["other_units"].split(";")):
        unit, factor = part.split("=")
        units[unit] = num(factor)
    methods = [m for m in r["methods"].split(";") if m]
    indicators.append({
        "code": r["code"], "name": r["name"], "unit": r["unit"],
        "hard_min": num(r["hard_min"]), "hard_max": num(r["hard_max"]),
        "warn_min": num(r["warn_min"]), "warn_max": num(r["warn_max"]),
        "other_units": units,
        "methods": [m for m in methods if m != "national"],
        "accepts_national": "national" in methods,
        "sources": r["sources"],
    })
dump("indicators.json", {"indicators": indicators})
dump("regions.json", {"regions": [{"code": r["code"], "name": r["name"], "country": r["country"]} for r in rows("regions.tsv")]})
dump("kz-legacy-codes.json", {"legacy_codes": [{"legacy": r["legacy"], "current": r["current"]} for r in rows("kz-legacy-codes.tsv")]})
dump("country-boxes.json", {"country_boxes": [{
    "country": r["country"], "name": r["name"],
    "min_lon": num(r["min_lon"]), "min_lat": num(r["min_lat"]),
    "max_lon": num(r["max_lon"]), "max_lat": num(r["max_lat"]), "note": r["note"]} for r in rows("country-boxes.tsv")]})
dump("land-use.json", {"land_use": [{"code": r["code"], "name": r["name"]} for r in rows("land-use.tsv")]})
