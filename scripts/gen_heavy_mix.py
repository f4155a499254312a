#!/usr/bin/env python3
"""A worst-case article mix for memory and record-size measurements (JSONL on stdout).

    scripts/gen_heavy_mix.py [--seed 7] [--count 2000] [--heavy-every 100] [--heavy-kb 900]

Ordinary articles from scripts/gen_corpus.py, and every --heavy-every-th one replaced by a
large article dense with numbers and entities (about --heavy-kb KB: money, percentages, dates,
quantities, places), the kind whose working memory and record are the largest per input byte.
Deterministic for given arguments. Standard library only.
"""

import argparse
import json
import os
import random
import subprocess
import sys

SENTENCES = (
    "On March {d}, 2024 the Central Bank of Kazakhstan raised rates by {p} basis points to {q}%.",
    "Exports from Almaty rose {q}% to ${m} billion, while imports fell {p}% in the {o} quarter.",
    "President Kassym-Jomart Tokayev met German Chancellor Olaf Scholz in Berlin on {d} May.",
    "The firm shipped {n} tonnes of wheat worth {m} million euros via Tashkent and Baku.",
    "Inflation eased to {q} percent in Uzbekistan, the {o} decline in a row, from {p}.{d}%.",
)
ORDINALS = ("first", "second", "third", "fourth", "fifth")


def heavy(rng, i, kb):
    parts, size = [], 0
    while size < kb * 1024:
        s = rng.choice(SENTENCES).format(d=rng.randint(1, 28), p=rng.randint(5, 95),
                                         q=rng.randint(1, 99), m=rng.randint(2, 900),
                                         n=rng.randint(1000, 99000), o=rng.choice(ORDINALS))
        parts.append(s)
        size += len(s) + 1
    return {"id": "heavy-%d" % i, "title": "Figures of the week %d" % i,
            "body": " ".join(parts), "published_at": "2024-05-01", "source": "bench",
            "language": "en"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--heavy-every", type=int, default=100)
    ap.add_argument("--heavy-kb", type=int, default=900)
    a = ap.parse_args()
    gen = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen_corpus.py")
    lines = subprocess.run([sys.executable, gen, "--seed", str(a.seed), "--count", str(a.count)],
                           check=True, capture_output=True, text=True).stdout.splitlines()
    rng = random.Random(a.seed)
    out = sys.stdout
    for i, line in enumerate(lines):
        if a.heavy_every > 0 and i % a.heavy_every == a.heavy_every - 1:
            out.write(json.dumps(heavy(rng, i, a.heavy_kb), separators=(",", ":")) + "\n")
        else:
            out.write(line + "\n")


if __name__ == "__main__":
    main()
