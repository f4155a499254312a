#!/usr/bin/env python3
"""Audit the numbers stage on real news (issue 10, thirteenth session).

The articles of a tagged corpus are split by a fixed rule: even line numbers (0-based) are the
AUDIT half, odd ones the HELD half (never looked at until the fixes are done). Two listings, both
reproducible:

  sample   a random sample (fixed seed) of the half's mentions, with their context, to judge
           span, label and value (precision);
  missed   every digit run, number word, month or weekday name of the half that is inside no
           mention, with its context, to judge whether it should be one (recall).
  score    reads a judgement file (TSV: half, kind, id, start, end, text, verdict, class) and
           prints precision and recall.

Verdicts: sample lines `ok` or `fp` (a wrong span, label or value: a false positive; with class
`span`/`value`/`label` it also leaves a true mention unfound, counted as a miss); missed lines
`ok` (rightly no mention) or `fn` (a mention is missing: a false negative).
Precision = ok / sampled; recall = TP / (TP + FN) with TP estimated as precision x the half's
mentions (label `span`, `value`, `label` fps add one FN per sampled fp scaled the same way).

    build/release/newsflow tag -X pipeline.stages=decode,numbers,encode \\
        tests/data/corpus/wikinews_2019_2020.jsonl > /tmp/wn.jsonl
    python3 scripts/audit_numbers.py sample /tmp/wn.jsonl --half audit --n 250
    python3 scripts/audit_numbers.py missed /tmp/wn.jsonl --half audit
    python3 scripts/audit_numbers.py score /tmp/wn.jsonl tests/data/numbers/audit/wikinews_audit.tsv
"""
import argparse, json, random, re, sys

NUMWORDS = set("""zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
eighty ninety hundred thousand million billion trillion dozen dozens first second third fourth
fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth hundredth half quarter
once twice""".split())
DATEWORDS = set("""january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday""".split())
TOKEN = re.compile(r"\d+|[A-Za-z]+")


def half_docs(path, half):
    with open(path) as f:
        for i, line in enumerate(f):
            if (i % 2 == 0) == (half == "audit"):
                yield json.loads(line)


def mentions(d):
    for lab, ms in (d.get("numbers") or {}).items():
        for m in ms:
            if m.get("field", "text") == "text":
                yield lab, m


def ctx(t, s, e, w=70):
    a, b = max(0, s - w), min(len(t), e + w)
    return (t[a:s] + "[[" + t[s:e] + "]]" + t[e:b]).replace("\n", " ")


def cmd_sample(a):
    rows = []
    for d in half_docs(a.file, a.half):
        for lab, m in mentions(d):
            rows.append((d["id"], lab, m, d["text"], d.get("published_at", "")))
    rnd = random.Random(13)
    pick = sorted(rnd.sample(range(len(rows)), min(a.n, len(rows))))
    print(f"# {len(rows)} mentions in the {a.half} half; {len(pick)} sampled")
    for k in pick:
        did, lab, m, t, pub = rows[k]
        s, e = m["span"]
        rest = {x: y for x, y in m.items() if x not in ("span", "field")}
        print(f"{did}\t{s}\t{e}\t{lab}\t{json.dumps(rest)}\tpub={pub[:10]}\n    {ctx(t, s, e)}")


def cmd_missed(a):
    n = 0
    for d in half_docs(a.file, a.half):
        t = d["text"]
        cov = bytearray(len(t) + 1)
        for _, m in mentions(d):
            s, e = m["span"]
            cov[s:e] = b"\1" * (e - s)
        for mt in TOKEN.finditer(t):
            w = mt.group(0)
            if not (w.isdigit() or w.lower() in NUMWORDS or w.lower() in DATEWORDS):
                continue
            if cov[mt.start()]:
                continue
            n += 1
            print(f"{d['id']}\t{mt.start()}\t{mt.end()}\t{w}\n    {ctx(t, mt.start(), mt.end(), 55)}")
    print(f"# {n} unannotated digit runs / number, month and weekday words in the {a.half} half")


def cmd_score(a):
    total = {"audit": 0, "held": 0}
    for h in total:
        total[h] = sum(1 for d in half_docs(a.file, h) for _ in mentions(d))
    st = {}
    for line in open(a.judgements):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        half, kind, verdict, cls = f[0], f[1], f[6], f[7] if len(f) > 7 else ""
        k = st.setdefault(half, {"ok": 0, "fp": 0, "fpmiss": 0, "fn": 0})
        if kind == "sample":
            k["ok" if verdict == "ok" else "fp"] += 1
            if verdict == "fp" and cls.split(":")[0] in ("span", "value", "label"):
                k["fpmiss"] += 1
        elif kind == "missed" and verdict == "fn":
            k["fn"] += 1
    for h, k in st.items():
        n = k["ok"] + k["fp"]
        p = k["ok"] / n if n else 0.0
        tp = p * total[h]
        fn = k["fn"] + (k["fpmiss"] / n * total[h] if n else 0)
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{h}: mentions {total[h]}, sampled {n} (fp {k['fp']}), unannotated misses {k['fn']}: "
              f"P {p:.3f} R {r:.3f} F1 {f1:.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["sample", "missed", "score"])
    ap.add_argument("file")
    ap.add_argument("judgements", nargs="?")
    ap.add_argument("--half", default="audit", choices=["audit", "held"])
    ap.add_argument("--n", type=int, default=250)
    a = ap.parse_args()
    {"sample": cmd_sample, "missed": cmd_missed, "score": cmd_score}[a.cmd](a)


if __name__ == "__main__":
    main()
