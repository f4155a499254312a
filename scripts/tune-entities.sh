#!/usr/bin/env bash
# Choose the training settings of scripts/train-entities.sh (team newswire weight, epochs) on
# the DEV sets only: GUM news dev, UNER EWT test and the first batch's held-out team newswire,
# with the repository's newswire gold as a guard. The aside sets (newswire_team_aside*.conll)
# are never read here: they are used for no choice.
#
#   bash scripts/tune-entities.sh                       # weights 2 3 4, epochs 6 8, seeds 42 7 99
#   WEIGHTS="1 2 3" EPOCHS="6 10" SEEDS="42" bash scripts/tune-entities.sh
#
# Prints one line per setting and mode: strict F1 per dev set averaged over the seeds, their
# mean, and the repo gold (mean and worst seed). Differences of ~0.01 on these small sets are
# seed noise (docs/entities.md), hence several seeds. Needs build/release (newsflow and
# tools/train_entities); models go to a temporary directory that is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release
for b in "$build/newsflow" "$build/tools/train_entities"; do
  [ -x "$b" ] || { echo "tune-entities: $b missing (cmake --build --preset release)" >&2; exit 1; }
done
python3 scripts/newswire2conll.py >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# stage.entities.model is read relative to pipeline.data_dir (data/).
rel=$(python3 -c 'import os,sys; print(os.path.relpath(sys.argv[1], "data"))' "$tmp")
t=data/train
sets="../shared/data/eval/entities_dev_gum.jsonl ../shared/data/train/uner_en_ewt_test.conll
      $t/newswire_team_test.conll tests/data/entities/newswire_gold.jsonl"
f1() {   # gold mode model -> strict micro F1 over PERSON/ORG/LOC
  python3 scripts/eval_entities.py --newsflow "$build/newsflow" --gold "$1" --modes "$2" \
      -X "stage.entities.model=$3" | awk '/^strict/{s=1} s&&$1=="all"{print $4; exit}'
}
for w in ${WEIGHTS:-2 3 4}; do
  for e in ${EPOCHS:-6 8}; do
    for seed in ${SEEDS:-42 7 99}; do
      files=("$t/gum.conll" "$t/wikigold.conll" "$t/uner_en_ewt.conll")
      for _ in $(seq "$w"); do files+=("$t/newswire_team_train.conll"); done
      "$build/tools/train_entities" --data-dir data --out "$tmp/m.model" --epochs "$e" \
          --seed "$seed" "${files[@]}" >/dev/null 2>&1
      for mode in model hybrid; do
        line="$w $e $seed $mode"
        for s in $sets; do line="$line $(f1 "$s" "$mode" "$rel/m.model")"; done
        echo "$line"
      done
    done
  done
done | python3 -c '
import sys, collections
rows = collections.defaultdict(list)
for l in sys.stdin:
    p = l.split()
    rows[(int(p[0]), int(p[1]), p[3])].append([float(x) for x in p[4:8]])
print("weight epochs mode    GUM    UNER   team   dev-mean  repo-gold (worst seed)")
for k in sorted(rows):
    v = rows[k]
    m = [sum(x[i] for x in v) / len(v) for i in range(4)]
    print(f"{k[0]:6d} {k[1]:6d} {k[2]:6s} {m[0]:.3f}  {m[1]:.3f}  {m[2]:.3f}  {sum(m[:3]) / 3:.4f}    "
          f"{m[3]:.3f} ({min(x[3] for x in v):.3f})  seeds={len(v)}")
'
