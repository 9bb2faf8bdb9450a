#!/usr/bin/env bash
# Installs what is missing, then runs every test: native (compute-api, compute-sim), the
# OpenStack clients against the simulator, browser component tests in headless Chromium, and
# end-to-end tests of the built console against the simulator in headless Chromium.
#
# Every step runs even when an earlier one failed (cargo with --no-fail-fast), so one run shows
# every failure; the script then exits non-zero. Only a failed install stops it at once.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$root"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Everything printed is also kept, to add up the counts of every runner at the end.
log="$(mktemp)"
exec > >(tee "$log") 2>&1

failed_steps=()
step_times=()
# run NAME COMMAND…: one step; its failure is recorded, not fatal.
run() {
  local name="$1"
  shift
  step "$name"
  local started=$SECONDS status=0
  "$@" || status=$?
  if [ "$status" -ne 0 ]; then
    failed_steps+=("$name")
    printf '\033[1;31m== step failed (exit %d): %s\033[0m\n' "$status" "$name"
  fi
  printf '== %s: %ds\n' "$name" "$((SECONDS - started))"
  step_times+=("$(printf '%5ds  %s' "$((SECONDS - started))" "$name")")
}

step "install tools"
bash scripts/install-tools.sh test

sim_bin="$CARGO_TARGET_DIR/debug/compute-sim"

run "format" cargo fmt --all -- --check
run "lints (native)" cargo clippy --workspace --exclude compute-console --all-targets -q -- -D warnings
run "lints (wasm)" cargo clippy --target wasm32-unknown-unknown -p compute-console --all-targets -q -- -D warnings
run "build the console (release)" trunk build --release --dist dist
# The same build for a console served under a sub-path: Trunk rewrites index.html, and the
# hook reuses the wasm it just made (scripts/split-build.sh), so this takes seconds.
subpath_dist="$CARGO_TARGET_DIR/console-dist-admin"
run "build the console under /admin/compute/ (release)" \
  trunk build --release --public-url /admin/compute/ --dist "$subpath_dist"
run "build the simulator" cargo build -p compute-sim
run "OpenStack clients against the simulator" \
  env COMPUTE_SIM_BIN="$sim_bin" tools/venv/bin/python -m pytest -q tests/openstack-clients
run "browser component tests (headless Chromium)" \
  cargo test --no-fail-fast --target wasm32-unknown-unknown -p compute-console
run "native tests" \
  env COMPUTE_SIM_BIN="$sim_bin" \
  cargo test --no-fail-fast --workspace --exclude compute-console --exclude console-e2e
# One binary (tests/e2e/tests/e2e/): its tests wait on timers, the simulator and the browser
# more than on the processor, so three run side by side even on two cores.
run "end-to-end tests (headless Chromium, nginx)" \
  env COMPUTE_SIM_BIN="$sim_bin" CONSOLE_DIST="$root/dist" CONSOLE_DIST_SUBPATH="$subpath_dist" \
  cargo test --no-fail-fast -p console-e2e -- --test-threads="${E2E_THREADS:-3}"

step "summary"
printf '%s\n' "${step_times[@]}"
printf '%5ds  in all\n' "$SECONDS"
# Counts from cargo's "test result: ok. N passed; M failed" (wasm-bindgen-test's alike) and
# pytest's "N failed, M passed in 3.2s". When steps failed but no test did (a build or lint
# error), the failed steps are counted, so the line never says 0 failed when something did.
counts="$(awk '
  /test result:/ { for (i = 1; i < NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
  /^=* *[0-9]+ (passed|failed).* in [0-9.]+s/ {
    for (i = 1; i < NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
  }
  END { print p + 0, f + 0 }
' "$log")"
read -r passed failed <<<"$counts"
if [ "${#failed_steps[@]}" -gt 0 ]; then
  printf 'failed steps: %s\n' "$(IFS=,; echo "${failed_steps[*]}" | sed 's/,/, /g')"
  [ "$failed" -gt 0 ] || failed="${#failed_steps[@]}"
fi
rm -f "$log"
echo "total: $passed passed, $failed failed"
[ "${#failed_steps[@]}" -eq 0 ]
