#!/usr/bin/env bash
# Renders the nginx kit for a built console.
# Usage: deploy/nginx/render.sh DIST PREFIX LISTEN UPSTREAM [PATH]
#   DIST      the built console (make dist)
#   PREFIX    a directory nginx may write to (config, pid, logs, temp files, the served tree)
#   LISTEN    a port (then on loopback only) or address:port, e.g. 0.0.0.0:8080
#   UPSTREAM  the control plane, e.g. https://runai.example.com
#   PATH      where the console is served, "/" (the default) or a path such as /console/
# Then: nginx -p PREFIX -c nginx.conf   (-g 'daemon off;' to keep it in the foreground)
set -euo pipefail
dist=$(cd "$1" && pwd); prefix=$2; listen=$3; upstream=$4; path=${5:-/}
case $path in /*/ | /) ;; *) echo "render.sh: PATH must start and end with /, such as /console/" >&2; exit 2 ;; esac
case $listen in *:*) ;; *) listen=127.0.0.1:$listen ;; esac
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$prefix"/tmp
prefix=$(cd "$prefix" && pwd)
# The CSP names the hash of this build's inline loader; it is computed, never copied by hand.
csp=$(python3 - "$dist/index.html" "$upstream" <<'PY'
import base64, hashlib, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
hashes = "".join(f" 'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
origin = re.match(r"^(https?://[^/]+)", sys.argv[2]).group(1)
print("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" + hashes + "; style-src 'self'; "
      "img-src 'self' data:; connect-src 'self' " + origin + "; object-src 'none'; base-uri 'self'; "
      "frame-ancestors 'none'; form-action 'self'")
PY
)
cat >"$prefix/security-headers.conf" <<CONF
add_header Content-Security-Policy "$csp" always;
add_header Strict-Transport-Security "max-age=31536000" always;
add_header X-Content-Type-Options "nosniff" always;
add_header Referrer-Policy "no-referrer" always;
add_header Cross-Origin-Opener-Policy "same-origin" always;
add_header X-Frame-Options "DENY" always;
CONF
# The served tree: the bundle under PATH (links to DIST's files), and its index.html with the
# <base href> naming PATH, which is all the console needs to run there.
served=$prefix/html${path%/}
rm -rf "$prefix/html"; mkdir -p "$served"
for f in "$dist"/*; do ln -s "$f" "$served/"; done
rm -f "$served/index.html" "$served/index.html.gz"
sed "s|<base href=\"/\" />|<base href=\"$path\" />|" "$dist/index.html" >"$served/index.html"
grep -q "<base href=\"$path\" />" "$served/index.html" || { echo "render.sh: no <base href=\"/\" /> in $dist/index.html" >&2; exit 1; }
sed -e "s|@PREFIX@|$prefix|g" -e "s|@LISTEN@|$listen|g" -e "s|@PATH@|$path|g" -e "s|@UPSTREAM@|$upstream|g" \
  "$here/console.conf" >"$prefix/nginx.conf"
