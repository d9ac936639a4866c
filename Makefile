# The console's commands. Each installs what it needs first (scripts/setup.sh skips what is
# already there), so they work on a fresh machine and are quick on a prepared one.
SHELL := bash
PORT ?= 8080
# trunk must find npm's wasm-opt (binaryen 132) before any other on PATH.
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: run test dist dev size bench setup setup-test emulator

## make run: build the release console and serve it with the emulator on http://127.0.0.1:$(PORT)
run: dist emulator
	target/release/runai-emulator --port $(PORT) --dist dist

## make test: every test layer (native unit, emulator contract, browser components, end to end,
## and schemathesis fuzzing the emulator against the contract)
test: setup-test dist emulator
	@scripts/size.sh --check dist
	cargo test --workspace --all-targets -- --test-threads=2
	cargo test -p runai-console --target wasm32-unknown-unknown --test web
	scripts/fuzz.sh

## make dist: the release bundle in dist/ (with .gz and .br twins for servers that send them as
## they are, such as deploy/nginx/, and the security headers as an nginx snippet), then its size
## It compiles the standard library with the console (size-optimised, in the same LTO) and
## aborts on a panic without formatting it (assets/crash.js shows the crash screen): 31 K
## gzip less than the prebuilt std with panic=abort. Debug formatting and panic locations are
## left out too (4.5 K): `{:?}` writes nothing in a release build, so no message uses it.
## These flags are unstable, so the pinned stable compiler is told to accept them
## (RUSTC_BOOTSTRAP); tests build without them.
dist: setup
	RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
	  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" \
	  trunk build --release
	@node scripts/minify-glue.js dist
	@for f in dist/*.wasm dist/*.js dist/*.css; do gzip -9 -k -f "$$f"; done
	@node scripts/brotli.js dist/*.wasm dist/*.js dist/*.css
	@deploy/nginx/headers.sh dist >dist/security-headers.conf
	@scripts/size.sh dist

## make dev: trunk serve with live reload on :8081, proxying /api to an emulator on :8080
dev: setup emulator
	target/release/runai-emulator --port 8080 --allow-origin http://127.0.0.1:8081 & \
	  trap "kill $$!" EXIT; trunk serve

## make bench: time to first rows and request counts on 10,000 projects, nodes and workloads,
## the Overview drawn whole on the same,
## and chart drawing (8 GPUs x 10,000 points; a workload's metrics) (prints numbers)
bench: setup-test dist
	cargo test --release --test bench -- --ignored --nocapture --test-threads=1 2>&1 | grep '^bench:'

## make size: what the shipped bundle weighs, raw and gzip
size:
	@scripts/size.sh dist

emulator:
	cargo build --release -p runai-emulator

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test
