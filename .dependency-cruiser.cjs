// `npm run lint:boundaries`: the layering the README's Architecture section
// states, checked on every import (`@app/*` aliases resolved through tsconfig.json).
// Reaching into a package's internal files is ESLint's `no-restricted-imports`
// (eslint.config.mjs): only it sees the module name as written.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'orders-imports-nothing',
      comment: 'libs/orders is the canonical model with no I/O: it imports no other lib, no app and no package, only Node built-ins.',
      severity: 'error',
      from: { path: '^libs/orders/' },
      to: { pathNot: '^libs/orders/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'adapters-never-import-each-other',
      comment: 'One library per external system: libs/joom, libs/akinon and libs/flexport share code only through libs/adapters.',
      severity: 'error',
      from: { path: '^libs/(joom|akinon|flexport)/' },
      to: { path: '^libs/(joom|akinon|flexport)/', pathNot: '^libs/$1/' },
    },
    {
      name: 'apps-never-import-apps',
      comment: 'The api, the worker and the sandbox are separate processes: what two of them share lives in libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'sandbox-imports-no-lib',
      comment: "The sandbox is built from docs/vendor/ alone: sharing the gateway's code would make it agree with the gateway's mistakes.",
      severity: 'error',
      from: { path: '^apps/sandbox/' },
      to: { path: '^libs/' },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'Libraries sit below the apps that use them.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-unresolvable-imports',
      comment: 'An import the cruiser cannot resolve would escape every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|\\.cache)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['main', 'types', 'typings'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
