#!/usr/bin/env bash
# Renders an nginx server block for one console origin from a settings file (see example.env)
# and writes the matching dist/config.json, so the console talks only to its own origin.
#
#   deploy/render.sh SETTINGS.env > /etc/nginx/conf.d/compute-console.conf
#
# The Content-Security-Policy allows exactly the bootstrap script Trunk wrote into
# dist/index.html (by hash), so render again after every build.
#
# Every value goes into nginx syntax, a header and JSON, so each is checked for its shape
# first; a bad one stops the rendering, naming the setting.
set -euo pipefail
settings="${1:?usage: deploy/render.sh SETTINGS.env}"
die() {
  echo "render.sh: $*" >&2
  exit 1
}
# shellcheck disable=SC1090
source "$settings"
: "${LISTEN:?}" "${DIST:?}" "${IDENTITY_URL:?}" "${REGIONS:?}"
BASE_PATH="${BASE_PATH:-/}"
case "$BASE_PATH" in */) ;; *) BASE_PATH="$BASE_PATH/" ;; esac
FRAME_ANCESTORS="${FRAME_ANCESTORS:-'none'}"
# Passwords and tokens cross to the upstreams: verified TLS only, unless told otherwise (the
# tests, against a local simulator).
ALLOW_PLAIN_HTTP_UPSTREAMS="${ALLOW_PLAIN_HTTP_UPSTREAMS:-no}"

# NAME VALUE: an upstream URL: https:// (http:// only with ALLOW_PLAIN_HTTP_UPSTREAMS=yes),
# without spaces, quotes, `;`, braces, backslashes or `$`.
check_upstream() {
  case "$2" in
    *[[:space:]\"\'\;\{\}\\\`\$]*) die "$1 is not a plain URL (no spaces, quotes, ;, { or }): $2" ;;
  esac
  case "$2" in
    https://?*) ;;
    http://?*)
      [ "$ALLOW_PLAIN_HTTP_UPSTREAMS" = yes ] ||
        die "$1 is plain http://: passwords and tokens would cross in clear (use https://, or ALLOW_PLAIN_HTTP_UPSTREAMS=yes for a local test)"
      ;;
    *) die "$1 must be an https:// URL: $2" ;;
  esac
}
[[ "$LISTEN" =~ ^([0-9.]+:|\[[0-9a-fA-F:]+\]:)?[0-9]{1,5}$ ]] || die "LISTEN must be a port or address:port: $LISTEN"
case "$DIST" in
  /*) ;;
  *) die "DIST must be an absolute path: $DIST" ;;
esac
case "$DIST" in
  *[[:space:]\"\'\;\{\}\\\`\$]*) die "DIST must be a plain path (no spaces, quotes, ;, { or }): $DIST" ;;
esac
[[ "$BASE_PATH" =~ ^/([A-Za-z0-9._~-]+/)*$ ]] || die "BASE_PATH must be / or /a/path/: $BASE_PATH"
check_upstream IDENTITY_URL "$IDENTITY_URL"
for region in $REGIONS; do
  [[ "$region" =~ ^[A-Za-z0-9-]+$ ]] || die "REGIONS: a region name is letters, digits and -: $region"
done
for source in $FRAME_ANCESTORS; do
  case "$source" in
    "'none'" | "'self'") ;;
    *) [[ "$source" =~ ^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$ ]] ||
      die "FRAME_ANCESTORS: each source is 'none', 'self' or an origin https://host[:port]: $source" ;;
  esac
done
# The console's tabs hand each other the session over a channel any page of the origin can
# join: only a console with an origin of its own may use it. Under a sub-path the origin is
# shared with the site around it, so the hand-over is off unless set.
if [ "$BASE_PATH" = / ]; then
  TAB_HAND_OVER="${TAB_HAND_OVER:-on}"
else
  TAB_HAND_OVER="${TAB_HAND_OVER:-off}"
  echo "render.sh: warning: under BASE_PATH=$BASE_PATH the console shares its origin with the site around it;" \
    "any page of that origin can read what the console keeps for its tabs. Sessions are isolated only on" \
    "an origin (host name) of the console's own; tab hand-over is $TAB_HAND_OVER (docs/deploying.md)." >&2
fi
# Debian's libnginx-mod-http-brotli-static (loaded by /etc/nginx/modules-enabled) sends the
# build's .br copies; "off" where that module is not installed (gzip copies only).
BROTLI_STATIC="${BROTLI_STATIC:-on}"
case "$BROTLI_STATIC" in
  on) brotli_static="
        brotli_static on;" ;;
  off) brotli_static="" ;;
  *) die "BROTLI_STATIC must be on or off: $BROTLI_STATIC" ;;
esac
case "$TAB_HAND_OVER" in
  on) tab_hand_over=true ;;
  off) tab_hand_over=false ;;
  *) die "TAB_HAND_OVER must be on or off: $TAB_HAND_OVER" ;;
esac
# The upstreams' certificates are verified against this bundle (Debian's CA bundle by default).
UPSTREAM_CA="${UPSTREAM_CA:-/etc/ssl/certs/ca-certificates.crt}"
UPSTREAM_VERIFY_DEPTH="${UPSTREAM_VERIFY_DEPTH:-4}"
# "on" when TLS terminates at this nginx: browsers are then told to use HTTPS only (HSTS).
HSTS="${HSTS:-off}"
# Sessions (docs/runtime-config.md): minutes of inactivity before every tab signs out, and
# "tab" (kept for a reload) or "memory".
IDLE_TIMEOUT_MINUTES="${IDLE_TIMEOUT_MINUTES:-60}"
SESSION_PERSISTENCE="${SESSION_PERSISTENCE:-tab}"
case "$IDLE_TIMEOUT_MINUTES" in
  ''|*[!0-9.]*) echo "render.sh: IDLE_TIMEOUT_MINUTES must be a number of minutes" >&2; exit 1 ;;
esac
case "$SESSION_PERSISTENCE" in
  tab|memory) ;;
  *) echo "render.sh: SESSION_PERSISTENCE must be tab or memory" >&2; exit 1 ;;
esac
index="$DIST/index.html"
[ -f "$index" ] || { echo "render.sh: $index is missing: build the console first" >&2; exit 1; }

# 'sha256-…' of every inline <script> of index.html, as CSP wants it.
script_hashes=$(python3 - "$index" <<'PY'
import base64, hashlib, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for body in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S):
    if body.strip():
        print("'sha256-%s'" % base64.b64encode(hashlib.sha256(body.encode()).digest()).decode(), end=" ")
PY
)

csp="default-src 'none'; script-src 'self' 'wasm-unsafe-eval' ${script_hashes}; style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'self'; form-action 'none'; frame-ancestors ${FRAME_ANCESTORS}"

# The browser sees the APIs under ${BASE_PATH}api/…; nginx serves everything from the root.
api="${BASE_PATH}api"

# Every proxied API: the upstream sees an ordinary same-host request over verified TLS, and
# nothing of the console's origin (an admin site's cookies or Authorization) reaches it.
proxy_common="
        proxy_set_header Host \$proxy_host;
        proxy_set_header Origin \"\";
        proxy_set_header Cookie \"\";
        proxy_set_header Authorization \"\";
        proxy_hide_header Set-Cookie;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_ssl_server_name on;
        proxy_ssl_verify on;
        proxy_ssl_trusted_certificate ${UPSTREAM_CA};
        proxy_ssl_verify_depth ${UPSTREAM_VERIFY_DEPTH};
        proxy_read_timeout 120s;
        client_max_body_size 1m;
        # Answers holding tokens are not compressed here (BREACH): they pass as sent.
        gzip off;"

# add_header in a location replaces the server's, so each location that adds one repeats these.
security_headers="
        add_header Content-Security-Policy \"${csp}\" always;
        add_header X-Content-Type-Options \"nosniff\" always;
        add_header Referrer-Policy \"no-referrer\" always;
        add_header Cross-Origin-Opener-Policy \"same-origin\" always;"
if [ "$HSTS" = on ]; then
  security_headers+="
        add_header Strict-Transport-Security \"max-age=31536000\" always;"
fi
# API answers carry tokens and tenant data: never kept by a browser or a cache on the way.
api_headers="${security_headers}
        add_header Cache-Control \"no-store\" always;"

# `^~`: an API path wins over the static-file regex below, even one ending in .js (a key pair
# named deploy.js is valid).
proxies="
    location ^~ /api/identity/ {
        proxy_pass ${IDENTITY_URL%/}/;${proxy_common}${api_headers}
    }"
config_regions=""
for region in $REGIONS; do
  lower=$(echo "$region" | tr '[:upper:]' '[:lower:]')
  for service in compute image network volume; do
    var="${region}_$(echo "$service" | tr '[:lower:]' '[:upper:]')"
    # Only what the settings file sets: never a variable that happens to be in the
    # environment of whoever renders.
    grep -qE "^[[:space:]]*(export[[:space:]]+)?${var}=" "$settings" || continue
    upstream="${!var:-}"
    [ -n "$upstream" ] || continue
    check_upstream "$var" "$upstream"
    proxies+="
    location ^~ /api/${lower}/${service}/ {
        proxy_pass ${upstream%/}/;${proxy_common}${api_headers}
    }"
  done
  [ -n "$config_regions" ] && config_regions+=","
  # compute and volume URLs carry the tenant; image and network have no version in the catalog.
  config_regions+="
    \"${region}\": {
      \"compute\": \"${api}/${lower}/compute/v2/{tenantId}\",
      \"image\": \"${api}/${lower}/image\",
      \"network\": \"${api}/${lower}/network\",
      \"volume\": \"${api}/${lower}/volume/v2/{tenantId}\"
    }"
done

# The pages allowed to frame the console may also hand it a session (embed.allowedOrigins):
# the http(s) origins of FRAME_ANCESTORS, not its keywords.
embed_origins=""
for source in $FRAME_ANCESTORS; do
  case "$source" in
    http://*|https://*) embed_origins="${embed_origins:+$embed_origins, }\"${source%/}\"" ;;
  esac
done

first_region=${REGIONS%% *}
cat > "$DIST/config.json" <<JSON
{
  "identityUrl": "${api}/identity",
  "defaultRegion": "${first_region}",
  "idleTimeoutMinutes": ${IDLE_TIMEOUT_MINUTES},
  "sessionPersistence": "${SESSION_PERSISTENCE}",
  "tabHandOver": ${tab_hand_over},
  "embed": { "allowedOrigins": [${embed_origins}] },
  "regions": {${config_regions}
  }
}
JSON

base_rewrite=""
if [ "$BASE_PATH" != "/" ]; then
  base_rewrite="
    # The console lives under ${BASE_PATH}; the files and locations below are at the root.
    rewrite ^${BASE_PATH%/}/?(.*)\$ /\$1;"
fi

cat <<NGINX
# Rendered by deploy/render.sh from ${settings}: serves the console and proxies the APIs.
server {
    listen ${LISTEN};
    root ${DIST};
    charset utf-8;
    server_tokens off;
${base_rewrite}
${security_headers}

    # Anything not compressed by the build (index.html, config.json, the svg) is compressed
    # on the way; API answers pass as the upstream sent them.
    gzip on;
    gzip_vary on;
    gzip_types text/css text/javascript application/json application/wasm image/svg+xml;

    types {
        text/html html;
        text/css css;
        text/javascript js;
        application/json json;
        application/wasm wasm;
        image/svg+xml svg;
    }

    # Hashed assets never change under their name. The build writes a brotli and a gzip copy
    # of each wasm, js and css file: sent as they are to a browser that accepts them.
    location ~* \.(?:wasm|js|css|svg)\$ {${security_headers}
        add_header Cache-Control "public, max-age=31536000, immutable";
        add_header Vary "Accept-Encoding";${brotli_static}
        gzip_static on;
        try_files \$uri =404;
    }
${proxies}

    # index.html, config.json and deep links (/instances/…, routed by the console) change with
    # every build or deployment.
    location / {${security_headers}
        add_header Cache-Control "no-store";
        try_files \$uri /index.html;
    }
}
NGINX
