#!/usr/bin/env bash
# Installs every tool the build and the tests need, skipping what is already present.
# Safe to run again and again; run on a fresh Debian 12 machine as root (or with sudo).
set -euo pipefail

# `install-tools.sh demo` installs only what building and serving the console needs;
# with no argument (or `test`) it also installs the browser and the Python clients the tests use.
purpose="${1:-test}"

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen pinned in Cargo.toml
WASM_SPLIT_VERSION=0.2.4       # wasm-split-cli, the splitter behind the lazy routes
BINARYEN_VERSION=132           # npm's wasm-opt; Debian's binaryen 108 breaks the wasm
AXE_CORE_VERSION=4.14.1        # the accessibility rules the end-to-end tests run in the page

root="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m[install]\033[0m %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=()
# The build writes a brotli copy of every wasm, js and css file (scripts/compress-dist.sh).
command -v brotli >/dev/null || apt_packages+=(brotli)
if [ "$purpose" != demo ]; then
  command -v chromium >/dev/null || apt_packages+=(chromium)
  command -v chromedriver >/dev/null || apt_packages+=(chromium-driver)
  # Chromium draws the Korean and Japanese console (and its screenshots) with this CJK font.
  [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || apt_packages+=(fonts-noto-cjk)
  # The deployment recipe is tested with a real nginx, an upstream certificate made with
  # openssl, and Debian's CA bundle (the recipe's default trust store).
  [ -x /usr/sbin/nginx ] || apt_packages+=(nginx)
  # The recipe serves the brotli copies with Debian's brotli_static module.
  [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] ||
    apt_packages+=(libnginx-mod-http-brotli-static)
  command -v openssl >/dev/null || apt_packages+=(openssl)
  [ -f /etc/ssl/certs/ca-certificates.crt ] || apt_packages+=(ca-certificates)
  python3 -c 'import venv, ensurepip' 2>/dev/null || apt_packages+=(python3-venv)
fi
if [ "${#apt_packages[@]}" -gt 0 ]; then
  log "apt: ${apt_packages[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  # A debug build of Trunk takes minutes instead of a quarter hour and produces the same dist/.
  log "cargo install trunk@$TRUNK_VERSION"
  cargo install --debug --locked "trunk@$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  # Not --locked: its lock file names a crate version the registry does not have.
  log "cargo install wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  # Splits the wasm by route (scripts/split-build.sh, Trunk's pre-build hook).
  log "cargo install wasm_split_cli_support@$WASM_SPLIT_VERSION"
  cargo install --locked "wasm_split_cli_support@$WASM_SPLIT_VERSION" --features build-binary
fi

tools="$root/tools"
if [ ! -x "$tools/node_modules/.bin/wasm-opt" ]; then
  log "npm binaryen@$BINARYEN_VERSION"
  mkdir -p "$tools"
  (cd "$tools" && npm install --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION")
fi
# axe-core, injected into the console's pages by tests/e2e/tests/e2e/accessibility.rs.
axe_package="$tools/node_modules/axe-core/package.json"
if [ "$purpose" != demo ] && ! grep -q "\"version\": \"$AXE_CORE_VERSION\"" "$axe_package" 2>/dev/null; then
  log "npm axe-core@$AXE_CORE_VERSION"
  mkdir -p "$tools"
  (cd "$tools" && npm install --no-audit --no-fund --silent --save-exact "axe-core@$AXE_CORE_VERSION")
fi
# Real OpenStack clients, to prove the simulator speaks the API they expect.
venv="$tools/venv"
if [ "$purpose" != demo ] && [ ! -x "$venv/bin/pytest" -o ! -f "$venv/.complete" ]; then
  log "python venv with pytest and the OpenStack clients"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/tests/openstack-clients/requirements.txt"
  touch "$venv/.complete"
fi
log "tools ready"
