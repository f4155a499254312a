"""Shared by the golden-case writers scripts/numbers_forms7*.py: the case helpers and the
dev/aside split. Cases are (text, expected annotations[, published_at or "-" for none]) per
form; every fifth case of each form, in writing order, is held out (aside/, never used to
tune the stage); dev cases whose text is in `misses` go to misses/ (scored, not asserted)."""
import json
import os

PUB = "2024-06-12"   # a Wednesday


def d(text, value, **kw):
    return dict(label="DATE", text=text, value=value, **kw)


def c(label, text, value, **kw):
    return dict(label=label, text=text, value=value, **kw)


# (shorthands of the writers that need more labels than DATE)
def n(text, value, **kw):
    return c("CARDINAL", text, value, **kw)


def o(text, value, **kw):
    return c("ORDINAL", text, value, **kw)


def q(text, value, unit, **kw):
    return c("QUANTITY", text, value, unit=unit, **kw)


def m(text, value, cur="USD", **kw):
    return c("MONEY", text, value, currency=cur, **kw)


def pc(text, value, **kw):
    return c("PERCENT", text, value, **kw)


def drop_novalue(cases):
    """cases with the "value" key removed where a helper wrote None (a score or tally has no
    value; docs/numbers.md, sports scores)."""
    for group in cases.values():
        for case in group:
            for e in case[1]:
                if e.get("value", 0) is None:
                    del e["value"]
    return cases


def write_split(cases, name, misses=()):
    """Writes tests/data/numbers/NAME.jsonl, aside/NAME_aside.jsonl (and misses/NAME_misses.jsonl
    when \\p misses is given)."""
    here = os.path.dirname(os.path.abspath(__file__))
    base = os.path.join(here, "..", "tests", "data", "numbers")
    dev, aside, missed = [], [], []
    for form, group in cases.items():
        for i, case in enumerate(group):
            text, expect = case[0], case[1]
            pub = case[2] if len(case) > 2 else PUB
            rec = {"text": text}
            if pub != "-":
                rec["published_at"] = pub
            rec["form"] = form
            rec["expect"] = expect
            (aside if i % 5 == 4 else missed if text in misses else dev).append(rec)
    outs = [(os.path.join(base, name + ".jsonl"), dev),
            (os.path.join(base, "aside", name + "_aside.jsonl"), aside)]
    if misses:
        outs.append((os.path.join(base, "misses", name + "_misses.jsonl"), missed))
    for path, recs in outs:
        with open(path, "w") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print("%s: %d cases" % (os.path.relpath(path), len(recs)))
