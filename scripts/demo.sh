#!/usr/bin/env bash
# Installs what is missing, builds the console (release) and starts the simulator with seed
# data serving it. Prints the URL and the demo credentials. Ctrl-C stops it.
# Extra arguments go to the simulator, e.g. `scripts/demo.sh --seed-instances 1000`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$root"

bash scripts/install-tools.sh demo
trunk build --release --dist dist
exec cargo run --release -q -p compute-sim -- --dist dist --listen "${LISTEN:-127.0.0.1:8080}" "$@"
