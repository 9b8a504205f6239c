#!/usr/bin/env bash
# The OpenAPI contract (openapi.json, written by `npm run openapi`): Redocly's
# recommended rules (redocly.yaml), then no breaking change from the last
# released copy (contract/openapi.released.json), and the typed client's
# types (libs/client/src/schema.d.ts) generated from it as committed. Run by scripts/test.sh; a
# test in test/api/openapi-contract.e2e-spec.ts checks that openapi.json is
# what the running api serves.
set -euo pipefail
cd "$(dirname "$0")/.."
# Redocly's CLI reports usage and looks for updates over the network unless told not to.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

echo "› OpenAPI contract: redocly lint, breaking changes since the released copy, the client's types"
# Redocly's banner about Node 20's end of life is left out of the output.
status=0
lint=$(npx redocly lint --format=stylish 2>&1) || status=$?
grep -v -e '║' -e '╔' -e '╚' -e '^\s*$' <<<"$lint" || true
[ "$status" -eq 0 ] || { echo "redocly lint failed on openapi.json (redocly.yaml)"; exit 1; }
node -r ./scripts/ts-node-hook.js apps/api/src/openapi/check-breaking.ts contract/openapi.released.json openapi.json

# The client's types, generated again in a scratch folder (redocly.yaml names the output) and compared.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp openapi.json redocly.yaml "$scratch"
(cd "$scratch" && "$OLDPWD/node_modules/.bin/openapi-typescript" --root-types >/dev/null 2>&1)
cmp -s "$scratch/libs/client/src/schema.d.ts" libs/client/src/schema.d.ts || { echo "libs/client/src/schema.d.ts is not generated from openapi.json: run npm run openapi"; exit 1; }
echo "libs/client/src/schema.d.ts matches openapi.json"
