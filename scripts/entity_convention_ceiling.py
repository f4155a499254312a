#!/usr/bin/env python3
"""How far can a tagger that follows OUR span convention get on the GUM news dev set?

The GUM news dev file (../shared/data/eval/entities_dev_gum.jsonl) scores `name_start..name_end`,
a proper-name span derived from GUM's noun-phrase mentions: it keeps titles and possessives
("U.S. President Donald Trump's"), cuts some names at "of" ("Daughters") and counts generic
heads ("The President" -> "President"). The training file ../shared/data/train/gum_news.conll
is the SAME 22 documents with the CoNLL/OntoNotes convention newsflow follows (record format:
"Kassym-Jomart Tokayev", no title, no possessive).

This script projects the CoNLL gold of gum_news.conll onto the dev file's texts and scores it
with scripts/eval_entities.py, i.e. it scores a PERFECT tagger of our convention. Its strict F1
is the ceiling any convention-keeping tagger can reach on this set (and on held-out sets built
the same way); the gap between that and 1.0 is convention, not tagging error.

    python3 scripts/entity_convention_ceiling.py [--show 10]

Standard library only; reads ../shared (not part of the test suite).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "data")
DEV = os.path.join(SHARED, "eval", "entities_dev_gum.jsonl")
CONLL = os.path.join(SHARED, "train", "gum_news.conll")
# Tokens of a CoNLL document may skip at most this many characters of the dev text (blanks,
# quotes the converter dropped); a larger jump means the documents do not match.
MAX_GAP = 40


def read_conll(path):
    docs, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line == "-DOCSTART-":
                if cur:
                    docs.append(cur)
                cur = []
            elif line:
                tok, tag = line.split("\t")
                cur.append((tok, tag))
    if cur:
        docs.append(cur)
    return docs


def align(tokens, text):
    """Code-point span of each token in text, in order (None if a token is not found)."""
    pos, spans = 0, []
    for tok, _ in tokens:
        p = text.find(tok, pos)
        if p < 0 or p - pos > MAX_GAP:
            spans.append(None)
            continue
        spans.append((p, p + len(tok)))
        pos = p + len(tok)
    return spans


def matches(tokens, text, n=30):
    head = tokens[:n]
    return all(s is not None for s in align(head, text))


def conll_entities(tokens, spans, text):
    ents, i = [], 0
    while i < len(tokens):
        tag = tokens[i][1]
        if not tag.startswith("B-"):
            i += 1
            continue
        label, j = tag[2:], i + 1
        while j < len(tokens) and tokens[j][1] == "I-" + label:
            j += 1
        if spans[i] and spans[j - 1]:
            s, e = spans[i][0], spans[j - 1][1]
            ents.append({"label": label, "start": s, "end": e, "text": text[s:e]})
        i = j
    return ents


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", type=int, default=0, help="passed to eval_entities.py")
    args = ap.parse_args()
    for path in (DEV, CONLL):
        if not os.path.exists(path):
            sys.exit(f"entity_convention_ceiling: {path} not found (needs ../shared)")
    dev = [json.loads(l) for l in open(DEV, encoding="utf-8")]
    used = set()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as out:
        for tokens in read_conll(CONLL):
            gi = next((i for i, g in enumerate(dev)
                       if i not in used and matches(tokens, g["text"])), None)
            if gi is None:
                sys.exit("entity_convention_ceiling: a gum_news.conll document matches no dev text")
            used.add(gi)
            text = dev[gi]["text"]
            ents = conll_entities(tokens, align(tokens, text), text)
            out.write(json.dumps({"id": dev[gi]["id"], "text": text, "entities": ents}) + "\n")
    print(f"{len(used)} of {len(dev)} dev documents projected from gum_news.conll")
    cmd = [sys.executable, os.path.join(HERE, "eval_entities.py"), "--pred", out.name,
           "--gold", DEV, "--show", str(args.show)]
    rc = subprocess.call(cmd)
    os.unlink(out.name)
    sys.exit(rc)


if __name__ == "__main__":
    main()
