#!/usr/bin/env bash
# The OpenAPI contract (openapi.json, written by `npm run openapi`): Redocly's
# recommended rules (redocly.yaml), then no breaking change from the last
# released copy (contract/openapi.released.json). Run by scripts/test.sh; a
# test in test/api/openapi-contract.e2e-spec.ts checks that openapi.json is
# what the running api serves.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "› OpenAPI contract: redocly lint, breaking changes since the released copy"
# Redocly's banner about Node 20's end of life is left out of the output.
status=0
lint=$(npx redocly lint --format=stylish 2>&1) || status=$?
grep -v -e '║' -e '╔' -e '╚' -e '^\s*$' <<<"$lint" || true
[ "$status" -eq 0 ] || { echo "redocly lint failed on openapi.json (redocly.yaml)"; exit 1; }
node -r ./scripts/ts-node-hook.js apps/api/src/openapi/check-breaking.ts contract/openapi.released.json openapi.json
