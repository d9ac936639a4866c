#!/usr/bin/env bash
# Fuzzes the emulator with schemathesis against every operation it serves: positive and
# negative data, every check but those listed below, a fixed seed so that a run is
# reproducible. Where the document itself is wrong, the exception is in the emulator's code
# (contract::UNDECLARED, contract::PUBLIC), which writes the document it honours; the
# checks that cannot hold for some operations are in crates/emulator/schemathesis.toml.
# Usage: scripts/fuzz.sh [extra schemathesis options]   (after make emulator, setup.sh test)
set -euo pipefail
cd "$(dirname "$0")/.."
emulator=target/release/runai-emulator
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT

"$emulator" --served-contract "$work/served.json"
"$emulator" --port 0 >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q '^emulated control plane: ' "$work/log" && break; sleep 0.1; done
url=$(sed -n 's/^emulated control plane: //p' "$work/log")
token=$(python3 - "$url" <<'PY'
import json, sys, urllib.request
form = b"grant_type=client_credentials&client_id=demo-admin&client_secret=demo-admin-secret"
print(json.load(urllib.request.urlopen(sys.argv[1] + "/api/v2/token", form))["access_token"])
PY
)
# ignored_auth: the fuzzer's token must stay valid, but sending it without a header is what
# that check does to every operation; 401s are covered by the emulator's own tests.
# One worker: hypothesis 6 can trip over its own AST cache when threads share it.
# Writing a workload policy is not fuzzed: its request schemas (every field of a workload,
# each with defaults and rules) take hypothesis over two minutes per operation to fill in, for
# five cases. tests/policies.rs checks those writes; their reads and deletes are fuzzed.
unfuzzed=()
for kind in workspaces trainings distributed inferences distributed-inferences nim-services; do
  unfuzzed+=(--exclude-name "PUT /api/v2/policy/$kind" --exclude-name "PATCH /api/v2/policy/$kind")
done
fuzz() {
  .tools/venv/bin/schemathesis --config-file crates/emulator/schemathesis.toml run "$work/served.json" --url "$url" \
    -H "Authorization: Bearer $token" --seed "${FUZZ_SEED:-1}" --max-examples "${FUZZ_EXAMPLES:-20}" -w 1 \
    --exclude-checks ignored_auth --output-truncate false --no-color "${unfuzzed[@]}" "$@"
}
# What can take the fuzzer's own rights away (its access rule, its service account) runs
# last, so that it does not turn the rest of the run into 403s.
last=(--include-name "DELETE /api/v1/authorization/access-rules/{accessRuleId}"
      --include-name "DELETE /api/v1/service-accounts/{serviceAccountId}"
      --include-name "PATCH /api/v1/service-accounts/{serviceAccountId}"
      --include-name "POST /api/v1/service-accounts/{serviceAccountId}/secret")
fuzz "${last[@]/--include-name/--exclude-name}" "$@"
fuzz "${last[@]}" "$@"
