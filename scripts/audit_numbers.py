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
    # another output (after a fix): list what changed, judge those lines, score
    python3 scripts/audit_numbers.py changes /tmp/wn.jsonl tests/data/numbers/audit/wikinews_audit.tsv \\
        --after /tmp/wn-after.jsonl > changes.tsv
    python3 scripts/audit_numbers.py score /tmp/wn.jsonl tests/data/numbers/audit/wikinews_audit.tsv \\
        --changes tests/data/numbers/audit/wikinews_after.tsv
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


def mention_set(path, half):
    out = set()
    for d in half_docs(path, half):
        for lab, m in mentions(d):
            rest = {x: y for x, y in m.items() if x not in ("span", "field")}
            out.add((d["id"], m["span"][0], m["span"][1], lab, json.dumps(rest, sort_keys=True)))
    return out


def cmd_changes(a):
    """The mentions that differ between the judged output (file) and another (--after), per
    half, as lines of a judgement file of kind added/removed (verdict to fill in) and the
    missed items of the judgement file that the other output now covers (kind fixed)."""
    for h in ("audit", "held"):
        b, n = mention_set(a.file, h), mention_set(a.after, h)
        for kind, ms in (("removed", b - n), ("added", n - b)):
            for did, s, e, lab, rest in sorted(ms):
                print(f"{h}\t{kind}\t{did}\t{s}\t{e}\t{lab} {rest}\t?\t")
        cov = {}
        for did, s, e, *_ in n:
            cov.setdefault(did, []).append((s, e))
        for line in open(a.judgements):
            f = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(f) < 7 or f[0] != h or f[1] != "missed" or f[6] != "fn":
                continue
            if any(s <= int(f[3]) < e for s, e in cov.get(f[2], [])):
                print(f"{h}\tfixed\t{f[2]}\t{f[3]}\t{f[4]}\t{f[5]}\t?\t{f[7]}")


def cmd_score(a):
    total = {"audit": 0, "held": 0}
    for h in total:
        total[h] = sum(1 for d in half_docs(a.file, h) for _ in mentions(d))
    # (with --changes: a sampled mention the other output removed (or changed: removed and
    # added) is no longer one of the shared mentions whose error rate the sample estimates; it
    # leaves the sample, and what replaced it is judged among the added lines)
    gone = set()
    for line in open(a.changes) if a.changes else ():
        f = line.rstrip("\n").split("\t")
        if not line.startswith("#") and len(f) >= 7 and f[1] == "removed":
            gone.add((f[0], f[2], f[3], f[4]))
    st = {}
    for line in open(a.judgements):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        half, kind, verdict, cls = f[0], f[1], f[6], f[7] if len(f) > 7 else ""
        k = st.setdefault(half, {"ok": 0, "fp": 0, "fpmiss": 0, "fn": 0})
        if kind == "sample" and (half, f[2], f[3], f[4]) in gone:
            continue
        if kind == "sample":
            k["ok" if verdict == "ok" else "fp"] += 1
            if verdict == "fp" and cls.split(":")[0] in ("span", "value", "label"):
                k["fpmiss"] += 1
        elif kind == "missed" and verdict == "fn":
            k["fn"] += 1
    # with --changes (lines of `changes`, verdicts filled in: added ok/fp, removed any, fixed
    # fn = found right now): the other output's figures, the sampled error rates applied to the
    # mentions both outputs share
    ch = {}
    for line in open(a.changes) if a.changes else ():
        f = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(f) < 7:
            continue
        k = ch.setdefault(f[0], {"added": 0, "added_fp": 0, "removed": 0, "fixed": 0})
        if f[1] == "added":
            k["added"] += 1
            k["added_fp"] += f[6] == "fp"
        elif f[1] == "removed":
            k["removed"] += 1
        elif f[1] == "fixed" and f[6] == "fn":
            k["fixed"] += 1
    for h, k in st.items():
        n = k["ok"] + k["fp"]
        rate, miss = (k["fp"] / n, k["fpmiss"] / n) if n else (0.0, 0.0)
        c = ch.get(h)
        if c:
            shared = total[h] - c["removed"]
            na = shared + c["added"]
            fp, fn = rate * shared + c["added_fp"], k["fn"] - c["fixed"] + miss * shared
        else:
            na, fp, fn = total[h], rate * total[h], k["fn"] + miss * total[h]
        p = (na - fp) / na if na else 0.0
        r = (na - fp) / (na - fp + fn) if na - fp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        extra = f", changed: +{c['added']} -{c['removed']}, misses fixed {c['fixed']}" if c else ""
        print(f"{h}: mentions {na}, sampled {n} (fp {k['fp']}), unannotated misses {k['fn']}"
              f"{extra}: P {p:.3f} R {r:.3f} F1 {f1:.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["sample", "missed", "score", "changes"])
    ap.add_argument("file")
    ap.add_argument("judgements", nargs="?")
    ap.add_argument("--half", default="audit", choices=["audit", "held"])
    ap.add_argument("--n", type=int, default=250)
    ap.add_argument("--after", help="changes: the other output (same articles, same order)")
    ap.add_argument("--changes", help="score: the judged changes of another output")
    a = ap.parse_args()
    {"sample": cmd_sample, "missed": cmd_missed, "score": cmd_score, "changes": cmd_changes}[a.cmd](a)


if __name__ == "__main__":
    main()
