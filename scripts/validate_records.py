#!/usr/bin/env python3
"""Validate enriched records against docs/record.schema.json (JSON Schema 2020-12).

    python3 scripts/validate_records.py [--schema docs/record.schema.json] FILE.jsonl... (or - for stdin)

Every line must be one record. Beyond the schema it checks what a schema cannot say: each
annotation's text is text[start:end] (or title[start:end] with "field": "title") in code points,
and byte offsets, when present, cut the same text out of the UTF-8. Exit 0 when all are valid,
1 with the first problems otherwise, 3 when the jsonschema module is missing (Debian:
python3-jsonschema, installed by scripts/install-deps.sh).
"""
import argparse
import json
import os
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover
    sys.stderr.write("validate_records.py: the Python module jsonschema is missing "
                     "(apt-get install python3-jsonschema, or scripts/install-deps.sh)\n")
    sys.exit(3)

HERE = os.path.dirname(os.path.abspath(__file__))


def offsets_problems(rec):
    out = []
    for arr in ("entities", "numbers"):
        for k, a in enumerate(rec.get(arr) or []):
            src = rec.get("title") if a.get("field") == "title" else rec.get("text")
            src = src or ""
            if src[a["start"]:a["end"]] != a["text"]:
                out.append("%s[%d]: text %r != field[%d:%d] %r"
                           % (arr, k, a["text"], a["start"], a["end"],
                              src[a["start"]:a["end"]]))
            if "start_byte" in a:
                b = src.encode("utf-8")[a["start_byte"]:a["end_byte"]]
                if b.decode("utf-8", "replace") != a["text"]:
                    out.append("%s[%d]: byte offsets cut %r, not %r" % (arr, k, b, a["text"]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schema", default=os.path.join(HERE, "..", "docs", "record.schema.json"))
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    with open(a.schema, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    v = Draft202012Validator(schema)
    n = bad = 0
    for path in a.files:
        fh = sys.stdin if path == "-" else open(path, encoding="utf-8")
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            n += 1
            where = "%s:%d" % (path, lineno)
            try:
                rec = json.loads(line)
            except ValueError as e:
                print("%s: not JSON: %s" % (where, e))
                bad += 1
                continue
            problems = ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(record)",
                                    e.message) for e in v.iter_errors(rec)]
            if not problems:
                problems = offsets_problems(rec)
            if problems:
                bad += 1
                if bad <= 10:
                    print("%s (id %r):\n  %s" % (where, rec.get("id") if isinstance(rec, dict)
                                                 else None, "\n  ".join(problems[:5])))
        if fh is not sys.stdin:
            fh.close()
    print("%d record(s), %d invalid" % (n, bad), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
