# Sourced by the scripts: the tool paths every build and test step shares.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# One target directory for native builds, wasm builds and Trunk, so nothing is built twice.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
