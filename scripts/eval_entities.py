#!/usr/bin/env python3
"""Score newsflow's entities against GUM-style named spans (standard library only).

Gold: JSONL with {id, text, entities:[{type, named, name_start, name_end, name_text, ...}]}
(default: ../shared/data/eval/entities_dev_gum.jsonl). Only entities with named=true count,
and their span is the proper-name part (name_start..name_end, code points).

Predictions: either a JSONL file of newsflow records (--pred FILE, same ids, "entities" with
code-point start/end), or run the binary (--newsflow PATH), which feeds each gold text through
`newsflow tag` with pipeline.stages=decode,dateline,entities,encode (no normalize, so offsets
refer to the very same text; the script checks that the returned text is identical).

Label mapping (ours -> GUM):
    PERSON -> PER
    ORG    -> ORG
    GPE    -> LOC      (GUM's "place" covers countries, cities and natural places alike)
    LOC    -> LOC
    NORP   -> not scored (GUM tags nationality groups as PER when they are used as nouns,
              "Muslims", and not at all as adjectives, "Afghan team"); listed with --show.
Entities in the title field are ignored (GUM's text already starts with the headline).

Our own gold format (tests/data/entities/newswire_gold.jsonl) is recognised by entities that
carry "label" instead of "type": {id, text, entities:[{start, end, text, label, country?}]},
code-point offsets, OntoNotes-style labels. There GPE and LOC are scored together as LOC (as
above), NORP is scored as a label of its own, and the country-code accuracy is printed: over
gold GPE/NORP entities with a country that a prediction matched (overlap, same scored label),
the share whose predicted country is the gold one.

Scores, per label and micro-averaged:
    strict  : same label, same start and end
    overlap : same label, spans share at least one code point (one-to-one, greedy in order)

CoNLL gold (token<TAB>tag, -DOCSTART- per document; data/train/README.md) is recognised by
the .conll suffix: each document becomes one text, joined as tools/train_entities.c joins it
(pipeline/stages/entities_train.c), and PERSON/ORG/LOC+GPE are scored (NORP is not).

--modes rules,model,hybrid runs the binary once per stage.entities.combine value; --all scores
every dev set (GUM news dev, UNER EWT test, the held-out team newswire) and both aside team sets
(batches 2-3 and batch 4: never trained or tuned on); --markdown prints one table
(docs/entities.md).

Usage:
    python3 scripts/eval_entities.py --newsflow build/dev/newsflow
    python3 scripts/eval_entities.py --pred out.jsonl [--gold FILE] [--show 40]
    python3 scripts/eval_entities.py --newsflow build/release/newsflow --all \
        --modes rules,model,hybrid --markdown
"""

import argparse
import json
from collections import defaultdict
import os
import subprocess
import sys

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
OWN_MAP = dict(MAP, NORP="NORP")
LABELS = ["PER", "ORG", "LOC"]
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import nf_records  # noqa: E402  (reads record schemas v1 and v2 alike)
DEFAULT_GOLD = os.path.join(HERE, "..", "..", "shared", "data", "eval", "entities_dev_gum.jsonl")
ALL_SETS = [
    ("GUM news dev", DEFAULT_GOLD),
    ("UNER EWT test", os.path.join(HERE, "..", "..", "shared", "data", "train",
                                   "uner_en_ewt_test.conll")),
    ("team newswire (held out)", os.path.join(HERE, "..", "data", "train",
                                              "newswire_team_test.conll")),
    ("team wire copy, batches 2-3 (aside)", os.path.join(HERE, "..", "data", "train",
                                                         "newswire_team_aside.conll")),
    ("team wire + encyclopaedic, batch 4 (aside)", os.path.join(HERE, "..", "data", "train",
                                                               "newswire_team_aside4.conll")),
]
CONLL_MAP = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "N'T",
                   "'re", "'ve", "'ll", "'d", "'m", "\u2019s", "'", "..."}
NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "``"}
ENDS_SENTENCE = {".", "!", "?", "\"", "'", ")", "''", "..."}


def load_conll(path):
    """CoNLL documents as {id, text, entities: [{start, end, label}]} (code points), joined
    like entities_train.c joins them."""
    docs, sents, cur = [], [], []

    def flush_doc():
        if cur:
            sents.append(list(cur))
            cur.clear()
        if sents:
            docs.append(join_doc(sents, f"{os.path.basename(path)}#{len(docs)}"))
            sents.clear()

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line:
                if cur:
                    sents.append(list(cur))
                    cur.clear()
            elif line == "-DOCSTART-":
                flush_doc()
            else:
                tok, tag = line.split("\t")
                cur.append((tok, tag))
    flush_doc()
    return docs


def join_doc(sents, did):
    text = ""
    ents = []
    sent_start = False
    for sent in sents:
        if sent_start and text:
            text += " "
        prev, quote_open, open_ent = None, False, None
        for k, (tok, tag) in enumerate(sent):
            space = bool(text) and not (k == 0)
            if tok in ('"', "``", "''"):
                tok = '"'
                if quote_open:
                    space = False
                quote_open = not quote_open
            elif tok in NO_SPACE_BEFORE:
                space = False
            if prev is not None and (prev in NO_SPACE_AFTER or (prev == '"' and quote_open)):
                space = False
            if space:
                text += " "
            start = len(text)
            text += tok
            lab = CONLL_MAP.get(tag[2:]) if tag[:2] in ("B-", "I-") else None
            if tag.startswith("B-") or lab is None or (open_ent and open_ent["type"] != lab):
                if open_ent:
                    ents.append(open_ent)
                open_ent = None
                if lab:
                    open_ent = {"start": start, "end": len(text), "type": lab}
            if lab and open_ent:
                open_ent["end"] = len(text)
            prev = tok
        if open_ent:
            ents.append(open_ent)
        if prev is not None and prev not in ENDS_SENTENCE:
            text += "\n"
            sent_start = False
        else:
            sent_start = prev is not None
    return {"id": did, "text": text,
            "entities": [{"named": True, "name_start": e["start"], "name_end": e["end"],
                          "type": e["type"]} for e in ents]}


def load_gold(path):
    if path.endswith(".conll"):
        return load_conll(path)
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs.append(json.loads(line))
    return docs


def own_format(docs):
    return any("label" in e for d in docs for e in d.get("entities", []))


def gold_spans(doc):
    spans = set()
    if any("label" in e for e in doc["entities"]):
        for e in doc["entities"]:
            lab = OWN_MAP.get(e["label"])
            if lab:
                spans.add((e["start"], e["end"], lab, e.get("country")))
        return sorted(spans)
    for e in doc["entities"]:
        if not e.get("named") or e.get("name_start") is None:
            continue
        if e["type"] not in LABELS:
            continue
        spans.add((e["name_start"], e["name_end"], e["type"], None))
    return sorted(spans)


def run_newsflow(binary, docs, extra):
    inp = "".join(json.dumps({"id": d["id"], "text": d["text"],
                              "published_at": d.get("published_at") or None},
                             ensure_ascii=False) + "\n" for d in docs)
    cmd = [binary, "tag", "-X", "pipeline.stages=decode,dateline,entities,encode"]
    for x in extra:
        cmd += ["-X", x]
    out = subprocess.run(cmd, input=inp.encode("utf-8"), stdout=subprocess.PIPE, check=True)
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines() if line.strip()]


def pred_spans(rec, text, stats, labmap):
    if rec.get("text") is not None and rec["text"] != text:
        stats["text_mismatch"] += 1
    spans = []
    for e in nf_records.annotations(rec, "entities"):
        if e.get("field", "text") != "text":
            continue
        lab = labmap.get(e["label"])
        if lab is None:
            stats["unscored_" + e["label"]] += 1
            continue
        spans.append((e["start"], e["end"], lab, e.get("country")))
    return spans


def match(gold, pred, overlap):
    """One-to-one matching (exact matches first, then the largest overlap); returns the sets of
    matched prediction and gold indices."""
    used_g = set()
    used_p = set()
    pairs = {}
    for pi, (ps, pe, pl, _) in enumerate(pred):
        for gi, (gs, ge, gl, _) in enumerate(gold):
            if gi not in used_g and gl == pl and ps == gs and pe == ge:
                used_g.add(gi)
                used_p.add(pi)
                pairs[gi] = pi
                break
    if not overlap:
        return used_p, used_g, pairs
    for pi, (ps, pe, pl, _) in enumerate(pred):
        if pi in used_p:
            continue
        best, best_ov = None, 0
        for gi, (gs, ge, gl, _) in enumerate(gold):
            if gi in used_g or gl != pl:
                continue
            ov = min(pe, ge) - max(ps, gs)
            if ov > best_ov:
                best, best_ov = gi, ov
        if best is not None:
            used_g.add(best)
            used_p.add(pi)
            pairs[best] = pi
    return used_p, used_g, pairs


def prf(tp, np_, ng):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(docs, recs, show=0, gold_name=""):
    by_id = {r.get("id"): r for r in recs}
    own = own_format(docs)
    labels = LABELS + (["NORP"] if own else [])
    labmap = OWN_MAP if own else MAP
    cc = [0, 0]
    stats = defaultdict(int)
    counts = {m: {lab: [0, 0, 0] for lab in LABELS + ["NORP"]} for m in ("strict", "overlap")}
    errors = {"fn": [], "fp": [], "cc": []}
    for d in docs:
        rec = by_id.get(d["id"])
        if rec is None:
            stats["missing_records"] += 1
            rec = {"entities": []}
        gold = gold_spans(d)
        pred = pred_spans(rec, d["text"], stats, labmap)
        for mode in ("strict", "overlap"):
            used_p, used_g, pairs = match(gold, pred, mode == "overlap")
            if mode == "overlap":
                for gi, pi in pairs.items():
                    if gold[gi][3]:
                        cc[1] += 1
                        if pred[pi][3] == gold[gi][3]:
                            cc[0] += 1
                        else:
                            errors["cc"].append((gold[gi][2], d["text"][gold[gi][0]:gold[gi][1]],
                                                 d["id"], f"{pred[pi][3]} (gold {gold[gi][3]})"))
            for lab in labels:
                c = counts[mode][lab]
                c[0] += sum(1 for i in used_p if pred[i][2] == lab)
                c[1] += sum(1 for p in pred if p[2] == lab)
                c[2] += sum(1 for g in gold if g[2] == lab)
            if mode == "overlap":
                t = d["text"]
                for gi, g in enumerate(gold):
                    if gi not in used_g:
                        other = [f"{p[2]}:{t[p[0]:p[1]]}" for p in pred
                                 if p[0] < g[1] and g[0] < p[1]]
                        errors["fn"].append((g[2], t[g[0]:g[1]], d["id"], " ".join(other)))
                for pi, p in enumerate(pred):
                    if pi not in used_p:
                        other = [f"{g[2]}:{t[g[0]:g[1]]}" for g in gold
                                 if p[0] < g[1] and g[0] < p[1]]
                        errors["fp"].append((p[2], t[p[0]:p[1]], d["id"], " ".join(other)))
    res = {"labels": labels, "counts": counts, "cc": cc, "stats": stats, "errors": errors,
           "own": own}
    return res


def print_report(res, gold_name, ndocs, show):
    labels, counts, cc, stats, errors = (res["labels"], res["counts"], res["cc"], res["stats"],
                                         res["errors"])
    print(f"gold: {gold_name} ({ndocs} documents)")
    for mode in ("strict", "overlap"):
        print(f"\n{mode:8s} {'label':6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'pred':>5s} "
              f"{'gold':>5s}")
        tot = [0, 0, 0]
        for lab in labels:
            tp, np_, ng = counts[mode][lab]
            tot = [tot[0] + tp, tot[1] + np_, tot[2] + ng]
            p, r, f = prf(tp, np_, ng)
            print(f"{'':8s} {lab:6s} {p:6.3f} {r:6.3f} {f:6.3f} {tp:5d} {np_:5d} {ng:5d}")
        p, r, f = prf(*tot)
        print(f"{'':8s} {'all':6s} {p:6.3f} {r:6.3f} {f:6.3f} {tot[0]:5d} {tot[1]:5d} {tot[2]:5d}")
    if res["own"]:
        acc = cc[0] / cc[1] if cc[1] else 0.0
        print(f"\ncountry codes: {acc:.3f} ({cc[0]} of {cc[1]} matched gold GPE/NORP entities "
              f"with a country)")
    if stats:
        print("\nnotes: " + ", ".join(f"{k}={v}" for k, v in sorted(stats.items())))
    if show:
        for kind in ("fn", "fp", "cc"):
            print(f"\n{kind} (overlap), first {show}:")
            for lab, txt, did, other in errors[kind][:show]:
                print(f"  {lab:4s} {txt!r:45s} {did:22s} {other}")


def micro(res, mode, labels):
    tot = [0, 0, 0]
    for lab in labels:
        tp, np_, ng = res["counts"][mode][lab]
        tot = [tot[0] + tp, tot[1] + np_, tot[2] + ng]
    return prf(*tot)


def markdown(rows):
    """rows: (set, mode, res). One line per set and mode: strict P/R/F1 overall, strict F1 per
    label, partial (overlap) P/R/F1 overall, partial F1 per label."""
    print("| dev set | combine | strict P | strict R | strict F1 | PER F1 | ORG F1 | LOC F1 "
          "| partial P | partial R | partial F1 | PER pF1 | ORG pF1 | LOC pF1 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, mode, res in rows:
        sp, sr, sf = micro(res, "strict", LABELS)
        op, orr, of = micro(res, "overlap", LABELS)
        per = [prf(*res["counts"]["strict"][lab])[2] for lab in LABELS]
        pper = [prf(*res["counts"]["overlap"][lab])[2] for lab in LABELS]
        print(f"| {name} | {mode} | {sp:.3f} | {sr:.3f} | **{sf:.3f}** | {per[0]:.3f} | "
              f"{per[1]:.3f} | {per[2]:.3f} | {op:.3f} | {orr:.3f} | {of:.3f} | "
              f"{pper[0]:.3f} | {pper[1]:.3f} | {pper[2]:.3f} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=DEFAULT_GOLD)
    ap.add_argument("--all", action="store_true", help="every dev set (see ALL_SETS)")
    ap.add_argument("--pred", help="newsflow output JSONL (same ids as the gold file)")
    ap.add_argument("--newsflow", help="path to the newsflow binary to run")
    ap.add_argument("--modes", help="comma-separated stage.entities.combine values to run")
    ap.add_argument("--markdown", action="store_true", help="print one summary table")
    ap.add_argument("-X", action="append", default=[], help="extra -X for newsflow tag")
    ap.add_argument("--show", type=int, default=0, help="print up to N errors per kind")
    a = ap.parse_args()
    sets = ALL_SETS if a.all else [(os.path.basename(a.gold), a.gold)]
    modes = a.modes.split(",") if a.modes else [None]
    rows = []
    rc = 0
    for name, path in sets:
        docs = load_gold(path)
        for mode in modes:
            if a.newsflow:
                extra = list(a.X) + ([f"stage.entities.combine={mode}"] if mode else [])
                recs = run_newsflow(a.newsflow, docs, extra)
            elif a.pred:
                with open(a.pred, encoding="utf-8") as f:
                    recs = [json.loads(line) for line in f if line.strip()]
            else:
                ap.error("give --pred or --newsflow")
            res = score(docs, recs)
            rows.append((name, mode or "(config)", res))
            if res["stats"].get("text_mismatch"):
                rc = 1
            if not a.markdown:
                if mode:
                    print(f"\n=== combine = {mode}")
                print_report(res, path, len(docs), a.show)
    if a.markdown:
        markdown(rows)
    return rc


if __name__ == "__main__":
    sys.exit(main())
