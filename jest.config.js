// Three projects: `unit` (specs beside the code, no I/O), `integration`
// (test/ — real redis-server started by test/support/global-setup.ts) and
// `faults` (test/faults — the fault-injection suite, `npm run test:faults`).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
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
