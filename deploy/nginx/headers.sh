#!/usr/bin/env bash
# Prints the console's security headers as an nginx snippet (`include` it where the console
# and its API are served). The CSP names the hash of this build's inline loader: computed,
# never copied by hand. connect-src is the console's own origin (the API proxied there), plus
# the control plane's origin when given (signing in to it directly).
# Usage: deploy/nginx/headers.sh DIST [UPSTREAM]
set -euo pipefail
csp=$(python3 - "$1/index.html" "${2:-}" <<'PY'
import base64, hashlib, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
hashes = "".join(f" 'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
upstream = re.match(r"^(https?://[^/]+)", sys.argv[2])
origin = " " + upstream.group(1) if upstream else ""
print("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" + hashes + "; style-src 'self'; "
      "img-src 'self' data:; connect-src 'self'" + origin + "; object-src 'none'; base-uri 'self'; "
      "frame-ancestors 'none'; form-action 'self'")
PY
)
cat <<CONF
add_header Content-Security-Policy "$csp" always;
add_header Strict-Transport-Security "max-age=31536000" always;
add_header X-Content-Type-Options "nosniff" always;
add_header Referrer-Policy "no-referrer" always;
add_header Cross-Origin-Opener-Policy "same-origin" always;
add_header X-Frame-Options "DENY" always;
CONF
