#!/usr/bin/env python3
"""Convert the team-written newswire (data/train/newswire_team.txt, inline [LABEL text]
markup, see docs/entity-annotation.md) into the CoNLL format of the other training files.

    python3 scripts/newswire2conll.py   # writes data/train/newswire_team_{train,test,aside,aside4}.conll

Documents marked "test = yes" go to the test file (held out: never trained on; a dev set);
documents marked "aside = yes" (every fifth of batches 2-3, nw093-nw182) go to the aside
file, held out and used for no choice; "aside4 = yes" (every fifth of batch 4, nw183-) goes
to its own aside file in the same way, so it is reported apart from the earlier aside set."""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "train")
LABELS = {"PERSON", "ORG", "LOC", "GPE", "NORP"}
TOKEN = re.compile(r"\w+(?:[-'\u2019.&]\w+)*|\S", re.UNICODE)
MARK = re.compile(r"\[([A-Z]+) ([^\[\]]+)\]")


def line_tokens(line, where):
    out = []
    pos = 0
    for m in MARK.finditer(line):
        for t in TOKEN.findall(line[pos:m.start()]):
            out.append((t, "O"))
        label, text = m.group(1), m.group(2)
        if label not in LABELS:
            sys.exit(f"{where}: unknown label {label}")
        for k, t in enumerate(TOKEN.findall(text)):
            out.append((t, ("B-" if k == 0 else "I-") + label))
        pos = m.end()
    for t in TOKEN.findall(line[pos:]):
        out.append((t, "O"))
    if "[" in "".join(t for t, _ in out) or "]" in "".join(t for t, _ in out):
        sys.exit(f"{where}: unbalanced brackets")
    return out


def main():
    src = os.path.join(DATA, "newswire_team.txt")
    docs = []
    cur = None
    with open(src, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("## "):
                cur = {"id": line[3:].strip(), "part": "train", "lines": []}
                docs.append(cur)
            elif line.startswith("#") or not line.strip() or cur is None:
                continue
            elif line.strip() in ("test = yes", "aside = yes", "aside4 = yes"):
                cur["part"] = line.split("=")[0].strip()
            else:
                cur["lines"].append(line_tokens(line, f"{src}:{n}"))
    for part in ("train", "test", "aside", "aside4"):
        path = os.path.join(DATA, f"newswire_team_{part}.conll")
        with open(path, "w", encoding="utf-8") as out:
            for d in docs:
                if d["part"] != part:
                    continue
                out.write("-DOCSTART-\n\n")
                for toks in d["lines"]:
                    for t, tag in toks:
                        out.write(f"{t}\t{tag}\n")
                    out.write("\n")
        print(f"{path}: {sum(1 for d in docs if d['part'] == part)} documents")


if __name__ == "__main__":
    main()
