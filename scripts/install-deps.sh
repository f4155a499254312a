#!/usr/bin/env bash
# scripts/install-deps.sh — install the Debian packages newsflow needs to build and test.
#
#   scripts/install-deps.sh            build + test deps (compiler, CMake, librdkafka, jansson,
#                                      PCRE2, OpenSSL, libmicrohttpd, Criterion, kcat, python3,
#                                      promtool from prometheus,
#                                      python3-jsonschema)
#   scripts/install-deps.sh --broker   also Java 17 and Maven for scripts/broker.sh (the real
#                                      Kafka broker), each only when `java` / `mvn` is missing
#   scripts/install-deps.sh --fuzz     also clang and compiler-rt (libFuzzer) for the fuzz targets
#   scripts/install-deps.sh --check    only report what is missing (exit 1 if anything is)
#
# Installs only what is missing (dpkg status), runs `apt-get update` once and only then, uses
# sudo when not root. Debian 12 (bookworm) is the reference; Ubuntu names are the same.
set -euo pipefail

PROG="install-deps.sh"
say() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }

BUILD_PKGS=(
    build-essential   # gcc, make, libc headers
    cmake
    pkg-config
    librdkafka-dev    # Kafka client (bookworm: 2.0.2)
    libjansson-dev    # JSON
    libpcre2-dev      # regular expressions
    libssl-dev        # libcrypto (SHA-256); librdkafka-dev does not pull it in
    libmicrohttpd-dev # HTTP server of /metrics, /healthz, /readyz
    libcriterion-dev  # unit tests
    kafkacat          # provides `kcat`: test producer/consumer, broker readiness check
    python3           # test helpers
    prometheus        # tests: `promtool check metrics` on the /metrics output
    python3-jsonschema # integration tests validate records against docs/record.schema.json
    gdb               # integration tests print the stacks of a process that hangs
)

want_broker=0
want_fuzz=0
check_only=0
for arg in "$@"; do
    case "$arg" in
        --broker) want_broker=1 ;;
        --fuzz) want_fuzz=1 ;;
        --check) check_only=1 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$arg' (use --broker, --fuzz, --check or --help)" ;;
    esac
done

command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 ||
    die "this script needs a Debian/Ubuntu system (dpkg + apt-get); install by hand: ${BUILD_PKGS[*]}"

installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

missing=()
for p in "${BUILD_PKGS[@]}"; do
    installed "$p" || missing+=("$p")
done

if (( want_fuzz )); then
    installed clang || missing+=(clang)
    # libFuzzer and the sanitizer runtimes live in compiler-rt, which clang only recommends
    # (and recommends are not installed here).
    installed libclang-rt-dev || missing+=(libclang-rt-dev)
fi

if (( want_broker )); then
    # Any Java 17+ on PATH will do; install Debian's 17 only when there is no `java` at all.
    if ! command -v java >/dev/null 2>&1; then
        missing+=(openjdk-17-jre-headless)
    fi
    if ! command -v mvn >/dev/null 2>&1; then
        missing+=(maven)
    fi
fi

if (( ${#missing[@]} == 0 )); then
    say "all needed packages are installed$( (( want_broker )) && echo ' (java and mvn found)')"
    exit 0
fi

if (( check_only )); then
    say "missing: ${missing[*]}"
    exit 1
fi

SUDO=()
if (( EUID != 0 )); then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        die "need root to install: ${missing[*]} — run as root, or install sudo"
    fi
fi

say "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q ||
    die "apt-get update failed (no package mirror reachable?)"
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" ||
    die "apt-get install failed for: ${missing[*]}"
say "installed: ${missing[*]}"
