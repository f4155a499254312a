"""Read newsflow records of either schema (docs/record.schema.json) the same way.

newsflow.enriched.v2 (the default) groups annotations by label and writes "span":[start,end]
without the spanned text; newsflow.enriched.v1 writes arrays of {label, text, start, end, ...}.
annotations() gives both as v1-shaped dicts, so scripts that score or check records need not
care which schema produced them. Standard library only.
"""


def field_text(rec, a):
    """The text an annotation's offsets point into: the title with "field": "title"."""
    src = rec.get("title") if a.get("field") == "title" else rec.get("text")
    return src or ""


def _v1_shape(rec, label, a):
    out = {"label": label}
    start, end = a["span"]
    out["text"] = field_text(rec, a)[start:end]
    out["start"], out["end"] = start, end
    for k, v in a.items():
        if k not in ("span", "text"):
            out[k] = v
    return out


def annotations(rec, kind):
    """The annotations of kind "entities" or "numbers" as v1-shaped dicts (label, text, start,
    end, other members as written), in v1 order: sorted by (field, start, end, label). For v2
    the text comes from the span (a v2 "text", written with stage.encode.span_text, is not
    trusted here: validate_records.py checks it)."""
    group = rec.get(kind)
    if group is None:
        return []
    if isinstance(group, list):
        return list(group)
    out = [_v1_shape(rec, label, a) for label, anns in group.items() for a in anns]
    out.sort(key=lambda a: (a.get("field") == "title", a["start"], a["end"], a["label"]))
    return out


def spanned_text(rec, a):
    """v2: the field's text under a's span; v1: its start/end."""
    start, end = a["span"] if "span" in a else (a["start"], a["end"])
    return field_text(rec, a)[start:end]


def _comparable(rec):
    """A record as schema-free data: top-level members, the dateline with its text and
    start/end, and v1-shaped annotations whose canonical is dropped when it equals the text
    (v2 leaves such a canonical out)."""
    out = {k: v for k, v in rec.items() if k not in ("schema", "entities", "numbers",
                                                     "dateline", "pipeline")}
    dl = rec.get("dateline")
    if dl:
        dl = dict(dl)
        if "span" in dl:
            dl["start"], dl["end"] = dl.pop("span")
        dl["text"] = rec["text"][dl["start"]:dl["end"]]
    out["dateline"] = dl
    for kind in ("entities", "numbers"):
        anns = []
        for a in annotations(rec, kind):
            a = dict(a)
            if a.get("canonical") == a["text"]:
                del a["canonical"]
            anns.append(a)
        out[kind] = anns
    return out


def main(argv):
    """nf_records.py same A.jsonl B.jsonl: exit 0 when the two files hold the same records in
    the same order, whatever schema each was written in (pipeline digests aside: they differ
    with the configuration); else print the first difference and exit 1."""
    import json
    if len(argv) != 4 or argv[1] != "same":
        print("usage: nf_records.py same A.jsonl B.jsonl")
        return 2
    with open(argv[2], encoding="utf-8") as fa, open(argv[3], encoding="utf-8") as fb:
        la, lb = fa.read().splitlines(), fb.read().splitlines()
    if len(la) != len(lb):
        print("%d records != %d records" % (len(la), len(lb)))
        return 1
    for n, (a, b) in enumerate(zip(la, lb), 1):
        ra, rb = _comparable(json.loads(a)), _comparable(json.loads(b))
        if ra != rb:
            for k in ra:
                if ra.get(k) != rb.get(k):
                    print("record %d (%s) differs in %s:\n  %s\n  %s"
                          % (n, ra.get("id"), k, json.dumps(ra.get(k))[:2000],
                             json.dumps(rb.get(k))[:2000]))
                    break
            return 1
    print("%d records, the same" % len(la))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
