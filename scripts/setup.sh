#!/usr/bin/env bash
# Installs what the console's build and tests need, skipping whatever is already there.
# Usage: scripts/setup.sh [build|test]   (test adds Chromium and chromedriver)
# Only the package registries are reachable from our machines, so every tool comes from
# crates.io, npm or Debian, never from a download of a prebuilt binary.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
AXE_VERSION=4.11.0
UPLOT_VERSION=1.6.32
TERSER_VERSION=5.51.2
SCHEMATHESIS_VERSION=4.32.5
say() { echo "setup: $*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! rustup component list --installed | grep -q '^rust-src'; then
  say "installing rust-src (release builds compile the standard library with the console)"
  rustup component add rust-src
fi
# trunk builds offline (Trunk.toml), so the crates the standard library depends on must be in
# cargo's cache before the first release build; fetching is quick when they already are.
RUSTC_BOOTSTRAP=1 cargo fetch --quiet --manifest-path "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 13 minutes on 2 cores, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# trunk refuses a wasm-bindgen CLI that differs from the library in Cargo.lock.
bindgen=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen" ]; then
  say "installing wasm-bindgen-cli $bindgen (matches Cargo.lock)"
  # Its own lock file can name a crate version the registry no longer serves; then resolve anew.
  cargo install wasm-bindgen-cli --version "$bindgen" --locked \
    || cargo install wasm-bindgen-cli --version "$bindgen"
fi

# Debian's binaryen 108 produces a wasm that dies in the browser; npm's binaryen is current.
if [ "$(.tools/node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  say "installing wasm-opt from npm binaryen@$BINARYEN_VERSION into .tools/"
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
fi

# uPlot draws the charts; trunk bundles its script and style from here (index.html).
if [ "$(node -p "require('./.tools/node_modules/uplot/package.json').version" 2>/dev/null)" != "$UPLOT_VERSION" ]; then
  say "installing uplot $UPLOT_VERSION from npm into .tools/"
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --silent "uplot@$UPLOT_VERSION"
fi

# terser minifies the wasm-bindgen glue, which trunk ships as written (scripts/minify-glue.js).
if [ "$(node -p "require('./.tools/node_modules/terser/package.json').version" 2>/dev/null)" != "$TERSER_VERSION" ]; then
  say "installing terser $TERSER_VERSION from npm into .tools/"
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --silent "terser@$TERSER_VERSION"
fi

# axe-core, injected into the page by the end-to-end tests to check accessibility.
if [ "$what" = test ] && [ "$(node -p "require('./.tools/node_modules/axe-core/package.json').version" 2>/dev/null)" != "$AXE_VERSION" ]; then
  say "installing axe-core $AXE_VERSION from npm into .tools/"
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
fi

if [ "$what" = test ] && ! { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }; then
  say "installing chromium and chromium-driver from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi
# nginx, which the hosting kit's test runs in front of the emulator (deploy/nginx/), with
# its module that sends the precompressed brotli files.
if [ "$what" = test ] && ! { [ -x /usr/sbin/nginx ] && [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; }; then
  say "installing nginx-light and its brotli_static module from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static; }
fi

# schemathesis, which fuzzes the emulator against the contract (scripts/fuzz.sh), from PyPI.
if [ "$what" = test ] && [ "$(.tools/venv/bin/schemathesis --version 2>/dev/null)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
  say "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into .tools/venv"
  python3 -m venv .tools/venv
  .tools/venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
exit 0
