#!/usr/bin/env bash
# Runs the unit suite under Node 22 LTS, the runtime of the image, while the
# rest of `npm test` runs on the machine's Node (20 on development machines).
# Node 22 comes from the npm registry's `node` package (it installs the
# matching `node-linux-<arch>` binary package), kept in .cache/ and never
# added to package.json: as a dependency its `node` binary would shadow the
# machine's node in every npm script.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE22_VERSION="${NODE22_VERSION:-22.23.3}"
prefix=".cache/node-$NODE22_VERSION"
node22="$prefix/node_modules/.bin/node"

if [ ! -x "$node22" ]; then
  echo "› fetching node $NODE22_VERSION from the npm registry"
  npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$NODE22_VERSION"
fi
echo "› unit tests on $("$node22" --version)"
"$node22" node_modules/.bin/jest --selectProjects unit --ci "$@"
