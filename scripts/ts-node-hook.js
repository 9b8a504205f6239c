// Runs a TypeScript file of this repository on plain node (`node -r ./scripts/ts-node-hook.js -r tsconfig-paths/register FILE.ts`),
// compiled with the repository's tsconfig by TypeScript itself. tsx cannot: esbuild emits no decorator metadata, and Nest's
// dependency injection needs it. Used by `npm run openapi`.
const { readFileSync } = require('node:fs');
const ts = require('typescript');
const { compilerOptions } = require('../tsconfig.json');

const options = { ...ts.convertCompilerOptionsFromJson(compilerOptions, `${__dirname}/..`).options, sourceMap: false, inlineSourceMap: true };
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
};
