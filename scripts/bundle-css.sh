#!/bin/sh
# Trunk's pre-build hook: writes style/console.css with its `@import "x.css";` lines replaced by
# the files themselves into .build/console.css, so the browser fetches one stylesheet (Trunk
# does not follow @import). Anything else in console.css is kept as is.
set -eu
root="${TRUNK_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}"
entry="$root/style/console.css"
out="$root/.build/console.css"
mkdir -p "$root/.build"
tmp="$out.tmp.$$"
: >"$tmp"
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    @import\ \"*\"\;)
      name="${line#@import \"}"
      name="${name%\";}"
      part="$root/style/$name"
      if [ ! -f "$part" ]; then
        echo "bundle-css: $entry imports $name, which is not in style/" >&2
        rm -f "$tmp"
        exit 1
      fi
      printf '/* %s */\n' "$name" >>"$tmp"
      cat "$part" >>"$tmp"
      printf '\n' >>"$tmp"
      ;;
    *) printf '%s\n' "$line" >>"$tmp" ;;
  esac
done <"$entry"
mv "$tmp" "$out"
