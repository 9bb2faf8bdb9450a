#!/usr/bin/env bash
# Trunk's pre-build hook that builds the wasm instead of Trunk (see docs/code-splitting.md):
# cargo build (with relocations kept), wasm-split-cli (the routes' chunks), wasm-bindgen on the
# main module, wasm-opt on every module in release; the result goes into a directory named
# after its content hash, .build/split/site/pkg-<hash>/, which index.html copies, and
# .build/split/boot.html, which index.html inlines (preload hints and the module script).
# `trunk build --release` and `trunk serve` stay the commands; this runs inside them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name=compute-console
profile="${TRUNK_PROFILE:-debug}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export PATH="$root/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The wasm-bindgen CLI must be the version the crate links, or the glue does not fit.
wanted=$(grep -A1 '^name = "wasm-bindgen"$' "$root/Cargo.lock" | sed -n 's/^version = "\(.*\)"$/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
if [ "$have" != "$wanted" ]; then
  echo "split-build: wasm-bindgen $wanted is needed (found '${have:-none}'): run scripts/install-tools.sh" >&2
  exit 1
fi
command -v wasm-split-cli >/dev/null || {
  echo "split-build: wasm-split-cli is missing: run scripts/install-tools.sh" >&2
  exit 1
}

out="$root/.build/split"
work="$out/.work"

# Appended to .cargo/config.toml's rustflags (RUSTFLAGS would replace them): the relocations
# the splitter reads, and `cc_split`, under which the routes become split points.
flags=(--target wasm32-unknown-unknown --bin "$name"
  --config 'target.wasm32-unknown-unknown.rustflags=["-Clink-arg=--emit-relocs","--cfg","cc_split"]')
[ "$profile" = release ] && flags+=(--release)
(cd "$root" && cargo build "${flags[@]}")
input="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/$name.wasm"

# The same wasm as last time (a style edit under `trunk serve`, or a second build of the same
# code under another --public-url): the last output stands, and wasm-opt is not run again.
stamp="$(sha256sum "$input" | cut -c1-64) $profile $(wasm-bindgen --version)"
if [ -f "$out/boot.html" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "split-build: the wasm is unchanged; $out stands"
  exit 0
fi
rm -rf "$out"
mkdir -p "$work/split" "$work/pkg" "$out/site"

wasm-split-cli "$input" "$work/split" --target web --out-name "$name"
wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript \
  --out-dir "$work/pkg" --out-name "$name" "$work/split/$name.wasm"
cp "$work/split/__wasm_split.js" "$work/pkg/"
for chunk in "$work/split/"split_*.wasm "$work/split/"chunk_*.wasm; do
  [ -f "$chunk" ] && cp "$chunk" "$work/pkg/"
done
if [ "$profile" = release ]; then
  # Two modules per processor at a time (most are small, and a run is mostly Node starting),
  # the largest (the main module) first. The splitter writes name subsections that wasm-opt
  # does not know (id 3); it drops the name section anyway, so its warning for each of them is
  # left out of the build's output.
  ls -S "$work/pkg/"*.wasm | tr '\n' '\0' |
    xargs -0 -P "$(( $(nproc) * 2 ))" -I '{}' \
      wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int '{}' -o '{}' \
      2> >(grep -v '^warning: unknown name subsection with id 3' >&2)
fi

# The chunks are found relative to the main JS, so the files keep their names and the
# directory carries the hash: a new build is a new directory, cached forever like any other.
hash=$(cd "$work/pkg" && ls | sort | xargs cat | sha256sum | cut -c1-16)
pkg="pkg-$hash"
mv "$work/pkg" "$out/site/$pkg"
rm -rf "$work"

# The files of the instance list's chunk: its own and the shared chunks the loader fetches
# with it (each shared chunk's comment in __wasm_split.js names the splits that use it).
list_files=$(awk '
  /^\/\* .* \*\/$/ { uses_list = ($0 ~ /[ ,]cc_instances[ ,]/); next }
  uses_list && match($0, /chunk_[0-9]+\.wasm/) { printf "\"%s\", ", substr($0, RSTART, RLENGTH); uses_list = 0 }
' "$out/site/$pkg/__wasm_split.js")
list_files="${list_files}\"split_cc_instances.wasm\""

# Preload the main module, the loader and the main wasm; start the app and tell the page (the
# benchmark listens for Trunk's own event name). A tab with a saved session goes straight to
# the instance list, so it fetches the list's chunks beside the main wasm, not after it; the
# sign-in page fetches them itself once it is idle.
cat >"$out/boot.html" <<HTML
<link rel="modulepreload" href="$pkg/$name.js" />
<link rel="modulepreload" href="$pkg/__wasm_split.js" />
<link rel="preload" as="fetch" type="application/wasm" crossorigin href="$pkg/${name}_bg.wasm" />
<script type="module">
import init from "./$pkg/$name.js";
try {
  const toList = /\/(instances)?$/.test(location.pathname);
  if (toList && sessionStorage.getItem("compute-console.session")) {
    for (const file of [$list_files]) {
      const link = document.createElement("link");
      link.rel = "preload";
      link.as = "fetch";
      link.type = "application/wasm";
      link.crossOrigin = "anonymous";
      link.href = "./$pkg/" + file;
      document.head.append(link);
    }
  }
} catch {}
const wasm = await init();
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
</script>
HTML
echo "$stamp" >"$out/stamp"
