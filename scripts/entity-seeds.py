#!/usr/bin/env python3
"""Hybrid strict F1 of models trained on five seeds: is a change better than seed noise?

Trains the model as scripts/train-entities.sh does (same files, weights and epochs) with the
seeds 42 (the shipped one), 7, 99, 1 and 2, and scores hybrid (PERSON/ORG/LOC strict micro
F1) on every set of eval_entities.py plus the repository's newswire gold. Prints one line per
seed and the mean; "dev mean" is the mean of the three dev sets. The models are written next
to the shipped one under temporary names and removed.

    python3 scripts/entity-seeds.py --build build/release [-X stage.entities.KEY=VALUE ...]

Needs ../shared (the GUM and UNER sets). Standard library only; about 15 s a seed.
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import eval_entities as ev  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, ".."))
TRAIN = os.path.join(ROOT, "data", "train")
FILES = [os.path.join(TRAIN, f) for f in ("gum.conll", "wikigold.conll", "uner_en_ewt.conll")]
FILES += [os.path.join(TRAIN, "newswire_team_train.conll")] * 3   # as train-entities.sh
SEEDS = [42, 7, 99, 1, 2]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "release"))
    ap.add_argument("-X", action="append", default=[], help="extra -X for newsflow tag")
    a = ap.parse_args()
    sets = [(n, ev.load_gold(p)) for n, p in ev.ALL_SETS]
    sets.append(("repo gold", ev.load_gold(os.path.join(ROOT, "tests", "data", "entities",
                                                         "newswire_gold.jsonl"))))
    print("seed  " + "  ".join(n[:12] for n, _ in sets) + "  dev mean")
    rows = []
    for seed in SEEDS:
        name = f".seed-{seed}-{os.getpid()}.model"
        path = os.path.join(ROOT, "data", "models", name)
        try:
            subprocess.run([os.path.join(a.build, "tools", "train_entities"), "--data-dir",
                            os.path.join(ROOT, "data"), "--out", path, "--epochs", "8",
                            "--seed", str(seed)] + FILES, check=True, capture_output=True)
            xs = [f"stage.entities.model=models/{name}", "stage.entities.combine=hybrid"] + a.X
            f = [ev.micro(ev.score(d, ev.run_newsflow(os.path.join(a.build, "newsflow"), d, xs)),
                          "strict", ev.LABELS)[2] for _, d in sets]
        finally:
            if os.path.exists(path):
                os.remove(path)
        rows.append(f)
        print(f"{seed:<4}  " + "  ".join(f"{x:.4f}" for x in f) + f"  {sum(f[:3]) / 3:.4f}",
              flush=True)
    mean = [sum(c) / len(c) for c in zip(*rows)]
    print("mean  " + "  ".join(f"{x:.4f}" for x in mean) + f"  {sum(mean[:3]) / 3:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
