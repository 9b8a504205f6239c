// Three projects: `unit` (specs beside the code, no I/O), `integration`
// (test/ — real redis-server started by test/support/global-setup.ts) and
// `faults` (test/faults — the fault-injection suite, `npm run test:faults`).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

// @fastify/static (Swagger UI, the queue dashboard) requires content-disposition 3,
// an ES module: node 20 loads it with require(esm), jest's module loader cannot,
// so jest compiles that one package to CommonJS.
const ESM_ONLY = '@fastify/static/node_modules/content-disposition/';
// Every node_modules file but that one stays untransformed; the optional group
// keeps the inner "/node_modules/" of its path from matching on its own.
const NOT_ESM_ONLY = '/node_modules/(?!(@fastify/static/node_modules/)?content-disposition/)';

const shared = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': 'ts-jest', [`/node_modules/${ESM_ONLY}.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true } }] },
  transformIgnorePatterns: [NOT_ESM_ONLY],
  testEnvironment: 'node',
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
};

module.exports = {
  testTimeout: 30000,
  projects: [
    { ...shared, displayName: 'unit', rootDir: __dirname, roots: ['<rootDir>/apps', '<rootDir>/libs'], testRegex: '\\.spec\\.ts$' },
    {
      ...shared,
      displayName: 'integration',
      rootDir: __dirname,
      roots: ['<rootDir>/test'],
      testRegex: '\\.(int|e2e)-spec\\.ts$',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'faults',
      rootDir: __dirname,
      roots: ['<rootDir>/test'],
      testRegex: '\\.fault-spec\\.ts$',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
