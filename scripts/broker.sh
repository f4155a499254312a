#!/usr/bin/env bash
# scripts/broker.sh — a real single-node Apache Kafka broker (KRaft, broker + controller in
# one JVM) on loopback, for newsflow's integration tests and local runs. No Docker needed:
# the jars come from Maven Central (scripts/kafka/pom.xml), Java 17 runs them.
#
# Usage: scripts/broker.sh {fetch|start|stop|restart|status|kill|logs|clean|env|topics|groups|help}
# See `scripts/broker.sh help` and docs/kafka-broker.md.
#
# Environment:
#   NF_BROKER_PORT        client (PLAINTEXT) port            default 19092
#   NF_CONTROLLER_PORT    KRaft controller port              default 19093
#   NF_KAFKA_DIR          jars, data, log, pid file          default <repo>/build/kafka
#   NF_KAFKA_VERSION      Kafka version to fetch             default: the one pinned in the pom
#   NF_KAFKA_HEAP_OPTS    JVM heap flags                     default -Xms512m -Xmx512m
#   NF_BROKER_START_TIMEOUT  seconds to wait for readiness   default 90
#   NF_BROKER_STOP_TIMEOUT   seconds between SIGTERM/SIGKILL default 30
#   NF_BROKER_NO_KCAT=1   readiness without kcat (log line + open port), to test that path
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
POM="$SCRIPT_DIR/kafka/pom.xml"
PROPS_TEMPLATE="$SCRIPT_DIR/kafka/server.properties.in"

BROKER_HOST=127.0.0.1
BROKER_PORT="${NF_BROKER_PORT:-19092}"
CONTROLLER_PORT="${NF_CONTROLLER_PORT:-19093}"
KDIR="${NF_KAFKA_DIR:-$REPO_ROOT/build/kafka}"
START_TIMEOUT="${NF_BROKER_START_TIMEOUT:-90}"
STOP_TIMEOUT="${NF_BROKER_STOP_TIMEOUT:-30}"
HEAP_OPTS="${NF_KAFKA_HEAP_OPTS:--Xms512m -Xmx512m}"

# NF_KAFKA_DIR may be relative: make it absolute (relative to the caller's cwd).
mkdir -p "$KDIR"
KDIR="$(cd "$KDIR" && pwd -P)"
LIBS="$KDIR/libs"
DATA="$KDIR/data"
LOG="$KDIR/broker.log"
FORMAT_LOG="$KDIR/format.log"
PIDFILE="$KDIR/broker.pid"
PROPS="$KDIR/server.properties"
CLUSTER_ID_FILE="$KDIR/cluster.id"
STAMP="$LIBS/.fetched"
BOOTSTRAP="$BROKER_HOST:$BROKER_PORT"

PROG="broker.sh"
say() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }

for p in "$BROKER_PORT" "$CONTROLLER_PORT"; do
    [[ "$p" =~ ^[0-9]+$ ]] && (( p > 0 && p < 65536 )) || die "bad port '$p' (NF_BROKER_PORT / NF_CONTROLLER_PORT)"
done
[[ "$BROKER_PORT" != "$CONTROLLER_PORT" ]] || die "NF_BROKER_PORT and NF_CONTROLLER_PORT must differ"

need_java() {
    command -v java >/dev/null 2>&1 ||
        die "java not found. Install a Java 17 runtime: apt-get install openjdk-17-jre-headless (or: scripts/install-deps.sh --broker)"
}
need_mvn() {
    command -v mvn >/dev/null 2>&1 ||
        die "mvn not found (needed once to fetch the Kafka jars). Install it: apt-get install maven (or: scripts/install-deps.sh --broker)"
}

# One broker.sh at a time per NF_KAFKA_DIR (parallel test runners may all call `start`).
with_lock() {
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$KDIR/.lock"
        flock 9
    fi
}

# --- process helpers -------------------------------------------------------------------

# PID of our running broker, or nothing. Guards against stale pid files and reused PIDs.
broker_pid() {
    [[ -f "$PIDFILE" ]] || return 1
    local pid
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    is_alive "$pid" || return 1
    if [[ -r "/proc/$pid/cmdline" ]]; then
        local cmdline
        cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
        [[ "$cmdline" == *"kafka.Kafka $PROPS"* ]] || return 1
    fi
    echo "$pid"
}

# 0 when PID exists and is not a zombie (a dead child of ours stays a zombie until we exit).
is_alive() {
    kill -0 "$1" 2>/dev/null || return 1
    if [[ -r "/proc/$1/stat" ]]; then
        local stat
        stat="$(cat "/proc/$1/stat" 2>/dev/null || true)"
        stat="${stat##*) }"
        [[ "${stat:0:1}" != Z ]] || return 1
    fi
    return 0
}

port_open() { # port_open PORT -> 0 when something listens on 127.0.0.1:PORT
    (exec 3<>"/dev/tcp/$BROKER_HOST/$1") 2>/dev/null
}

have_kcat() {
    [[ -z "${NF_BROKER_NO_KCAT:-}" ]] || return 1   # force the fallback (to test it)
    if command -v kcat >/dev/null 2>&1; then KCAT=kcat; return 0; fi
    if command -v kafkacat >/dev/null 2>&1; then KCAT=kafkacat; return 0; fi
    return 1
}

# 0 when the broker answers a metadata request that lists broker 1 and no partition of an
# existing topic lacks a leader (after a crash the broker first waits to be unfenced).
answers_metadata() {
    if have_kcat; then
        local md
        md="$(timeout 10 "$KCAT" -b "$BOOTSTRAP" -L -m 3 2>/dev/null || true)"
        [[ "$md" == *"broker 1 at"* && "$md" != *"leader -1,"* ]]
    else
        grep -q "Kafka Server started" "$LOG" 2>/dev/null && port_open "$BROKER_PORT"
    fi
}

wait_gone() { # wait_gone PID SECONDS -> 0 when the process is gone in time
    local pid="$1" deadline=$((SECONDS + $2))
    while is_alive "$pid"; do
        (( SECONDS < deadline )) || return 1
        sleep 0.2
    done
    # A JVM's main thread can show as a zombie while its other threads still exit and hold the
    # listening sockets: gone means the ports are closed too.
    deadline=$((SECONDS + 10))
    while port_open "$BROKER_PORT" || port_open "$CONTROLLER_PORT"; do
        (( SECONDS < deadline )) || { say "warning: pid $pid is gone but its ports are still open"; return 0; }
        sleep 0.2
    done
}

log_tail() {
    local n="${1:-60}"
    if [[ -s "$LOG" ]]; then
        printf -- '----- last %s lines of %s -----\n' "$n" "$LOG" >&2
        tail -n "$n" "$LOG" >&2
        printf -- '----- end of log -----\n' >&2
    else
        say "(no log at $LOG)"
    fi
}

# --- subcommands -----------------------------------------------------------------------

libs_wanted_stamp() {
    local pomsum
    pomsum="$(sha256sum "$POM" | cut -d' ' -f1)"
    echo "pom=$pomsum version=${NF_KAFKA_VERSION:-pinned}"
}

cmd_fetch() {
    local want
    want="$(libs_wanted_stamp)"
    if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]] && compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null; then
        say "jars already in $LIBS ($(kafka_version)); skipping fetch"
        return 0
    fi
    if broker_pid >/dev/null; then
        die "the jars in $LIBS must change but the broker is running from them: '$0 stop' first"
    fi
    need_mvn
    local args=(-q -f "$POM" dependency:copy-dependencies -DincludeScope=runtime "-DoutputDirectory=$LIBS")
    [[ -n "${NF_KAFKA_VERSION:-}" ]] && args+=("-Dkafka.version=$NF_KAFKA_VERSION")
    rm -rf "$LIBS"
    mkdir -p "$LIBS"
    say "fetching Kafka jars into $LIBS (Maven; cached in ~/.m2)"
    local mvnlog="$KDIR/mvn.log"
    # Offline first: works without network once ~/.m2 has everything.
    if ! mvn -o "${args[@]}" >"$mvnlog" 2>&1; then
        if ! mvn "${args[@]}" >"$mvnlog" 2>&1; then
            cat "$mvnlog" >&2
            rm -rf "$LIBS"
            die "maven could not fetch the Kafka jars (see above; needs Maven Central once)"
        fi
    fi
    compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null || die "maven ran but no kafka_2.13 jar is in $LIBS"
    echo "$want" >"$STAMP"
    rm -f "$mvnlog"
    say "fetched $(kafka_version): $(find "$LIBS" -name '*.jar' | wc -l) jars"
}

kafka_version() {
    local j
    j="$(compgen -G "$LIBS/kafka_2.13-*.jar" | head -n1 || true)"
    j="${j##*/kafka_2.13-}"
    echo "Kafka ${j%.jar}"
}

write_props() {
    [[ -f "$PROPS_TEMPLATE" ]] || die "missing $PROPS_TEMPLATE"
    sed -e "s|@BROKER_PORT@|$BROKER_PORT|g" \
        -e "s|@CONTROLLER_PORT@|$CONTROLLER_PORT|g" \
        -e "s|@DATA_DIR@|$DATA|g" "$PROPS_TEMPLATE" >"$PROPS.tmp"
    mv "$PROPS.tmp" "$PROPS"
}

format_storage() {
    local cp="$LIBS/*" id
    if [[ -s "$CLUSTER_ID_FILE" ]]; then
        id="$(cat "$CLUSTER_ID_FILE")"
    elif [[ -f "$DATA/meta.properties" ]] && grep -q '^cluster.id=' "$DATA/meta.properties"; then
        id="$(sed -n 's/^cluster.id=//p' "$DATA/meta.properties")"
        echo "$id" >"$CLUSTER_ID_FILE"
    else
        id="$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>"$FORMAT_LOG" | tail -n1)"
        [[ -n "$id" ]] || { cat "$FORMAT_LOG" >&2; die "kafka.tools.StorageTool random-uuid failed"; }
        echo "$id" >"$CLUSTER_ID_FILE"
    fi
    mkdir -p "$DATA"
    # (its output, a full config dump, goes to format.log rather than broker.log)
    if ! java -cp "$cp" kafka.tools.StorageTool format --ignore-formatted -t "$id" -c "$PROPS" >"$FORMAT_LOG" 2>&1; then
        tail -n 30 "$FORMAT_LOG" >&2
        die "formatting $DATA failed (see $FORMAT_LOG; data from another Kafka version or cluster? try: $0 clean)"
    fi
    grep -E '^(Formatting|All of the log directories are already formatted)' "$FORMAT_LOG" >>"$LOG" || true
}

cmd_start() {
    local pid
    if pid="$(broker_pid)"; then
        say "already running (pid $pid) on $BOOTSTRAP"
        wait_ready "$pid"
        echo "NF_BROKER=$BOOTSTRAP"
        return 0
    fi
    rm -f "$PIDFILE"
    need_java
    compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null || cmd_fetch
    for p in "$BROKER_PORT" "$CONTROLLER_PORT"; do
        if port_open "$p"; then
            die "port $BROKER_HOST:$p is already in use by another process (not the broker of $KDIR); set NF_BROKER_PORT / NF_CONTROLLER_PORT"
        fi
    done
    write_props
    # keep one old log when it grows large
    if [[ -f "$LOG" ]] && (( $(stat -c %s "$LOG") > 50 * 1024 * 1024 )); then
        mv -f "$LOG" "$LOG.1"
    fi
    {
        printf '\n===== %s: broker.sh start (%s, %s) =====\n' "$(date '+%F %T')" "$(kafka_version)" "$BOOTSTRAP"
    } >>"$LOG"
    format_storage

    local started=$SECONDS
    # setsid: own session, so Ctrl-C in the caller's terminal or the caller's exit does not
    # reach the broker; stop it with `broker.sh stop`. The PID is java's (setsid execs it).
    # shellcheck disable=SC2086
    setsid java $HEAP_OPTS \
        -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
        -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
        -Dorg.slf4j.simpleLogger.showDateTime=true \
        -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSS" \
        -Dorg.slf4j.simpleLogger.log.org.apache.kafka.server.metrics=warn \
        -cp "$LIBS/*" kafka.Kafka "$PROPS" >>"$LOG" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$PIDFILE"
    say "starting $(kafka_version) (pid $pid) on $BOOTSTRAP, controller $BROKER_HOST:$CONTROLLER_PORT; log $LOG"
    wait_ready "$pid"
    say "ready after $((SECONDS - started)) s"
    echo "NF_BROKER=$BOOTSTRAP"
}

wait_ready() {
    local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
    have_kcat || say "no kcat: readiness = log line 'Kafka Server started' + open port (apt-get install kafkacat for a metadata check)"
    while :; do
        if ! is_alive "$pid"; then
            rm -f "$PIDFILE"
            log_tail 60
            die "the broker exited during start-up (log: $LOG)"
        fi
        answers_metadata && return 0
        if (( SECONDS >= deadline )); then
            log_tail 60
            say "the broker (pid $pid) did not answer on $BOOTSTRAP within ${START_TIMEOUT}s: stopping it"
            cmd_stop
            die "start timed out after ${START_TIMEOUT}s (NF_BROKER_START_TIMEOUT); log: $LOG"
        fi
        sleep 0.5
    done
}

cmd_stop() {
    local pid
    if ! pid="$(broker_pid)"; then
        rm -f "$PIDFILE"
        say "not running"
        return 0
    fi
    say "stopping pid $pid (SIGTERM: controlled shutdown, up to ${STOP_TIMEOUT}s)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" "$STOP_TIMEOUT"; then
        say "still alive after ${STOP_TIMEOUT}s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone "$pid" 10 || die "pid $pid survived SIGKILL"
    fi
    rm -f "$PIDFILE"
    say "stopped"
}

cmd_kill() {
    local pid
    if ! pid="$(broker_pid)"; then
        rm -f "$PIDFILE"
        say "not running"
        return 0
    fi
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 10 || die "pid $pid survived SIGKILL"
    rm -f "$PIDFILE"
    printf '===== %s: broker.sh kill: SIGKILL pid %s =====\n' "$(date '+%F %T')" "$pid" >>"$LOG"
    say "killed pid $pid (SIGKILL; data kept, next start recovers the logs)"
}

cmd_status() {
    local pid
    if pid="$(broker_pid)"; then
        if answers_metadata; then
            say "running (pid $pid), answering on $BOOTSTRAP — $(kafka_version)"
        else
            say "running (pid $pid) but not answering on $BOOTSTRAP (starting or stuck; see '$0 logs')"
        fi
        echo "NF_BROKER=$BOOTSTRAP"
        return 0
    fi
    say "not running (dir $KDIR)"
    return 3
}

cmd_logs() {
    [[ -f "$LOG" ]] || die "no log yet at $LOG"
    case "${1:-}" in
        -f|--follow) exec tail -n 50 -F "$LOG" ;;
        '') tail -n 100 "$LOG" ;;
        *) [[ "$1" =~ ^[0-9]+$ ]] || die "usage: $0 logs [N|-f]"; tail -n "$1" "$LOG" ;;
    esac
}

cmd_clean() {
    cmd_stop
    rm -rf "$DATA" "$CLUSTER_ID_FILE" "$PROPS" "$LOG" "$LOG.1" "$FORMAT_LOG" "$PIDFILE"
    if [[ "${1:-}" == "--all" ]]; then
        rm -rf "$LIBS"
        say "removed data, log and jars under $KDIR"
    else
        say "removed data and log under $KDIR (jars kept; '--all' removes them too)"
    fi
}

# Kafka's command-line tools against this broker (the jars include kafka-tools), e.g.
#   broker.sh topics --create --topic raw --partitions 3
#   broker.sh groups --describe --group newsflow
run_tool() {
    local cls="$1"; shift
    need_java
    compgen -G "$LIBS/kafka-tools-*.jar" >/dev/null || die "no Kafka jars in $LIBS: run '$0 fetch'"
    exec java -Xmx256m -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
        -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -cp "$LIBS/*" "$cls" --bootstrap-server "$BOOTSTRAP" "$@" 9>&-
}

usage() {
    cat <<EOF
Usage: $0 COMMAND
  fetch          download the Kafka jars into $LIBS (skipped when present)
  start          format storage if new, start the broker, wait until it answers (idempotent)
  stop           SIGTERM (controlled shutdown), SIGKILL after ${STOP_TIMEOUT}s
  restart        stop + start; data kept
  kill           SIGKILL now (crash tests); data kept
  status         exit 0 when running (prints NF_BROKER=...), 3 when not
  logs [N|-f]    last N (100) lines of the broker log, or follow it
  clean [--all]  stop, remove data and log (--all: the jars too)
  env            print NF_BROKER=$BOOTSTRAP
  topics ARGS    Kafka's TopicCommand against the broker, e.g. topics --create --topic T --partitions 3
  groups ARGS    Kafka's ConsumerGroupCommand, e.g. groups --describe --group newsflow
Environment: NF_BROKER_PORT ($BROKER_PORT), NF_CONTROLLER_PORT ($CONTROLLER_PORT),
  NF_KAFKA_DIR ($KDIR), NF_KAFKA_VERSION, NF_KAFKA_HEAP_OPTS, NF_BROKER_START_TIMEOUT,
  NF_BROKER_STOP_TIMEOUT
EOF
}

cmd="${1:-help}"
shift || true
case "$cmd" in
    fetch)   with_lock; cmd_fetch ;;
    start)   with_lock; cmd_start ;;
    stop)    with_lock; cmd_stop ;;
    restart) with_lock; cmd_stop; cmd_start ;;
    kill)    with_lock; cmd_kill ;;
    status)  cmd_status ;;
    logs)    cmd_logs "$@" ;;
    clean)   with_lock; cmd_clean "$@" ;;
    env)     echo "NF_BROKER=$BOOTSTRAP" ;;
    topics)  run_tool org.apache.kafka.tools.TopicCommand "$@" ;;
    groups)  run_tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand "$@" ;;
    help|-h|--help) usage ;;
    *) usage >&2; exit 2 ;;
esac
