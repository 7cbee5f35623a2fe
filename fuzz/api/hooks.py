"""Schemathesis hooks for landmon: NDJSON bodies for the batch endpoint, so that both of its
media types are fuzzed (each element of the generated array on a line of its own)."""

import json

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    if isinstance(value, list):
        text = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in value)
    else:
        # Not a list: a schema-violating case; one line of it, which the server refuses.
        text = json.dumps(value, ensure_ascii=False) + "\n"
    return text.encode("utf-8")
