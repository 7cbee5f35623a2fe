#!/usr/bin/env python3
"""Writes the spreadsheet fixtures of the import tests from their JSON twins.

    python3 scripts/import-fixtures.py            # CSV and UTF-16 files (no other tools)
    python3 scripts/import-fixtures.py --xlsx     # also the .xlsx, through LibreOffice
                                                  # (apt-get install -y libreoffice-calc)

Input: Tests/LandMonTests/Fixtures/import/twins.json (assessments whose every indicator has one
unit, so that they fit the wide layout: one row per layer, one column per indicator).
Output, beside it, all committed (CI never runs LibreOffice):
  sheets-cp1251.csv     Russian headers, ';', decimal commas, DD.MM.YYYY, CRLF, Windows-1251
  sheets-utf8-bom.csv   the same text in UTF-8 with a byte order mark
  sheets-utf16.txt      Kazakh headers, tabs, decimal points, DD/MM/YYYY, UTF-16LE with BOM
                        (Excel's "Unicode text")
  sheets-broken.csv     the cp1251 file with three broken cells (see BROKEN)
  sheets.xlsx           sheets-utf8-bom.csv converted by LibreOffice Calc (--xlsx)
  bomb.xlsx             a workbook whose sheet unpacks to 300 MB of spaces (300 KB packed): 413
"""
import json, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "Tests/LandMonTests/Fixtures/import")
columns = json.load(open(os.path.join(ROOT, "Config/schema/import-columns.json")))
units_ru = json.load(open(os.path.join(ROOT, "Config/messages/ru.json")))["unit"]
twins = json.load(open(os.path.join(HERE, "twins.json")))

# (row, column header in Russian, new text): what sheets-broken.csv breaks.
BROKEN = [
    (3, "pH водн.", "8,3?"),            # not a number
    (5, "Дата отбора проб", "31.06.2019"),  # no such day
    (6, "Нижняя граница, см", "30"),   # a number, but above the layer's top (40)
]


def field_name(path, language):
    for column in columns["columns"]:
        if column["field"] == path:
            return column["names"][language][0]
    raise KeyError(path)


def indicator_name(code, unit, language):
    names = columns["indicators"].get(code, {}).get(language) or [code]
    # Typed as people type them: "г/см3", not the superscript that Windows-1251 lacks.
    spelled = units_ru.get(unit, unit).replace("³", "3") if language == "ru" else unit
    return names[0] if unit == "pH" else f"{names[0]}, {spelled}"


def flatten(document):
    out = {}
    for key, value in document.items():
        if key == "layers":
            continue
        if isinstance(value, dict):
            for inner, item in value.items():
                out[f"{key}.{inner}"] = item
        else:
            out[key] = value
    return out


def table(language, decimal, date_format):
    assessment_fields = [c["field"] for c in columns["columns"] if c["level"] == "assessment"]
    used = [f for f in assessment_fields if any(f in flatten(d) for d in twins)]
    indicators = []  # (code, unit, has method, has uncertainty) in order of first appearance
    for document in twins:
        for layer in document["layers"]:
            for m in layer["measurements"]:
                known = [i for i in indicators if i[0] == m["indicator"]]
                if not known:
                    indicators.append([m["indicator"], m.get("unit"), False, False])
                    known = [indicators[-1]]
                known[0][2] |= "method" in m
                known[0][3] |= "uncertainty" in m
    catalog = {i["code"]: i for i in json.load(open(os.path.join(ROOT, "Config/schema/indicators.json")))["indicators"]}
    header = [field_name(f, language) for f in used] + [field_name(f, language) for f in ("top_cm", "bottom_cm", "horizon")]
    for code, unit, method, uncertainty in indicators:
        header.append(indicator_name(code, unit or catalog[code]["unit"], language))
        if method:
            header.append(f"{code}.method")
        if uncertainty:
            header.append(f"{code}.uncertainty")

    def text(value, path=""):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return repr(value).replace(".", decimal) if isinstance(value, float) else str(value)
        if path == "sampled_on":
            y, m, d = value.split("-")
            return date_format.format(y=y, m=m, d=d)
        return str(value)

    rows = [header]
    for document in twins:
        flat = flatten(document)
        for layer in document["layers"]:
            row = [text(flat[f], f) if f in flat else "" for f in used]
            row += [text(layer.get(k, "")) for k in ("top_cm", "bottom_cm", "horizon")]
            by_code = {m["indicator"]: m for m in layer["measurements"]}
            for code, unit, method, uncertainty in indicators:
                m = by_code.get(code, {})
                row.append(text(m["value"]) if m else "")
                if method:
                    row.append(m.get("method", ""))
                if uncertainty:
                    row.append(text(m["uncertainty"]) if "uncertainty" in m else "")
            rows.append(row)
    return rows


def csv_text(rows, separator):
    def field(value):
        if any(c in value for c in (separator, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value
    return "".join(separator.join(field(v) for v in row) + "\r\n" for row in rows)


def write_bomb(path):
    import zipfile
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b" " * (1 << 20)
            for _ in range(300):
                sheet.write(block)


def main():
    ru = table("ru", ",", "{d}.{m}.{y}")
    text = csv_text(ru, ";")
    open(os.path.join(HERE, "sheets-cp1251.csv"), "wb").write(text.encode("cp1251"))
    open(os.path.join(HERE, "sheets-utf8-bom.csv"), "wb").write(b"\xef\xbb\xbf" + text.encode("utf-8"))
    kk = table("kk", ".", "{d}/{m}/{y}")
    open(os.path.join(HERE, "sheets-utf16.txt"), "wb").write(b"\xff\xfe" + csv_text(kk, "\t").encode("utf-16-le"))
    broken = [list(row) for row in ru]
    for row, header, value in BROKEN:
        broken[row - 1][ru[0].index(header)] = value
    open(os.path.join(HERE, "sheets-broken.csv"), "wb").write(csv_text(broken, ";").encode("cp1251"))
    write_bomb(os.path.join(HERE, "bomb.xlsx"))
    if "--xlsx" in sys.argv:
        with tempfile.TemporaryDirectory() as work:
            source = os.path.join(work, "sheets.csv")
            shutil.copy(os.path.join(HERE, "sheets-utf8-bom.csv"), source)
            # 59 = ';', 34 = '"', 76 = UTF-8, from line 1, column formats, 1049 = Russian: as a
            # Russian-locale spreadsheet has them, numbers with decimal commas become numbers and
            # the sampling date a date (a serial number in the file); the erosion area ('10-25')
            # stays text (2), the date column is read as DMY (4).
            formats = []
            for index, header in enumerate(ru[0], start=1):
                kind = 2 if header == field_name("erosion.area_affected", "ru") else 1
                kind = 4 if header == field_name("sampled_on", "ru") else kind
                formats.append(f"{index}/{kind}")
            subprocess.run(
                ["soffice", "--headless", "--infilter=CSV:59,34,76,1," + "/".join(formats) + ",1049",
                 "--convert-to", "xlsx", "--outdir", work, source], check=True)
            shutil.copy(os.path.join(work, "sheets.xlsx"), os.path.join(HERE, "sheets.xlsx"))


if __name__ == "__main__":
    main()
