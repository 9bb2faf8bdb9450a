#!/usr/bin/env bash
# Installs what is missing, then runs every test: native (compute-api, compute-sim), the
# OpenStack clients against the simulator, browser component tests in headless Chromium, and
# end-to-end tests of the built console against the simulator in headless Chromium.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$root"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Everything printed is also kept, to add up the counts of every runner at the end.
log="$(mktemp)"
exec > >(tee "$log") 2>&1

step "install tools"
bash scripts/install-tools.sh test

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --exclude compute-console --all-targets -q -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p compute-console --all-targets -q -- -D warnings

step "build the console (release) and the simulator"
trunk build --release --dist dist
cargo build -p compute-sim

step "OpenStack clients against the simulator"
COMPUTE_SIM_BIN="$CARGO_TARGET_DIR/debug/compute-sim" tools/venv/bin/python -m pytest -q tests/openstack-clients

step "browser component tests (headless Chromium)"
cargo test --target wasm32-unknown-unknown -p compute-console

step "native and end-to-end tests"
COMPUTE_SIM_BIN="$CARGO_TARGET_DIR/debug/compute-sim" CONSOLE_DIST="$root/dist" cargo test --workspace --exclude compute-console

step "summary"
# cargo's "test result: ok. N passed; M failed", wasm-bindgen-test's alike, and pytest's "N passed".
awk '
  /test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
  /^[0-9]+ passed/ { p += $1 }
  END { printf "total: %d passed, %d failed\n", p, f }
' "$log"
rm -f "$log"
