#!/usr/bin/env sh
# Trunk post-build hook: writes a brotli (quality 11) and a gzip (-9) copy beside every wasm,
# JavaScript and CSS file of the build, so a server sends them compressed without compressing
# on each request: nginx with `brotli_static`/`gzip_static` (deploy/render.sh), the
# simulator's file server, or a CDN told which Content-Encoding goes with which copy.
set -eu
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
command -v brotli >/dev/null || {
  echo "compress-dist.sh: brotli is missing: run scripts/install-tools.sh" >&2
  exit 1
}
# A debug build is for the development loop, where nothing is served compressed.
if [ "${TRUNK_PROFILE:-release}" != release ]; then
  exit 0
fi
# One file per processor at a time: quality 11 is slow, and the files are independent.
find "$dir" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -print0 |
  xargs -0 -P "$(nproc)" -I '{}' sh -c '
    brotli --force --quality=11 --output="$1.br" "$1" && gzip --best --no-name --force --keep "$1"
  ' sh '{}'
