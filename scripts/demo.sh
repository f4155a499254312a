#!/usr/bin/env bash
# The zero set-up demo: installs missing build packages (Debian/Ubuntu, as root or with sudo),
# builds newsflow (Release) and runs `newsflow demo` on an in-process Kafka cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target newsflow
exec build/release/newsflow demo "$@"
