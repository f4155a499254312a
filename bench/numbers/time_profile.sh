#!/usr/bin/env bash
# bench/numbers/time_profile.sh — where the numbers stage alone spends its time: perf cpu-clock
# samples (a software timer: works in VMs without hardware counters), at real-time priority where
# allowed, per function of the stage, as a share of the stage's samples. Unlike callgrind's
# instruction counts this sees latency: a loop whose every step waits for the previous load costs
# more time than its instructions say (docs/benchmarks.md, "fifteenth session").
#
# Usage: bench/numbers/time_profile.sh NEWSFLOW_BINARY BUILD_DIR CORPUS.jsonl [DATA_DIR]
#        (BUILD_DIR: the binary's build tree; its stages/numbers objects name the stage's functions)
set -euo pipefail
if [[ $# -lt 3 ]]; then
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
bin=$1 bdir=$2 corpus=$3 data=${4:-}
command -v perf >/dev/null || { echo "time_profile.sh: perf is not installed (linux-perf)" >&2; exit 2; }
rt=()
chrt -f 50 true 2>/dev/null && rt=(chrt -f 50)
out=$(mktemp "${TMPDIR:-/tmp}/nf-time-profile.XXXXXX")
trap 'rm -f "$out" "$out.txt"' EXIT
args=(tag -X run.workers=1 -X pipeline.stages=decode,numbers,encode)
[[ -n "$data" ]] && args+=(-X "pipeline.data_dir=$data")
"${rt[@]}" perf record -q -e cpu-clock -F 20000 -o "$out" "$bin" "${args[@]}" "$corpus" >/dev/null 2>&1
perf report -i "$out" --no-children --sort symbol 2>/dev/null | grep -v '^#' |
    awk 'NF >= 3 { gsub("%", "", $1); print $1, $3 }' >"$out.txt"
python3 - "$out.txt" "$bdir" <<'PY'
import glob, subprocess, sys
objs = glob.glob(sys.argv[2] + "/**/stages/numbers/*.o", recursive=True)
if not objs:
    sys.exit(f"time_profile.sh: no stages/numbers objects under {sys.argv[2]}")
stage = set()
for o in objs:
    for line in subprocess.run(["nm", "--defined-only", o], capture_output=True, text=True).stdout.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "tTwW":
            stage.add(f[2])
rows = [(float(v), s) for v, s in (l.split()[:2] for l in open(sys.argv[1])) if s.split(".")[0] in stage]
total = sum(v for v, _ in rows) or 1.0
print(f"numbers stage: {total:.1f}% of the process's samples (loading the data files included)")
for v, s in sorted(rows, reverse=True)[:25]:
    print(f"{100 * v / total:5.1f}%  {s}")
PY
