#!/usr/bin/env python3
"""Writes the fixture documents of Config/fixtures as compact one-line JSON templates, with
@REF@ where the reference goes, so that the wrk scripts make unique, valid, realistic bodies."""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parents[2]
out = pathlib.Path(sys.argv[1])
lines = []
for path in sorted((root / "Config" / "fixtures").glob("*.json")):
    document = json.loads(path.read_text(encoding="utf-8"))
    document["reference"] = "@REF@"
    lines.append(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(len(lines))
