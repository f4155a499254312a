#!/usr/bin/env bash
# Rebuild data/models/entities.model from data/train/ (byte-identical for the same inputs:
# fixed seed, one thread). Usage: bash scripts/train-entities.sh [BUILD_DIR] [OUT]
# BUILD_DIR defaults to build/release (built if missing); OUT to data/models/entities.model.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
out=${2:-data/models/entities.model}
if [ ! -x "$build/tools/train_entities" ]; then
  if [ "$build" = build/release ]; then
    cmake --preset release >/dev/null
    cmake --build --preset release -j2 --target train_entities
  else
    echo "train-entities: $build/tools/train_entities missing (build it first)" >&2
    exit 1
  fi
fi
python3 scripts/newswire2conll.py >/dev/null
mkdir -p "$(dirname "$out")"
# The team newswire is the only in-domain set and small: it is given three times the weight.
# Weight and epochs were chosen on the dev sets only (scripts/tune-entities.sh; docs/entities.md).
t=data/train
"$build/tools/train_entities" --data-dir data --out "$out" --epochs 8 --seed 42 \
  "$t/gum.conll" "$t/wikigold.conll" "$t/uner_en_ewt.conll" \
  "$t/newswire_team_train.conll" "$t/newswire_team_train.conll" "$t/newswire_team_train.conll"
sha256sum "$out"
