#!/usr/bin/env python3
"""Validate enriched records against docs/record.schema.json (JSON Schema 2020-12).

    python3 scripts/validate_records.py [--schema docs/record.schema.json] FILE.jsonl... (or - for stdin)

Every line must be one record, of schema newsflow.enriched.v1 or v2. Beyond the schema it
checks what a schema cannot say: each annotation's and the dateline's span lies inside text (or
title with "field": "title") in code points; a written "text" (v1, or v2 with
stage.encode.span_text) is that slice; byte offsets, when present, cut the same text out of the
UTF-8; in v2, labels are in byte order, annotations within a label in document order, and no
"canonical" equals its spanned text; a DATE's string value is one of the forms of
docs/numbers.md ("Values of DATE"): ISO 8601 date, week, interval or duration (X for unknown
digits: "XXXX-04-22", "199X"), or a value relative to the reference day ("REF+P1D", "REF<=4",
"REF+P1W-5") for a relative date in a text without published_at. Exit 0 when all are valid,
1 with the first problems otherwise, 3 when the jsonschema module is missing (Debian:
python3-jsonschema, installed by scripts/install-deps.sh).
"""
import argparse
import json
import os
import re
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover
    sys.stderr.write("validate_records.py: the Python module jsonschema is missing "
                     "(apt-get install python3-jsonschema, or scripts/install-deps.sh)\n")
    sys.exit(3)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import nf_records  # noqa: E402  (scripts/nf_records.py)


_ISO = r"[0-9X]{4}(?:-W\d{2}|-[0-9X]{2}(?:-[0-9X]{2})?)?"
_DUR = r"P(?=\d)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?"
_REF = r"REF(?:[+-]P(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:-\d{1,2})?|<=?[1-7]|>[1-7])?"
DATE_VALUE = re.compile(r"%s(?:/%s)?|%s|%s" % (_ISO, _ISO, _DUR, _REF))


def value_problems(where, label, a):
    """A DATE's string value has one of the documented forms (docs/numbers.md)."""
    v = a.get("value")
    if label == "DATE" and isinstance(v, str) and not DATE_VALUE.fullmatch(v):
        return ["%s: DATE value %r is none of the documented forms" % (where, v)]
    return []


def span_problems(rec, where, a, start, end):
    """The span lies inside its field; a written text and byte offsets agree with it."""
    out = []
    src = nf_records.field_text(rec, a)
    if not 0 <= start <= end <= len(src):
        out.append("%s: span [%d,%d) outside its field (%d code points)"
                   % (where, start, end, len(src)))
    want = src[start:end]
    if "text" in a and a["text"] != want:
        out.append("%s: text %r != field[%d:%d] %r" % (where, a["text"], start, end, want))
    if "start_byte" in a:
        b = src.encode("utf-8")[a["start_byte"]:a["end_byte"]]
        if b.decode("utf-8", "replace") != want:
            out.append("%s: byte offsets cut %r, not %r" % (where, b, want))
    return out


def order_key(a):
    start, end = a["span"]
    return (a.get("field") == "title", start, end)


def offsets_problems(rec):
    out = []
    v2 = rec.get("schema") == "newsflow.enriched.v2"
    for arr in ("entities", "numbers"):
        if not v2:
            for k, a in enumerate(rec.get(arr) or []):
                out += span_problems(rec, "%s[%d]" % (arr, k), a, a["start"], a["end"])
                if arr == "numbers":
                    out += value_problems("%s[%d]" % (arr, k), a.get("label"), a)
            continue
        groups = rec.get(arr) or {}
        if list(groups) != sorted(groups):
            out.append("%s: labels not in byte order: %s" % (arr, list(groups)))
        for label, anns in groups.items():
            for k, a in enumerate(anns):
                where = "%s.%s[%d]" % (arr, label, k)
                out += span_problems(rec, where, a, a["span"][0], a["span"][1])
                if arr == "numbers":
                    out += value_problems(where, label, a)
                if "canonical" in a and a["canonical"] == nf_records.spanned_text(rec, a):
                    out.append("%s: canonical equals the spanned text (v2 leaves it out)" % where)
                if k and order_key(anns[k - 1]) > order_key(a):
                    out.append("%s: not in document order" % where)
    dl = rec.get("dateline")
    if dl:
        start, end = dl["span"] if v2 else (dl["start"], dl["end"])
        out += span_problems(rec, "dateline", dl, start, end)
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
