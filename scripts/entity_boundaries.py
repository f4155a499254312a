#!/usr/bin/env python3
"""Break down span-boundary errors: gold and predicted spans of the same label that overlap but
do not match exactly (counted by strict scoring as one false positive AND one false negative).

For each such pair it prints what the prediction has too much or too little at the left and the
right edge ("+the", "-'s", "+Mr.") and tallies the edge words, so that a convention difference
(determiner, title, possessive, nested name) shows up as one large count rather than many cases.

    python3 scripts/entity_boundaries.py --newsflow build/release/newsflow [--gold FILE | --all]
        [--modes hybrid] [--show 30]
"""
import argparse
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import eval_entities as ev  # noqa: E402

WORD = re.compile(r"\w+(?:[.'\u2019]\w*)*\.?|[^\w\s]")


def edge(text, a, b):
    """Tokens of text[a:b] (the part one span has and the other has not)."""
    return " ".join(WORD.findall(text[a:b])) if b > a else ""


def category(kind, side, words):
    w = words.split()
    if not w:
        return None
    low = [x.lower() for x in w]
    if low[0] in ("the", "a", "an") and side == "L":
        return f"{kind} determiner"
    if low[-1] in ("'s", "\u2019s", "'") or low[0] in ("'s", "\u2019s"):
        return f"{kind} possessive"
    if any(x in ("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president", "minister",
                 "prime", "sen.", "gov.", "rep.", "sir", "lord", "king", "queen", "pope",
                 "chairman", "director", "secretary", "general", "judge", "coach", "captain",
                 "chief", "mayor", "senator", "governor") for x in low) and side == "L":
        return f"{kind} title"
    if w[0][:1].isupper() or w[0][:1].isdigit():
        return f"{kind} capitalised {side}"
    return f"{kind} other {side}"


def analyse(docs, recs, cats, pairs_out):
    by_id = {r.get("id"): r for r in recs}
    stats = Counter()
    for d in docs:
        t = d["text"]
        rec = by_id.get(d["id"], {"entities": []})
        gold = ev.gold_spans(d)
        pred = ev.pred_spans(rec, t, stats, ev.OWN_MAP if ev.own_format([d]) else ev.MAP)
        _, _, strict = ev.match(gold, pred, False)
        _, _, over = ev.match(gold, pred, True)
        for gi, pi in over.items():
            if gi in strict:
                continue
            gs, ge, lab, _ = gold[gi]
            ps, pe, _, _ = pred[pi]
            desc = []
            for side, (a, b) in (("L", (gs, ps)), ("R", (pe, ge))):
                if a == b:
                    continue
                if side == "L":
                    kind, words = ("+", edge(t, ps, gs)) if ps < gs else ("-", edge(t, gs, ps))
                else:
                    kind, words = ("+", edge(t, ge, pe)) if pe > ge else ("-", edge(t, pe, ge))
                c = category("extra" if kind == "+" else "missing", side, words)
                cats[c] += 1
                desc.append(f"{side}{kind}{words!r}")
            pairs_out.append((lab, t[gs:ge], t[ps:pe], d["id"], " ".join(desc)))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=ev.DEFAULT_GOLD)
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--newsflow", required=True)
    ap.add_argument("--modes", default="hybrid")
    ap.add_argument("-X", action="append", default=[])
    ap.add_argument("--show", type=int, default=30)
    a = ap.parse_args()
    sets = ev.ALL_SETS if a.all else [(os.path.basename(a.gold), a.gold)]
    for name, path in sets:
        docs = ev.load_gold(path)
        for mode in a.modes.split(","):
            recs = ev.run_newsflow(a.newsflow, docs, list(a.X) + [f"stage.entities.combine={mode}"])
            cats, pairs = Counter(), []
            analyse(docs, recs, cats, pairs)
            print(f"\n=== {name}, combine = {mode}: {len(pairs)} overlapping spans with other "
                  f"boundaries")
            for c, n in cats.most_common():
                print(f"  {n:4d}  {c}")
            for lab, g, p, did, desc in pairs[:a.show]:
                print(f"  {lab:4s} gold {g!r:38s} pred {p!r:38s} {desc}")


if __name__ == "__main__":
    sys.exit(main())
