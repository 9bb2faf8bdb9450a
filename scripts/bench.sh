#!/usr/bin/env bash
# The benchmark (a program, not a test): builds the release console and the simulator, then
# runs bench/ — the console against a hand-written JavaScript table in headless Chromium, for
# 1 000 and 10 000 instances. Prints the table and writes bench/results.json.
# Arguments go to the benchmark: --runs N (default 10), --sizes 1000,10000, --cycles N (load
# cycles for memory growth, default 10), --out FILE. A quick look: --runs 2 --sizes 1000.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$root"

bash scripts/install-tools.sh test
trunk build --release --dist dist
cargo build -p compute-sim -p console-bench
COMPUTE_SIM_BIN="$CARGO_TARGET_DIR/debug/compute-sim" CONSOLE_DIST="$root/dist" \
  "$CARGO_TARGET_DIR/debug/console-bench" "$@"
