#!/usr/bin/env bash
# bench/run.sh — throughput of newsflow: (a) the pipeline alone (`newsflow tag`) and (b) end to
# end through a real Kafka broker (`newsflow run --until-end`), each for the full pipeline and
# for a passthrough pipeline (decode,encode), on a generated corpus or a JSONL file.
# See docs/benchmarks.md for what every figure means.
#
# Usage: bench/run.sh [--corpus FILE.jsonl] [--count N] [--seed S] [--skip-broker]
#                     [--repeat R] [--build-dir DIR] [--no-build] [--keep-topics] [--stop-broker]
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd -P)"
PROG="bench/run.sh"

COUNT=20000
SEED=42
CORPUS=""
SKIP_BROKER=0
REPEAT=1
BUILD_DIR="${NF_BENCH_BUILD_DIR:-build/release}"
KEEP_TOPICS=0
STOP_BROKER=0
NO_BUILD=0
EOS=0
JOBS="${NF_BENCH_JOBS:-2}"
RUN_TIMEOUT="${NF_BENCH_RUN_TIMEOUT:-600}"
PASSTHROUGH_STAGES="decode,encode"

usage() {
    cat <<EOF
Usage: $PROG [options]

Builds newsflow (Release) and prints its throughput on a corpus:
  (a) pipeline only: 'newsflow tag' over the corpus, full pipeline and passthrough
      (pipeline.stages=$PASSTHROUGH_STAGES): articles/s, MB/s of text, peak RSS, and the
      per-stage figures of 'newsflow tag --stats';
  (b) end to end: the corpus produced into a fresh 3-partition topic on a real broker, then
      'newsflow run --until-end' for the full pipeline and for passthrough, in the same run:
      articles/s of each and their ratio; output counts checked with kcat.

Options:
  --corpus FILE    JSONL input (one article per line); default: a generated corpus, cached
                   as build/bench/corpus-s<SEED>-n<COUNT>.jsonl
  --count N        articles to generate (default $COUNT; ignored with --corpus)
  --seed S         generator seed (default $SEED)
  --skip-broker    only part (a)
  --repeat R       run each measurement R times and keep the fastest (default 1); in (b) the
                   runs alternate passthrough and full, each with fresh topics and group
  --build-dir DIR  build directory (default $BUILD_DIR, or \$NF_BENCH_BUILD_DIR)
  --no-build       use DIR/newsflow as it is (no cmake)
  --keep-topics    do not delete the bench topics at the end
  --eos            in (b), also the full pipeline with producer.delivery=exactly-once at
                   three batch sizes (run.txn_max_messages 100 / 1000 / 10000), in the same
                   run over the same input: throughput ratio to at-least-once
  --stop-broker    stop the broker at the end if this script started it (by default it is
                   left running: other runs and tests on this machine may be using it)
  -h, --help       this text

Environment: NF_BROKER=host:port uses that broker instead of 'scripts/broker.sh start';
NF_BENCH_JOBS (build parallelism, default 2); NF_BENCH_RUN_TIMEOUT (seconds per newsflow
run, default 600); NF_BENCH_NO_GNU_TIME=1 (use the /proc fallback for peak RSS even when GNU
time is installed, to test it).
Needs: cmake, a C compiler and the newsflow build dependencies, python3; for (b) kcat and
what scripts/broker.sh needs (Java, Maven once). Peak RSS comes from GNU time (/usr/bin/time,
Debian package 'time') when installed, otherwise from polling /proc/<pid>/status (VmHWM).
EOF
}

say() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }

while (($#)); do
    case "$1" in
        --corpus) [[ $# -ge 2 ]] || die "--corpus needs a file"; CORPUS="$2"; shift 2 ;;
        --corpus=*) CORPUS="${1#*=}"; shift ;;
        --count) [[ $# -ge 2 ]] || die "--count needs a number"; COUNT="$2"; shift 2 ;;
        --count=*) COUNT="${1#*=}"; shift ;;
        --seed) [[ $# -ge 2 ]] || die "--seed needs a number"; SEED="$2"; shift 2 ;;
        --seed=*) SEED="${1#*=}"; shift ;;
        --repeat) [[ $# -ge 2 ]] || die "--repeat needs a number"; REPEAT="$2"; shift 2 ;;
        --repeat=*) REPEAT="${1#*=}"; shift ;;
        --build-dir) [[ $# -ge 2 ]] || die "--build-dir needs a directory"; BUILD_DIR="$2"; shift 2 ;;
        --build-dir=*) BUILD_DIR="${1#*=}"; shift ;;
        --skip-broker) SKIP_BROKER=1; shift ;;
        --no-build) NO_BUILD=1; shift ;;
        --keep-topics) KEEP_TOPICS=1; shift ;;
        --stop-broker) STOP_BROKER=1; shift ;;
        --eos) EOS=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
done
[[ "$COUNT" =~ ^[1-9][0-9]*$ ]] || die "--count must be a positive integer, got '$COUNT'"
[[ "$SEED" =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer, got '$SEED'"
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "--repeat must be a positive integer, got '$REPEAT'"
if [[ -n "$CORPUS" ]]; then
    [[ -r "$CORPUS" && -f "$CORPUS" ]] || die "cannot read corpus '$CORPUS'"
    CORPUS="$(cd "$(dirname "$CORPUS")" && pwd -P)/$(basename "$CORPUS")"
fi

cd "$REPO"
WORK="$REPO/build/bench"
mkdir -p "$WORK"
BENCH_START=$SECONDS

# --- tools -------------------------------------------------------------------------------
command -v cmake >/dev/null 2>&1 || die "cmake not found (apt-get install cmake)"
command -v python3 >/dev/null 2>&1 || die "python3 not found (apt-get install python3): the corpus generator and the corpus statistics need it"
GNU_TIME=""
if [[ -z "${NF_BENCH_NO_GNU_TIME:-}" && -x /usr/bin/time ]] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
    GNU_TIME=/usr/bin/time
elif [[ -n "${NF_BENCH_NO_GNU_TIME:-}" ]]; then
    say "NF_BENCH_NO_GNU_TIME is set: peak RSS is sampled from /proc/<pid>/status (VmHWM) every 50 ms, CPU seconds are not reported"
else
    say "GNU time not found (/usr/bin/time, Debian package 'time'): peak RSS is sampled from /proc/<pid>/status (VmHWM) every 50 ms instead, and CPU seconds are not reported. Not installing anything."
fi
if ((!SKIP_BROKER)); then
    command -v kcat >/dev/null 2>&1 || die "kcat not found (apt-get install kcat), needed for part (b); use --skip-broker for part (a) only"
fi

# --- helpers -----------------------------------------------------------------------------
now_ns() { date +%s%N; }
# fmt_div A B DECIMALS -> A/B, or "n/a" when B is 0
fmt_div() { awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.*f\n", d, a / b }'; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.3f\n", ns / 1e9 }'; }
mib() { awk -v k="$1" 'BEGIN { if (k == "" || k == "n/a") print "n/a"; else printf "%.1f\n", k / 1024 }'; }
thousands() { printf "%'d" "$1" 2>/dev/null || printf '%d' "$1"; }

# tree_hwm PID -> the largest VmHWM (KiB) of PID and its descendants, or nothing
tree_hwm() {
    local todo=("$1") seen=() p c
    while ((${#todo[@]})); do
        p="${todo[0]}"; todo=("${todo[@]:1}")
        seen+=("$p")
        for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do todo+=("$c"); done
    done
    for p in "${seen[@]}"; do
        awk '/^VmHWM:/ { print $2 }' "/proc/$p/status" 2>/dev/null || true
    done | sort -n | tail -n 1
}

# measure NAME CMD... — runs CMD (with the caller's redirections), sets M_RC, M_WALL_NS,
# M_RSS_KB (peak resident set, KiB), M_CPU (user+sys seconds, or n/a).
measure() {
    local name="$1"; shift
    local t0 t1 tf="$WORK/$name.time"
    M_RC=0
    t0=$(now_ns)
    if [[ -n "$GNU_TIME" ]]; then
        "$GNU_TIME" -f '%U %S %M' -o "$tf" "$@" || M_RC=$?
        t1=$(now_ns)
        # On failure GNU time writes "Command exited with non-zero status N" first.
        read -r u s M_RSS_KB < <(tail -n 1 "$tf")
        M_CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f\n", u + s }')
    else
        "$@" &
        local pid=$! hwm="" v
        while kill -0 "$pid" 2>/dev/null; do
            # the command and its descendants (CMD may be a wrapper such as timeout)
            v=$(tree_hwm "$pid")
            [[ -n "$v" ]] && { [[ -z "$hwm" ]] || ((v > hwm)); } && hwm="$v"
            sleep 0.05
        done
        wait "$pid" || M_RC=$?
        t1=$(now_ns)
        M_RSS_KB="${hwm:-n/a}"
        M_CPU="n/a"
    fi
    M_WALL_NS=$((t1 - t0))
}

# --- machine -----------------------------------------------------------------------------
CPU_MODEL="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
[[ -n "$CPU_MODEL" ]] || CPU_MODEL="$(uname -m)"
NPROC="$(nproc 2>/dev/null || echo '?')"
MEM_GB="$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo '?')"
GIT_REV="unknown"
if command -v git >/dev/null 2>&1 && git -C "$REPO" rev-parse --short HEAD >/dev/null 2>&1; then
    GIT_REV="$(git -C "$REPO" rev-parse --short HEAD)"
    if [[ -n "$(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
        GIT_REV="$GIT_REV (with uncommitted changes)"
    fi
fi

# --- build -------------------------------------------------------------------------------
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$REPO/$BUILD_DIR" ;; esac
BUILD_LOG="$WORK/build.log"
BUILD_TYPE="Release"
cached=""
if [[ -f "$BUILD_DIR/CMakeCache.txt" ]]; then
    cached="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")"
    [[ "$cached" == "RelWithDebInfo" ]] && BUILD_TYPE="RelWithDebInfo"
fi
if ((NO_BUILD)); then
    say "not building (--no-build): using $BUILD_DIR/newsflow as it is"
    BUILD_TYPE="${cached:-unknown}"
else
    say "building newsflow ($BUILD_TYPE) in $BUILD_DIR (log: $BUILD_LOG)"
fi
if ((!NO_BUILD)) && ! { cmake -S "$REPO" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" &&
       cmake --build "$BUILD_DIR" --target newsflow -j "$JOBS"; } >"$BUILD_LOG" 2>&1; then
    tail -n 40 "$BUILD_LOG" >&2
    die "build failed (full log: $BUILD_LOG)"
fi
NF="$BUILD_DIR/newsflow"
[[ -x "$NF" ]] || die "no executable at $NF after the build"
if grep -qs '^NF_SANITIZE:STRING=.\+' "$BUILD_DIR/CMakeCache.txt"; then
    say "warning: $BUILD_DIR is a sanitizer build; figures will be much lower than a plain Release build"
fi
NF_VERSION="$("$NF" --version 2>/dev/null | head -n 1 || echo unknown)"

# --- corpus ------------------------------------------------------------------------------
if [[ -z "$CORPUS" ]]; then
    CORPUS="$WORK/corpus-s$SEED-n$COUNT.jsonl"
    GEN="$REPO/scripts/gen_corpus.py"
    if [[ ! -s "$CORPUS" || "$GEN" -nt "$CORPUS" ]]; then
        say "generating $COUNT articles (seed $SEED) into $CORPUS"
        python3 "$GEN" --seed "$SEED" --count "$COUNT" --out "$CORPUS"
    else
        say "using cached corpus $CORPUS"
    fi
    CORPUS_DESC="generated: scripts/gen_corpus.py --seed $SEED --count $COUNT"
else
    CORPUS_DESC="given"
fi

# Article count, text bytes (sum of the UTF-8 bytes of body/text/content; a line that is not a
# JSON object counts as a plain-text article of its own bytes) and, for part (b), a keyed copy
# "id<TAB>line" for kcat -K'\t' (key = id, as newsflow's own producers would set it).
KEYED="$WORK/$(basename "$CORPUS" .jsonl).keyed"
STATS_PY='
import json, sys
src, keyed = sys.argv[1], sys.argv[2]
n = text = lines_bytes = 0
out = open(keyed, "wb") if keyed != "-" else None
with open(src, "rb") as f:
    for raw in f:
        line = raw.rstrip(b"\r\n")
        if not line.strip():
            continue
        n += 1
        lines_bytes += len(line)
        key = b""
        try:
            rec = json.loads(line)
        except ValueError:
            rec = None
        if isinstance(rec, dict):
            for field in ("body", "text", "content"):
                if isinstance(rec.get(field), str):
                    text += len(rec[field].encode("utf-8", "surrogatepass"))
                    break
            if isinstance(rec.get("id"), str):
                key = rec["id"].encode("utf-8", "surrogatepass")
        else:
            text += len(line)
        if out:
            key = key.replace(b"\t", b" ").replace(b"\n", b" ").replace(b"\r", b" ")
            out.write(key + b"\t" + line + b"\n")
if out:
    out.close()
print(n, text, lines_bytes)
'
if ((SKIP_BROKER)); then
    read -r N_ARTICLES TEXT_BYTES LINE_BYTES < <(python3 -c "$STATS_PY" "$CORPUS" -)
else
    read -r N_ARTICLES TEXT_BYTES LINE_BYTES < <(python3 -c "$STATS_PY" "$CORPUS" "$KEYED")
fi
((N_ARTICLES > 0)) || die "corpus $CORPUS has no articles"
TEXT_MB=$(fmt_div "$TEXT_BYTES" 1000000 1)

# --- (a) pipeline only -----------------------------------------------------------------
# tag_bench LABEL [-X ...]: best of REPEAT runs; sets T_* for LABEL's row. Labels ending in
# "mt" run with the default run.workers (one pipeline thread per CPU); the others with --stats,
# which runs one thread and prints the per-stage figures (per-core throughput).
declare -A ROW
tag_bench() {
    local label="$1"; shift
    local best_ns=0 i out="$WORK/tag-$label.out" err="$WORK/tag-$label.err"
    for ((i = 1; i <= REPEAT; i++)); do
        local stats=(--stats)
        [[ $label == *mt ]] && stats=()
        measure "tag-$label" "$NF" tag "${stats[@]}" "$@" "$CORPUS" >"$out" 2>"$err"
        if ((M_RC != 0)); then
            tail -n 20 "$err" >&2
            die "newsflow tag ($label) exited with status $M_RC (stderr: $err)"
        fi
        if ((best_ns == 0 || M_WALL_NS < best_ns)); then
            best_ns=$M_WALL_NS
            ROW[$label.rss]=$M_RSS_KB
            ROW[$label.cpu]=$M_CPU
            cp "$err" "$err.best"
        fi
    done
    local lines ok
    lines=$(wc -l <"$out")
    ok=$(grep -c '^{"schema"' "$out" || true)
    rm -f "$out"
    ROW[$label.wall]=$(secs "$best_ns")
    ROW[$label.out]=$lines
    ROW[$label.err]=$((lines - ok))
    ROW[$label.aps]=$(fmt_div "$N_ARTICLES" "${ROW[$label.wall]}" 0)
    ROW[$label.mbs]=$(fmt_div "$TEXT_BYTES" "$(awk -v w="${ROW[$label.wall]}" 'BEGIN { print w * 1e6 }')" 2)
    if ((lines != N_ARTICLES)); then
        say "warning: newsflow tag ($label) wrote $lines lines for $N_ARTICLES articles"
    fi
}

say "(a) newsflow tag, full pipeline"
tag_bench full
say "(a) newsflow tag, full pipeline, default threads"
tag_bench fullmt
say "(a) newsflow tag, passthrough ($PASSTHROUGH_STAGES)"
tag_bench pass -X "pipeline.stages=$PASSTHROUGH_STAGES"

# --- (c) record size and memory ------------------------------------------------------------
# Record bytes / input bytes over the corpus (default configuration); peak RSS of `newsflow tag`
# with 1 and 2 workers over a worst-case article mix (scripts/gen_heavy_mix.py: ordinary
# articles with a 900 KB number-dense one every 50th); start-up with 1 and 4 workers (an
# empty input: stage data is built once per process, whatever the worker count).
say "(c) record size, memory with 1 and 2 workers, start-up"
REC_BYTES=$("$NF" tag "$CORPUS" 2>/dev/null | wc -c)
REC_V1_BYTES=$("$NF" tag -X stage.encode.schema=v1 "$CORPUS" 2>/dev/null | wc -c)
IN_BYTES=$(wc -c <"$CORPUS")
MIX="$WORK/heavy-mix.jsonl"
[[ -s "$MIX" ]] || python3 "$REPO/scripts/gen_heavy_mix.py" --count 1000 --heavy-every 50 \
    --heavy-kb 900 >"$MIX"
MIX_BYTES=$(wc -c <"$MIX")
for w in 1 2; do
    measure "mix-w$w" "$NF" tag -X "run.workers=$w" "$MIX" >/dev/null 2>"$WORK/mix-w$w.err"
    ((M_RC == 0)) || die "newsflow tag over the heavy mix (run.workers=$w) failed: $WORK/mix-w$w.err"
    ROW[mix$w.rss]=$M_RSS_KB
    ROW[mix$w.wall]=$(secs "$M_WALL_NS")
done
: >"$WORK/empty.jsonl"
for w in 1 4; do
    best=0
    for ((i = 1; i <= 3; i++)); do
        measure "start-w$w" "$NF" tag -X "run.workers=$w" "$WORK/empty.jsonl" >/dev/null 2>&1
        ((best == 0 || M_WALL_NS < best)) && best=$M_WALL_NS
    done
    ROW[start$w]=$(secs "$best")
done

# --- (b) end to end through the broker ---------------------------------------------------
BROKER=""
STARTED_BROKER=0
TOPIC_PREFIX=""
cleanup() {
    local rc=$?
    if [[ -n "$TOPIC_PREFIX" && $KEEP_TOPICS -eq 0 && -n "$BROKER" && $LOCAL_BROKER -eq 1 ]]; then
        say "deleting topics $TOPIC_PREFIX.*"
        timeout 120 bash "$REPO/scripts/broker.sh" topics --delete \
            --topic "$(printf '%s' "$TOPIC_PREFIX" | sed 's/\./\\./g')\\..*" >/dev/null 2>&1 ||
            say "warning: could not delete the topics $TOPIC_PREFIX.* (delete them by hand, or 'scripts/broker.sh clean')"
    fi
    if ((STARTED_BROKER && STOP_BROKER)); then
        say "stopping the broker this script started (--stop-broker)"
        bash "$REPO/scripts/broker.sh" stop >/dev/null 2>&1 || true
    elif ((STARTED_BROKER)); then
        say "the broker this script started is still running: 'scripts/broker.sh stop' stops it"
    fi
    exit "$rc"
}
LOCAL_BROKER=0
trap cleanup EXIT
trap 'exit 130' INT TERM

# kcount TOPIC FORMAT -> kcat consumes TOPIC from the beginning to its end, one FORMAT line per
# message (kcat -f), on stdout.
kdump() {
    timeout 300 kcat -C -b "$BROKER" -t "$1" -o beginning -e -q -f "$2" 2>"$WORK/kcat.err" || {
        local rc=$?
        say "warning: kcat -C on $1 failed (status $rc): $(tail -n 3 "$WORK/kcat.err" | tr '\n' ' ')"
    }
}

# run_bench LABEL I [-X ...]: newsflow run --until-end over the input topic into fresh output
# topics and a fresh group (LABEL and run number I in their names); keeps LABEL's fastest run
# (wall clock) in ROW[rLABEL.*] and counts, over all runs, inputs left without any output.
run_bench() {
    local label="$1" i="$2"; shift 2
    local name="$label$i"
    local out_t="$TOPIC_PREFIX.$name.out" dlq_t="$TOPIC_PREFIX.$name.dlq"
    local log="$WORK/run-$name.log"
    measure "run-$name" timeout "$RUN_TIMEOUT" "$NF" run --until-end \
        -X "kafka.bootstrap.servers=$BROKER" -X "consumer.topics=$IN_TOPIC" \
        -X "producer.topic=$out_t" -X "producer.dlq_topic=$dlq_t" \
        -X "consumer.group_id=$TOPIC_PREFIX.$name" -X "topics.partitions=3" \
        -X "metrics.listen=127.0.0.1:0" "$@" </dev/null >"$log" 2>&1
    if ((M_RC != 0)); then
        tail -n 30 "$log" >&2
        die "newsflow run ($label, run $i) exited with status $M_RC (log: $log; 124 = timed out after ${RUN_TIMEOUT}s)"
    fi
    # Output records carry their produce time (CreateTime): first to last output is the
    # processing span without start-up (group join, topic creation) and shutdown.
    local dump="$WORK/run-$name.out.ts" out uniq dlq tmin tmax span
    kdump "$out_t" '%T %k\n' >"$dump"
    out=$(wc -l <"$dump")
    uniq=$(cut -d' ' -f2- "$dump" | sort -u | wc -l)
    dlq=$(kdump "$dlq_t" '%o\n' | wc -l)
    read -r tmin tmax < <(awk 'NR == 1 { lo = hi = $1 } { if ($1 < lo) lo = $1; if ($1 > hi) hi = $1 }
                               END { printf "%.0f %.0f\n", lo, hi }' "$dump")
    rm -f "$dump"
    span=$(awk -v a="$tmin" -v b="$tmax" 'BEGIN { printf "%.3f\n", (b - a) / 1000 }')
    if ((uniq + dlq < IN_COUNT)); then
        ROW[r$label.lost]=$((${ROW[r$label.lost]:-0} + IN_COUNT - uniq - dlq))
    fi
    if [[ -n "${ROW[r$label.wall_ns]:-}" ]] && ((M_WALL_NS >= ROW[r$label.wall_ns])); then
        return 0
    fi
    ROW[r$label.wall_ns]=$M_WALL_NS
    ROW[r$label.wall]=$(secs "$M_WALL_NS")
    ROW[r$label.rss]=$M_RSS_KB
    ROW[r$label.cpu]=$M_CPU
    ROW[r$label.aps]=$(fmt_div "$N_ARTICLES" "${ROW[r$label.wall]}" 0)
    ROW[r$label.out]=$out
    ROW[r$label.uniq]=$uniq
    ROW[r$label.dlq]=$dlq
    ROW[r$label.span]=$span
    ROW[r$label.saps]=$(fmt_div "$((out > 1 ? out - 1 : 0))" "$span" 0)
}

if ((!SKIP_BROKER)); then
    if [[ -n "${NF_BROKER:-}" ]]; then
        BROKER="$NF_BROKER"
        [[ "$BROKER" == "$(bash "$REPO/scripts/broker.sh" env 2>/dev/null | sed -n 's/^NF_BROKER=//p')" ]] && LOCAL_BROKER=1
        say "(b) using the broker at $BROKER (NF_BROKER)"
    else
        if ! bash "$REPO/scripts/broker.sh" status >/dev/null 2>&1; then
            STARTED_BROKER=1
        fi
        say "(b) starting the broker: scripts/broker.sh start"
        if ! bout="$(bash "$REPO/scripts/broker.sh" start 2>"$WORK/broker-start.err")"; then
            cat "$WORK/broker-start.err" >&2
            die "scripts/broker.sh start failed; use --skip-broker for part (a) only"
        fi
        BROKER="$(printf '%s\n' "$bout" | sed -n 's/^NF_BROKER=//p' | tail -n 1)"
        [[ -n "$BROKER" ]] || die "scripts/broker.sh start printed no NF_BROKER=host:port"
        LOCAL_BROKER=1
    fi

    TS="$(date +%Y%m%d%H%M%S)-$$"
    TOPIC_PREFIX="bench.$TS"
    IN_TOPIC="$TOPIC_PREFIX.raw"
    # The broker does not auto-create topics: newsflow creates its input and output topics
    # at start (topics.create), so a run over the still-missing input topic creates it with 3
    # partitions, finds nothing to consume and stops (--until-end). Its outputs go to throwaway
    # topics so that both measured runs below pay for creating their own.
    # The second empty run (new group, new output topics, warm broker) gives the fixed cost
    # of a run; the first one also pays for one-off broker work (the __consumer_offsets topic
    # on a fresh broker, for instance).
    say "(b) creating $IN_TOPIC (3 partitions)"
    for i in 1 2; do
        t0=$(now_ns)
        if ! timeout 120 "$NF" run --until-end -X "kafka.bootstrap.servers=$BROKER" \
                -X "consumer.topics=$IN_TOPIC" -X "producer.topic=$TOPIC_PREFIX.empty$i.out" \
                -X "producer.dlq_topic=$TOPIC_PREFIX.empty$i.dlq" \
                -X "consumer.group_id=$TOPIC_PREFIX.empty$i" \
                -X "topics.partitions=3" -X "metrics.listen=127.0.0.1:0" \
                </dev/null >"$WORK/run-empty$i.log" 2>&1; then
            tail -n 20 "$WORK/run-empty$i.log" >&2
            die "newsflow run over the empty topic $IN_TOPIC failed (log: $WORK/run-empty$i.log)"
        fi
        EMPTY_RUN_S=$(secs "$(($(now_ns) - t0))")
    done

    say "(b) producing $N_ARTICLES articles into $IN_TOPIC with kcat"
    t0=$(now_ns)
    timeout 600 kcat -P -b "$BROKER" -t "$IN_TOPIC" -K $'\t' -X linger.ms=20 \
        -X queue.buffering.max.messages=200000 <"$KEYED" 2>"$WORK/kcat-produce.err" ||
        { cat "$WORK/kcat-produce.err" >&2; die "kcat could not produce into $IN_TOPIC"; }
    PRODUCE_S=$(secs "$(($(now_ns) - t0))")
    IN_PARTS="$(kdump "$IN_TOPIC" '%p\n' | sort -n | uniq -c | awk '{ printf "%sp%s=%s", sep, $2, $1; sep = " " }')"
    IN_COUNT="$(awk -F'[= ]' '{ for (i = 2; i <= NF; i += 2) s += $i } END { print s + 0 }' <<<"$IN_PARTS")"
    ((IN_COUNT == N_ARTICLES)) || die "$IN_TOPIC holds $IN_COUNT messages, expected $N_ARTICLES ($IN_PARTS)"

    # Alternate the two configurations so that a slow spell on a shared machine hits both.
    for ((i = 1; i <= REPEAT; i++)); do
        say "(b) newsflow run --until-end, passthrough ($PASSTHROUGH_STAGES), run $i of $REPEAT"
        run_bench pass "$i" -X "pipeline.stages=$PASSTHROUGH_STAGES"
        say "(b) newsflow run --until-end, full pipeline, run $i of $REPEAT"
        run_bench full "$i"
        if ((EOS)); then
            # Exactly-once: outputs are read back with kcat's default, read_committed.
            for batch in 100 1000 10000; do
                say "(b) newsflow run --until-end, full pipeline, exactly-once, batches of $batch, run $i of $REPEAT"
                run_bench "eos$batch" "$i" -X producer.delivery=exactly-once \
                    -X "run.instance_id=bench-$TS-$batch-$i" -X "run.txn_max_messages=$batch" \
                    -X "run.txn_max_ms=$((batch < 1000 ? 100 : batch / 10))"
            done
        fi
    done
fi

# --- report ------------------------------------------------------------------------------
echo
echo "newsflow benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
printf '  machine   %s, %s CPUs (nproc), %s GiB RAM, %s\n' "$CPU_MODEL" "$NPROC" "$MEM_GB" "$(uname -sr)"
printf '  revision  %s, %s, %s build (%s)\n' "$GIT_REV" "$NF_VERSION" "$BUILD_TYPE" "${BUILD_DIR#"$REPO"/}"
printf '  corpus    %s (%s)\n' "${CORPUS#"$REPO"/}" "$CORPUS_DESC"
printf '            %s articles, %s MB of text (body bytes), %s bytes of text per article on average\n' \
    "$(thousands "$N_ARTICLES")" "$TEXT_MB" "$(thousands "$((TEXT_BYTES / N_ARTICLES))")"
echo
echo "(a) pipeline only: newsflow tag FILE > file   (best of $REPEAT; MB = 10^6 bytes of text)"
printf '    %-12s %9s %7s %9s %11s %8s %9s %10s\n' config articles errors "wall s" articles/s "MB/s" "CPU s" "peak RSS"
for label in full fullmt pass; do
    case $label in
        full) name="full, 1 thr" ;;
        fullmt) name="full, $NPROC thr" ;;
        *) name="passthrough" ;;
    esac
    printf '    %-12s %9s %7s %9s %11s %8s %9s %6s MiB\n' "$name" "${ROW[$label.out]}" \
        "${ROW[$label.err]}" "${ROW[$label.wall]}" "${ROW[$label.aps]}" "${ROW[$label.mbs]}" \
        "${ROW[$label.cpu]}" "$(mib "${ROW[$label.rss]}")"
done
for label in full pass; do
    name=$([[ $label == full ]] && echo "full pipeline" || echo "passthrough")
    echo "    per stage, $name (newsflow tag --stats):"
    if grep -q '^stage ' "$WORK/tag-$label.err.best"; then
        # "stage NAME key value key value ..." -> a table; other formats are printed as they are.
        awk '/^stage / {
                 if ((NF - 2) % 2 == 0) {
                     if (!hdr) { line = sprintf("      %-10s", "stage"); for (i = 3; i < NF; i += 2) line = line sprintf(" %12s", $i); print line; hdr = 1 }
                     line = sprintf("      %-10s", $2); for (i = 4; i <= NF; i += 2) line = line sprintf(" %12s", $i); print line
                 } else { print "      " $0 }
             }' "$WORK/tag-$label.err.best"
    else
        echo "      (no 'stage ...' lines on stderr: see $WORK/tag-$label.err.best)"
    fi
done

echo
echo "(c) record size and memory (default configuration)"
printf '    record bytes / input bytes over the corpus: %s (%s / %s bytes, schema v2; zstd on the wire)\n' \
    "$(fmt_div "$REC_BYTES" "$IN_BYTES" 2)" "$(thousands "$REC_BYTES")" "$(thousands "$IN_BYTES")"
printf '    the same with stage.encode.schema=v1: %s (%s bytes)\n' \
    "$(fmt_div "$REC_V1_BYTES" "$IN_BYTES" 2)" "$(thousands "$REC_V1_BYTES")"
printf '    worst-case mix (%s, %s bytes): peak RSS 1 worker %s MiB, 2 workers %s MiB (ratio %s)\n' \
    "${MIX#"$REPO"/}" "$(thousands "$MIX_BYTES")" "$(mib "${ROW[mix1.rss]}")" \
    "$(mib "${ROW[mix2.rss]}")" "$(fmt_div "${ROW[mix2.rss]}" "${ROW[mix1.rss]}" 2)"
printf '    start-up (empty input, best of 3): 1 worker %s s, 4 workers %s s\n' "${ROW[start1]}" \
    "${ROW[start4]}"

if ((!SKIP_BROKER)); then
    echo
    echo "(b) end to end: kcat -> $IN_TOPIC (3 partitions) -> newsflow run --until-end -> .out/.dlq   (best of $REPEAT)"
    printf '    broker %s; input produced by kcat in %s s; per partition: %s\n' "$BROKER" "$PRODUCE_S" "$IN_PARTS"
    printf '    fixed cost of a run (start, topic creation, group join, end detection, shutdown),\n'
    printf '    measured on the empty input topic: %s s; it is included in "wall s", not in "span s"\n' "$EMPTY_RUN_S"
    printf '    %-12s %7s %7s %5s %5s %8s %11s %8s %11s %7s %9s\n' config in out dlq dups "wall s" articles/s \
        "span s" "span art/s" "CPU s" "peak RSS"
    labels="full pass"
    ((EOS)) && labels="$labels eos100 eos1000 eos10000"
    for label in $labels; do
        case $label in
            full) name="full" ;;
            pass) name="passthrough" ;;
            *) name="EOS b=${label#eos}" ;;
        esac
        printf '    %-12s %7s %7s %5s %5s %8s %11s %8s %11s %7s %5s MiB\n' "$name" "$IN_COUNT" \
            "${ROW[r$label.out]}" "${ROW[r$label.dlq]}" "$((ROW[r$label.out] - ROW[r$label.uniq]))" \
            "${ROW[r$label.wall]}" "${ROW[r$label.aps]}" "${ROW[r$label.span]}" "${ROW[r$label.saps]}" \
            "${ROW[r$label.cpu]}" "$(mib "${ROW[r$label.rss]}")"
        if ((${ROW[r$label.lost]:-0} > 0)); then
            echo "    WARNING: $name: ${ROW[r$label.lost]} input messages (over $REPEAT run(s)) have neither an output nor a dead-letter record"
        fi
    done
    printf '    ratio full/passthrough: %s (wall clock), %s (span)\n' \
        "$(fmt_div "${ROW[rfull.aps]}" "${ROW[rpass.aps]}" 2)" \
        "$(fmt_div "${ROW[rfull.saps]}" "${ROW[rpass.saps]}" 2)"
    if ((EOS)); then
        for label in eos100 eos1000 eos10000; do
            printf '    ratio exactly-once (txn_max_messages=%s)/at-least-once, full: %s (wall clock), %s (span)\n' \
                "${label#eos}" "$(fmt_div "${ROW[r$label.aps]}" "${ROW[rfull.aps]}" 2)" \
                "$(fmt_div "${ROW[r$label.saps]}" "${ROW[rfull.saps]}" 2)"
        done
    fi
fi
echo
echo "total bench time: $((SECONDS - BENCH_START)) s"
