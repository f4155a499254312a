#!/usr/bin/env bash
# bench/numbers/wall_ratio.sh — the numbers stage alone, timed: MB/s of several builds on one
# corpus, run interleaved (A B C A B C ...) so that a drift of the machine hits all of them, and
# the ratio of each median to the first build's. Each run is alone (a lock file) and, where the
# user may (root or CAP_SYS_NICE), at real-time priority (chrt -f 50), so that builds and other
# work on a shared machine do not preempt it: on the 2-core VMs of issue 10 this keeps the noise
# of a median of 7 runs near +-1% on a 13 MB corpus with the machine fully loaded.
# Quote the machine, the corpus and the number of rounds with a figure (docs/benchmarks.md).
#
# Usage: bench/numbers/wall_ratio.sh ROUNDS CORPUS.jsonl NAME:NEWSFLOW_BINARY[:DATA_DIR] ...
#        (DATA_DIR: the build's own data/ when comparing revisions whose data files differ)
set -euo pipefail
if [[ $# -lt 3 ]]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
rounds=$1 corpus=$2
shift 2
rt=()
if chrt -f 50 true 2>/dev/null; then rt=(chrt -f 50); else
    echo "wall_ratio.sh: no real-time priority here (not root): runs may be preempted" >&2
fi
lock=${TMPDIR:-/tmp}/nf-wall-ratio.lock
out=$(mktemp "${TMPDIR:-/tmp}/nf-wall-ratio.XXXXXX")
trap 'rm -f "$out"' EXIT
for ((r = 0; r < rounds; r++)); do
    for spec in "$@"; do
        IFS=: read -r name bin data <<<"$spec"
        args=(tag --stats -X run.workers=1 -X pipeline.stages=decode,numbers,encode)
        [[ -n "${data:-}" ]] && args+=(-X "pipeline.data_dir=$data")
        mbs=$(flock "$lock" "${rt[@]}" "$bin" "${args[@]}" "$corpus" 2>&1 >/dev/null |
              awk '/^stage numbers +docs/ {print $NF}')
        [[ -n "$mbs" ]] || { echo "wall_ratio.sh: no 'stage numbers' line from $bin" >&2; exit 1; }
        echo "$name $mbs" >>"$out"
    done
done
python3 - "$out" "$(basename "$corpus")" "$rounds" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, mbs = line.split()
    runs.setdefault(name, []).append(float(mbs))
first = statistics.median(next(iter(runs.values())))
for name, v in runs.items():
    m = statistics.median(v)
    print(f"{sys.argv[2]} {name}: median {m:.1f} MB/s (range {min(v):.1f}-{max(v):.1f}, "
          f"{sys.argv[3]} rounds), ratio {m / first:.3f}")
PY
