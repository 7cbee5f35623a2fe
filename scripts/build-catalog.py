#!/usr/bin/env python3
"""Regenerate Config/schema/*.json from the reference TSVs (../shared/reference by default).

Usage: scripts/build-catalog.py [REFERENCE_DIR] [OUT_DIR]
The server reads only Config/schema; this script is how those files were made.

Russian names (`name_ru`):
- regions: Debian's iso-codes (the `ru` gettext catalog of iso_3166-2), installed with apt-get
  when missing (unless BUILD_CATALOG_NO_INSTALL is set, as the tests do); scripts/names-ru/regions.tsv
  completes and overrides it (hand-checked forms);
- indicators, land-use codes: scripts/names-ru/indicators.tsv and land-use.tsv;
- indicators kept in this repository (scripts/catalog-data/indicators.tsv: new ones, and rows that
  replace a reference row), organic-horizon warn ranges (horizon-ranges.tsv), the particle-size
  schemes and Kachinsky's texture classes (texture-methods.tsv, kachinsky-*.tsv -> texture.json),
  the salinity classification (salinity.tsv -> salinity.json) and the thematic blocks (blocks.tsv,
  block-codes.tsv -> blocks.json) come from scripts/catalog-data, their Russian names from
  scripts/names-ru (blocks.tsv, block-codes.tsv, kachinsky.tsv, salinity.tsv);
- kz-legacy-codes.json: the reference TSV, plus `split_into` for the codes whose region was split
  since (scripts/kz-legacy-splits.tsv: Shymkent 2018; Abai, Jetisu, Ulytau 2022);
- code-lists.json is kept by hand (no reference TSV); the script reads the committed
  Config/schema/code-lists.json, sets each entry's name_ru from scripts/names-ru/code-lists.tsv
  and writes it to OUT_DIR in the same layout.
An entry without a Russian name, or a Russian name for an unknown code, stops the script.
"""
import csv, gettext, json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
ref = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference"
out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "Config", "schema")
names_ru_dir = os.path.join(here, "names-ru")
data_dir = os.path.join(here, "catalog-data")
hand_lists = os.path.join(here, "..", "Config", "schema", "code-lists.json")
iso_json = "/usr/share/iso-codes/json/iso_3166-2.json"
iso_mo = "/usr/share/locale/ru/LC_MESSAGES/iso_3166-2.mo"

def fail(message):
    sys.exit("build-catalog: " + message)

def tsv(path):
    """Rows of a tab-separated file with a header; lines starting with # are comments."""
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))

def rows(name):
    return tsv(os.path.join(ref, name))

def names_ru(name, key=("code",)):
    """A names-ru TSV as {key: name_ru}; duplicate keys and empty names stop the script."""
    result = {}
    for r in tsv(os.path.join(names_ru_dir, name)):
        k = tuple(r[part] for part in key) if len(key) > 1 else r[key[0]]
        text = (r.get("name_ru") or "").strip()
        if not text:
            fail(f"names-ru/{name}: {k} has an empty name_ru")
        if k in result:
            fail(f"names-ru/{name}: {k} appears twice")
        result[k] = text
    return result

def merge(name, entries, names, key=lambda e: e["code"]):
    """Inserts name_ru after name in each entry, from `names`; every entry needs one, every name an entry."""
    merged, known = [], set()
    for entry in entries:
        k = key(entry)
        known.add(k)
        if k not in names:
            fail(f"{name}: no Russian name for {k}")
        copy = {}
        for field, value in entry.items():
            if field == "name_ru":
                continue
            copy[field] = value
            if field == "name":
                copy["name_ru"] = names[k]
        merged.append(copy)
    unknown = sorted(set(names) - known, key=str)
    if unknown:
        fail(f"{name}: Russian names for unknown codes {unknown}")
    return merged

def num(s):
    v = float(s)
    return int(v) if v.is_integer() else v

def dump(name, obj):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")

def dump_lists(name, obj):
    """code-lists.json's own layout: one line per entry, one-space indent."""
    parts = []
    for key, value in obj.items():
        if isinstance(value, list):
            lines = ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in value)
            parts.append(f" {json.dumps(key)}: [\n{lines}\n ]")
        else:
            parts.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join(parts) + "\n}\n")

def iso_region_names():
    """ISO 3166-2 code -> Russian name from iso-codes, only where it translates the English name."""
    if not (os.path.exists(iso_json) and os.path.exists(iso_mo)):
        if os.environ.get("BUILD_CATALOG_NO_INSTALL"):
            fail("iso-codes is not installed (apt-get install -y iso-codes)")
        print("build-catalog: iso-codes missing, running apt-get install -y iso-codes", file=sys.stderr)
        if subprocess.call(["apt-get", "install", "-y", "iso-codes"]) != 0:
            fail("cannot install iso-codes (apt-get install -y iso-codes)")
    with open(iso_mo, "rb") as f:
        catalog = gettext.GNUTranslations(f)
    with open(iso_json, encoding="utf-8") as f:
        subdivisions = json.load(f)["3166-2"]
    result = {}
    for s in subdivisions:
        translated = catalog.gettext(s["name"])
        if translated != s["name"]:
            result[s["code"]] = translated
    return result

def data(name):
    return tsv(os.path.join(data_dir, name))

indicator_rows = rows("indicators.tsv")
for extra in data("indicators.tsv"):
    place = [i for i, r in enumerate(indicator_rows) if r["code"] == extra["code"]]
    if place:
        indicator_rows[place[0]] = extra
    else:
        indicator_rows.append(extra)
horizon_ranges = {}
for r in data("horizon-ranges.tsv"):
    horizon_ranges.setdefault(r["indicator"], []).append(
        {"prefix": r["horizon"], "warn_min": num(r["warn_min"]), "warn_max": num(r["warn_max"])})
if set(horizon_ranges) - {r["code"] for r in indicator_rows}:
    fail(f"horizon-ranges.tsv: unknown indicators {sorted(set(horizon_ranges) - {r['code'] for r in indicator_rows})}")

indicators = []
for r in indicator_rows:
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
    if r["code"] in horizon_ranges:
        indicators[-1]["warn_by_horizon"] = horizon_ranges[r["code"]]
dump("indicators.json", {"indicators": merge("indicators", indicators, names_ru("indicators.tsv"))})

regions = [{"code": r["code"], "name": r["name"], "country": r["country"]} for r in rows("regions.tsv")]
iso_ru, hand_ru = iso_region_names(), names_ru("regions.tsv")
region_ru = {r["code"]: iso_ru[r["code"]] for r in regions if r["code"] in iso_ru}
region_ru.update(hand_ru)
from_iso = sum(1 for r in regions if r["code"] in iso_ru and r["code"] not in hand_ru)
print(f"build-catalog: region name_ru: {from_iso} from iso-codes, {len(hand_ru)} from names-ru/regions.tsv"
      f" ({sum(1 for c in hand_ru if c in iso_ru)} of them overriding iso-codes)", file=sys.stderr)
dump("regions.json", {"regions": merge("regions", regions, region_ru)})

splits = {r["legacy"]: r["split_into"].split(";") for r in tsv(os.path.join(here, "kz-legacy-splits.tsv"))}
legacy_codes = []
for r in rows("kz-legacy-codes.tsv"):
    entry = {"legacy": r["legacy"], "current": r["current"]}
    if r["legacy"] in splits:
        if splits[r["legacy"]][0] != r["current"]:
            fail(f"kz-legacy-splits.tsv: {r['legacy']} must be split into {r['current']} first")
        entry["split_into"] = splits.pop(r["legacy"])
    legacy_codes.append(entry)
if splits:
    fail(f"kz-legacy-splits.tsv: unknown legacy codes {sorted(splits)}")
dump("kz-legacy-codes.json", {"legacy_codes": legacy_codes})
dump("country-boxes.json", {"country_boxes": [{
    "country": r["country"], "name": r["name"],
    "min_lon": num(r["min_lon"]), "min_lat": num(r["min_lat"]),
    "max_lon": num(r["max_lon"]), "max_lat": num(r["max_lat"]), "note": r["note"]} for r in rows("country-boxes.tsv")]})
dump("land-use.json", {"land_use": merge("land_use", [{"code": r["code"], "name": r["name"]} for r in rows("land-use.tsv")],
                                         names_ru("land-use.tsv"))})

with open(hand_lists, encoding="utf-8") as f:
    lists = json.load(f)
lists_ru = names_ru("code-lists.tsv", key=("list", "code"))
for list_name in {k[0] for k in lists_ru} - {k for k, v in lists.items() if isinstance(v, list)}:
    fail(f"names-ru/code-lists.tsv: unknown list {list_name}")
for key, value in lists.items():
    if isinstance(value, list):
        lists[key] = merge(key, value, {k[1]: v for k, v in lists_ru.items() if k[0] == key})
dump_lists("code-lists.json", lists)

# The UNCCD default land-cover transition matrix for SDG 15.3.1 (lc-transitions.tsv), with the
# country overrides kept by hand in the committed file ("based on local knowledge", GPG v2).
transitions_file = os.path.join(here, "..", "Config", "schema", "land-cover-transitions.json")
overrides = {}
if os.path.exists(transitions_file):
    with open(transitions_file, encoding="utf-8") as f:
        overrides = json.load(f).get("country_overrides", {})
with open(os.path.join(ref, "lc-transitions.tsv"), encoding="utf-8") as f:
    lines = [l.rstrip("\n") for l in f if l.strip()]
source = lines[0].lstrip("# ").split(". Rows:")[0]
table = list(csv.DictReader(lines[1:], delimiter="\t"))
classes = [r["from"] for r in table]
if [c for c in table[0].keys() if c != "from"] != classes:
    fail("lc-transitions.tsv: rows and columns must list the same classes in the same order")
land_cover_codes = [e["code"] for e in lists["land_cover"]]
if sorted(classes) != sorted(land_cover_codes):
    fail(f"lc-transitions.tsv: classes {classes} are not the land_cover code list {land_cover_codes}")
dump("land-cover-transitions.json", {
    "source": source,
    "classes": classes,
    "matrix": {r["from"]: {to: r[to] for to in classes} for r in table},
    "country_overrides": overrides,
})

def opt_num(s):
    return num(s) if s.strip() else None

# texture.json: particle-size schemes of the methods, Kachinsky's groups and classes.
kachinsky_ru = names_ru("kachinsky.tsv", key=("list", "code"))
groups = []
for r in data("kachinsky-groups.tsv"):
    g = {"code": r["code"], "name": r["name"]}
    if r["horizon_prefix"]:
        g["horizon_prefix"] = r["horizon_prefix"]
    if r["esp_min"]:
        g["esp_min"] = num(r["esp_min"])
    groups.append(g)
group_codes = [g["code"] for g in groups]
classes = []
for r in data("kachinsky-classes.tsv"):
    classes.append({"code": r["code"], "name": r["name"], "min": {g: num(r[g]) for g in group_codes}})
methods = [{"method": r["method"], "scheme": r["scheme"]} for r in data("texture-methods.tsv")]
dump("texture.json", {
    "source": "Kachinsky N.A. (1965) Fizika pochvy; GOST 12536-2014. USDA classes only for the 2-50-2000 um scheme.",
    "methods": methods,
    "kachinsky_groups": merge("kachinsky_groups", groups, {k[1]: v for k, v in kachinsky_ru.items() if k[0] == "groups"}),
    "kachinsky_classes": merge("kachinsky_classes", classes, {k[1]: v for k, v in kachinsky_ru.items() if k[0] == "classes"}),
})

# salinity.json: Bazilevich-Pankova types and degrees from the 1:5 water extract.
salinity_ru = names_ru("salinity.tsv", key=("kind", "code"))
sal = {"source": "Bazilevich N.I., Pankova E.I. (1968) Pochvovedenie 11; Pankova E.I. et al. (1996) "
                 "Prirodnoe i antropogennoe zasolenie pochv basseina Aral'skogo morya; Pankova E.I. (2006)"
                 " Zasolennye pochvy Rossii. Ions in cmol(+/-)/kg (meq/100 g) of the 1:5 water extract.",
       "types": [], "soda_types": [], "coefficients": [], "degrees": []}
target = {"type": "types", "soda": "soda_types", "coefficient": "coefficients", "degree": "degrees"}
for r in data("salinity.tsv"):
    if r["kind"] not in target:
        fail(f"salinity.tsv: unknown kind {r['kind']}")
    e = {"code": r["code"], "name": r["name"]}
    if r["kind"] in ("type", "degree"):
        if opt_num(r["min"]) is not None:
            e["min"] = num(r["min"])
        if opt_num(r["max"]) is not None:
            e["max"] = num(r["max"])
    if r["kind"] == "coefficient":
        e["value"] = num(r["value"])
    sal[target[r["kind"]]].append(e)
for kind, key in target.items():
    sal[key] = merge("salinity " + key, sal[key], {k[1]: v for k, v in salinity_ru.items() if k[0] == kind})
dump("salinity.json", sal)

# blocks.json: the optional thematic blocks.
blocks_ru = names_ru("blocks.tsv", key=("block", "field"))
codes_ru = names_ru("block-codes.tsv", key=("block", "field", "code"))
code_rows = data("block-codes.tsv")
blocks, used_codes = [], set()
for r in data("blocks.tsv"):
    if not r["field"]:
        blocks.append({"code": r["block"], "name": r["name"], "name_ru": None, "fields": []})
        if (r["block"], "") not in blocks_ru:
            fail(f"names-ru/blocks.tsv: no Russian name for block {r['block']}")
        blocks[-1]["name_ru"] = blocks_ru[(r["block"], "")]
        continue
    if not blocks or blocks[-1]["code"] != r["block"]:
        fail(f"blocks.tsv: field {r['field']} before its block {r['block']}")
    if (r["block"], r["field"]) not in blocks_ru:
        fail(f"names-ru/blocks.tsv: no Russian name for {r['block']}.{r['field']}")
    f = {"code": r["field"], "type": r["type"], "name": r["name"], "name_ru": blocks_ru[(r["block"], r["field"])]}
    if r["type"] not in ("number", "integer", "code", "boolean", "date"):
        fail(f"blocks.tsv: {r['block']}.{r['field']} has unknown type {r['type']}")
    if r["unit"]:
        f["unit"] = r["unit"]
    if r["min"]:
        f["min"] = num(r["min"])
    if r["max"]:
        f["max"] = num(r["max"])
    if r["required"] == "true":
        f["required"] = True
    if r["not_before"]:
        f["not_before"] = r["not_before"]
    if r["type"] == "code":
        f["codes"] = []
        for c in code_rows:
            if (c["block"], c["field"]) == (r["block"], r["field"]):
                k = (c["block"], c["field"], c["code"])
                if k not in codes_ru:
                    fail(f"names-ru/block-codes.tsv: no Russian name for {k}")
                f["codes"].append({"code": c["code"], "name": c["name"], "name_ru": codes_ru[k]})
                used_codes.add(k)
    blocks[-1]["fields"].append(f)
known_fields = {(b["code"], f["code"]) for b in blocks for f in b["fields"]} | {(b["code"], "") for b in blocks}
if set(blocks_ru) - known_fields:
    fail(f"names-ru/blocks.tsv: names for unknown fields {sorted(set(blocks_ru) - known_fields)}")
if set(codes_ru) - used_codes or {(c["block"], c["field"], c["code"]) for c in code_rows} - used_codes:
    fail("block-codes.tsv / names-ru/block-codes.tsv: codes of unknown or non-code fields")
dump("blocks.json", {"blocks": blocks})
