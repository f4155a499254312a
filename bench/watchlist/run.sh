#!/usr/bin/env bash
# bench/watchlist/run.sh — watchlist load time, memory and scan speed; patterns speed.
#
#   bench/watchlist/run.sh [--repeat N]
#
# Builds the release preset (wl_bench, newsflow), generates the bench corpus
# (scripts/gen_corpus.py --seed 42 --count 20000) and two lists (100,000 and 1,000,000
# entries, bench/watchlist/gen_watchlist.py --seed 7, with 2,000 names from the corpus so
# there are hits) under build/bench/, then prints:
#   - wl_bench for each list: load wall/CPU time, resident-set growth, stage MB/s per core
#     (thread CPU time, so other processes on a shared machine do not count);
#   - `newsflow tag --stats -X pipeline.stages=decode,patterns,encode` (built-in pack).
# Nothing asserts on the figures (they depend on the machine); docs/benchmarks.md records some.
set -euo pipefail
cd "$(dirname "$0")/../.."
repeat=3
[[ "${1:-}" == "--repeat" ]] && repeat="$2"
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target wl_bench newsflow >/dev/null
mkdir -p build/bench
corpus=build/bench/corpus-s42-n20000.jsonl
[[ -s $corpus ]] || python3 scripts/gen_corpus.py --seed 42 --count 20000 > "$corpus"
for n in 100000 1000000; do
    list=build/bench/wl-$n.tsv
    [[ -s $list ]] || python3 bench/watchlist/gen_watchlist.py --count $n --seed 7 \
        --corpus "$corpus" > "$list"
    echo "== watchlist, $n entries"
    build/release/bench/watchlist/wl_bench "$list" "$corpus" "$repeat" 2>/dev/null
done
echo "== patterns, built-in pack (fastest of $repeat)"
for ((i = 0; i < repeat; i++)); do
    build/release/newsflow tag --stats -X pipeline.stages=decode,patterns,encode "$corpus" \
        2>&1 >/dev/null | grep 'stage patterns'
done | sort -k12 -n -r | head -1
