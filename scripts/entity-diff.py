#!/usr/bin/env python3
"""Where hybrid loses (and wins) against the model: rules vs model vs hybrid vs gold, by kind.

For each set, runs the three combine modes and compares them span by span with the gold
(strict: same label, start and end; PERSON/ORG/LOC with GPE as LOC, as eval_entities.py).
Two lists are counted by category:
  model-only hits  gold spans the model gets exactly and hybrid does not (what hybrid loses)
  hybrid-only hits gold spans hybrid gets exactly and the model does not (what it keeps)
and the same for false positives (spans one mode emits wrongly and the other does not).
A category says: one word or more, the gold label, what the rules had there
(nothing / same span other label / other extent), whether the line is prose (ends like a
sentence) or a wire line, and whether the span starts a sentence.

    python3 scripts/entity-diff.py --newsflow build/release/newsflow           # dev sets
    python3 scripts/entity-diff.py --newsflow build/release/newsflow --show 30 -X ...

Dev sets only by default (GUM news dev, UNER EWT test, team newswire held out);
--gold FILE for another. Standard library only.
"""

import argparse
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import eval_entities as ev  # noqa: E402
import nf_records  # noqa: E402

DEV = [(name, path) for name, path in ev.ALL_SETS if "aside" not in name]


def spans(rec, text):
    out = {}
    for e in nf_records.annotations(rec, "entities"):
        if e.get("field", "text") != "text":
            continue
        lab = ev.MAP.get(e["label"])
        if lab:
            out[(e["start"], e["end"])] = lab
    return out


def context(text, s, e):
    ls = text.rfind("\n", 0, s) + 1
    le = text.find("\n", e)
    le = len(text) if le < 0 else le
    line = text[ls:le].rstrip(" \"')]")
    # as entities_combine.c's is_prose: a line that does not end like a sentence and carries
    # numbers or is written mostly in capitals is a wire line (the model decides there)
    words = [w for w in line.split() if sum(ch.isalpha() for ch in w) >= 2]
    caps = sum(1 for w in words if w.upper() == w)
    prose = line[-1:] in (".", "!", "?") or not (
        any(ch.isdigit() for ch in line) or (words and caps * 10 >= len(words) * 6))
    before = text[ls:s].rstrip(" \"'(")
    initial = before == "" or before[-1:] in (".", "!", "?", ":")
    return prose, initial, text[max(ls, s - 30):min(le, e + 30)].replace("\n", " ")


def rules_had(rules, s, e):
    if (s, e) in rules:
        return "rules:" + rules[(s, e)]
    over = [(a, b, lab) for (a, b), lab in rules.items() if a < e and s < b]
    if over:
        return "rules:other-extent(" + ",".join(lab for _, _, lab in over) + ")"
    return "rules:none"


def kind(text, s, e, lab, rules):
    prose, initial, ctx = context(text, s, e)
    words = "1w" if " " not in text[s:e] else "Nw"
    return (f"{words} {lab:3s} {rules_had(rules, s, e):28s} "
            f"{'prose' if prose else 'wire '} {'initial' if initial else 'inner  '}"), ctx


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--newsflow", default=os.path.join(HERE, "..", "build", "release", "newsflow"))
    ap.add_argument("--gold", action="append", help="a gold file instead of the dev sets")
    ap.add_argument("--show", type=int, default=0, help="examples per category")
    ap.add_argument("-X", action="append", default=[], help="extra -X for hybrid and model")
    a = ap.parse_args()
    sets = [(p, p) for p in a.gold] if a.gold else DEV
    for name, path in sets:
        docs = ev.load_gold(path)
        out = {}
        for mode in ("rules", "model", "hybrid"):
            xs = [f"stage.entities.combine={mode}"] + (a.X if mode != "rules" else [])
            out[mode] = {r["id"]: r for r in ev.run_newsflow(a.newsflow, docs, xs)}
        cats = {k: collections.Counter() for k in ("model-only hit", "hybrid-only hit",
                                                    "model-only FP", "hybrid-only FP")}
        ex = collections.defaultdict(list)
        for d in docs:
            t = d["text"]
            gold = {(g[0], g[1]): g[2] for g in ev.gold_spans(d)}
            r, m, h = (spans(out[k][d["id"]], t) for k in ("rules", "model", "hybrid"))
            for (s, e), lab in gold.items():
                mh, hh = m.get((s, e)) == lab, h.get((s, e)) == lab
                if mh != hh:
                    c = "model-only hit" if mh else "hybrid-only hit"
                    k, ctx = kind(t, s, e, lab, r)
                    cats[c][k] += 1
                    ex[(c, k)].append(f"{t[s:e]!r}  | {ctx}")
            for mine, other, c in ((m, h, "model-only FP"), (h, m, "hybrid-only FP")):
                for (s, e), lab in mine.items():
                    if gold.get((s, e)) != lab and other.get((s, e)) != lab:
                        k, ctx = kind(t, s, e, lab, r)
                        g = gold.get((s, e))
                        k += f" gold:{g or ('overlap' if any(a_ < e and s < b_ for a_, b_ in gold) else 'none')}"
                        cats[c][k] += 1
                        ex[(c, k)].append(f"{t[s:e]!r}  | {ctx}")
        print(f"\n=== {name}")
        for c, cnt in cats.items():
            print(f"-- {c}: {sum(cnt.values())}")
            for k, n in cnt.most_common():
                print(f"  {n:4d}  {k}")
                for x in ex[(c, k)][:a.show]:
                    print(f"          {x}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
