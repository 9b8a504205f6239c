#!/usr/bin/env bash
# libs/client/src/schema.d.ts: the TypeScript types of openapi.json, which the
# typed client (libs/client) is built on. Run by `npm run openapi` after it
# writes openapi.json; the output is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
# Input and output are named in redocly.yaml; its lint warnings are check-contract.sh's to report.
npx openapi-typescript --root-types >/dev/null 2> >(grep -v '⚠' >&2)
echo "wrote libs/client/src/schema.d.ts"
