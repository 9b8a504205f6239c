#!/usr/bin/env bash
# `npm test`: the full suite on a fresh machine — installs what is missing,
# type-checks, lints (ESLint, layering, unused code, formatting), builds the
# three entrypoints, runs the unit tests (on the
# machine's Node, then on Node 22 LTS, the image's runtime) and the
# integration tests (they start their own redis-server on loopback ports),
# once against one Redis and once against a 3-master Redis Cluster, then the
# fault-injection suite (scripts/faults.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh --for-tests
echo "› type-checking"
npx tsc --noEmit -p tsconfig.json
npx tsc -p bench/tsconfig.json
echo "› lint, boundaries, unused code (npm run lint)"
npm run lint --silent
echo "› formatting (npm run format:check)"
npm run format:check --silent
echo "› the API contract (Redocly lint, breaking changes, typed client up to date)"
bash scripts/check-contract.sh
echo "› building"
npm run build --silent
echo "› unit tests"
npx jest --selectProjects unit --ci
echo "› unit tests again on Node 22 LTS (the image's runtime)"
bash scripts/unit-on-node22.sh
echo "› integration tests (real redis-server, real HTTP)"
npx jest --selectProjects integration --ci --runInBand --forceExit
echo "› integration tests again on a local 3-master Redis Cluster"
TEST_REDIS_CLUSTER=1 npx jest --selectProjects integration --ci --runInBand --forceExit
echo "› fault-injection suite"
SKIP_BUILD=1 bash scripts/faults.sh
