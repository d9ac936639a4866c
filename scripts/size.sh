#!/usr/bin/env bash
# Prints the shipped bundle's weight: wasm, JS and CSS, raw and gzip (-9), the total against
# the budget, and where the wasm's bytes go (by crate and console module), so that a growth is
# visible the day it happens. Usage: scripts/size.sh [--check] [DIST]   (--check: exit 1 when
# over budget)
set -euo pipefail
check=false
[ "${1:-}" = --check ] && { check=true; shift; }
dist=${1:-dist}
# The budget is lowered when work frees room, never raised. 440 K with the organization and
# access pages (12 resource types), after type-erased generic pages, lenient JSON records
# instead of a serde decoder per type, and `erase_components` brought them from 509 K to 430 K.
# 435 K once reads and writes became one non-generic `Wire` instead of async code per type
# (441 K to 433 K, with date filters and the row-to-actions keys added). The workloads page
# (list, detail, stop/run/delete) fit under it once request bodies were written by `ToJson`
# instead of serde's serializer (8 K of code before wasm-opt). 432 K with uPlot (23 K of JS and
# CSS) and the workload metrics, events, pods, submission and auto-refresh, paid for by
# building std with the console and aborting on panics (-30 K), a small loader and task instead
# of Leptos' resources, Suspense/Transition and actions (-28 K). 430 K once the navigation's
# links were plain anchors under the console's base path instead of Leptos' <A> (-3 K). 428 K
# once form fields were constant data instead of code building them and the wasm-bindgen glue
# was minified (scripts/minify-glue.js, -2.3 K). (trunk's own minify also rewrites index.html,
# whose <base href="/" /> the hosting kit replaces, so it stays off.) 424 K once release builds
# dropped Debug formatting and panic locations (-Zfmt-debug=none -Zlocation-detail=none, -4.5 K):
# nothing shown to the operator may be written with {:?}. 423 K once wasm-opt ran -Os --converge
# (-2 K) and floats were printed by JavaScript (util::decimal, -5.7 K), which paid for the data
# volumes, policy locks and bounds, and template data sources. 395 K once the console routed
# itself (src/router.rs) instead of leptos_router (-45 K), which paid for the Overview (+13 K)
# and the quota editor's department guard (+3.8 K). 392 K once JSON was read by a small parser
# of the console's own (src/api/parse.rs) instead of serde_json's (-6.2 K), toasts were a plain
# list instead of a keyed <For> (-5 K: nothing else used the keyed machinery), and an object's
# members were read into a Vec instead of a BTreeMap (its sort), which paid for quota
# management, capacity columns, cluster names, the time zone and the department guard (+10 K).
# A loader keeping its answer type-erased instead of a signal and effect per loaded type (-5.6 K)
# paid for the nodes' and node pools' GPU columns, the top bar's cluster chooser, metrics over
# time on departments, projects, node pools and nodes, and GPUs by workload type (+5.1 K).
# 391 K once tasks (save, delete, sign-in) kept their outcome type-erased too (-0.5 K), and
# lists and the Overview shared one way of keeping the last answer on a failed refresh.
# 390 K once the records a form chooses from were read and named by one erased function
# instead of one per type (-3 K), which paid for lists drawing their rows before their node
# telemetry and for the nodes' and node pools' CPU and memory columns (+1.8 K).
BUDGET_GZIP_KB=${BUDGET_GZIP_KB:-390}
[ -f "$dist/index.html" ] || { echo "size: no bundle in $dist (run make dist)"; exit 1; }
total_raw=0; total_gz=0
printf '%-6s %10s %10s\n' kind raw gzip
for kind in wasm js css; do
  raw=0; gz=0
  for f in "$dist"/*."$kind"; do
    [ -f "$f" ] || continue
    raw=$((raw + $(stat -c %s "$f")))
    gz=$((gz + $(gzip -9c "$f" | wc -c)))
  done
  printf '%-6s %9dK %9dK\n' "$kind" $((raw / 1024)) $((gz / 1024))
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
done
printf '%-6s %9dK %9dK   (budget %d K gzip)\n' total $((total_raw / 1024)) $((total_gz / 1024)) "$BUDGET_GZIP_KB"
wasm=target/wasm32-unknown-unknown/release/runai-console.wasm
if [ -f "$wasm" ]; then
  python3 "$(dirname "$0")/wasm_sizes.py" "$wasm" --top 12
fi
if [ $((total_gz / 1024)) -gt "$BUDGET_GZIP_KB" ]; then
  echo "size: over the budget of $BUDGET_GZIP_KB K gzip"
  $check && exit 1
fi
exit 0
