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
"$here/headers.sh" "$dist" "$upstream" >"$prefix/security-headers.conf"
# Precompressed brotli files are sent as they are where nginx has the module for it (Debian:
# libnginx-mod-http-brotli-static); gzip ones always.
brotli_module=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
if [ -f "$brotli_module" ]; then load="load_module $brotli_module;"; brotli="brotli_static on;"; else load=""; brotli=""; fi
# The served tree: the bundle under PATH (links to DIST's files), and its index.html with the
# <base href> naming PATH, which is all the console needs to run there.
served=$prefix/html${path%/}
rm -rf "$prefix/html"; mkdir -p "$served"
for f in "$dist"/*; do ln -s "$f" "$served/"; done
rm -f "$served/index.html" "$served/security-headers.conf"
sed "s|<base href=\"/\" />|<base href=\"$path\" />|" "$dist/index.html" >"$served/index.html"
grep -q "<base href=\"$path\" />" "$served/index.html" || { echo "render.sh: no <base href=\"/\" /> in $dist/index.html" >&2; exit 1; }
sed -e "s|@PREFIX@|$prefix|g" -e "s|@LISTEN@|$listen|g" -e "s|@PATH@|$path|g" -e "s|@UPSTREAM@|$upstream|g" \
    -e "s|@LOAD_BROTLI@|$load|" -e "s|@BROTLI_STATIC@|$brotli|" \
  "$here/console.conf" >"$prefix/nginx.conf"
