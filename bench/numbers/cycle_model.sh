#!/usr/bin/env bash
# bench/numbers/cycle_model.sh — the numbers stage's cost on a corpus, load-free: instructions
# (Ir), instruction-cache misses (I1mr) and mispredicted branches from callgrind's simulation,
# and the rough cycle model Ir + 10 x I1mr + 15 x mispredicts that matched the wall-clock ratios
# on the shared 2-core machines of issue 10 (docs/numbers.md). Compare two binaries on the same
# corpus in the same run; quote the corpus and the stages with a figure.
#
# Usage: bench/numbers/cycle_model.sh NEWSFLOW_BINARY CORPUS.jsonl [STAGES]
#        (STAGES default decode,numbers,encode: the stage alone; the default pipeline's order
#        is decode,normalize,dateline,numbers,...: then the stage walks the shared tokens)
set -euo pipefail
if [[ $# -lt 2 ]]; then
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
bin=$1 corpus=$2 stages=${3:-decode,numbers,encode}
command -v valgrind >/dev/null || { echo "cycle_model.sh: valgrind is not installed" >&2; exit 2; }
out=$(mktemp /tmp/nf-cycle-model.XXXXXX)
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes --toggle-collect=nf_numbers_process \
    --callgrind-out-file="$out" "$bin" tag -X run.workers=1 -X pipeline.stages="$stages" \
    "$corpus" >/dev/null 2>&1
# PROGRAM TOTALS: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim
callgrind_annotate "$out" | grep 'PROGRAM TOTALS' | sed 's/([^)]*)//g; s/,//g' |
    awk -v c="$(basename "$corpus")" -v s="$stages" '{
        printf "%s %s: Ir %.2f M, I1mr %.3f M, mispredicted %.3f M, model %.2f M\n",
               c, s, $1 / 1e6, $4 / 1e6, ($11 + $13) / 1e6, ($1 + 10 * $4 + 15 * ($11 + $13)) / 1e6 }'
