/** Layering rules of DESIGN §3, enforced in `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core/** imports only core/** and Node built-ins (DESIGN §3.1)',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: '^src/core/', dependencyTypesNot: ['core', 'type-only'] },
    },
    {
      name: 'core-no-vendor-types',
      comment: 'not even type imports of vendor SDKs in core',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer'] },
    },
    {
      name: 'adapters-stay-below-edges',
      comment: 'integrations/** and store/** never import commands, handlers, templates, jobs or Bolt (DESIGN §3.2)',
      severity: 'error',
      from: { path: '^src/(integrations|store)/' },
      to: { path: ['^src/(commands|handlers|templates|jobs|http)/', '^src/app\\.ts$', 'node_modules/@slack/bolt'] },
    },
    {
      name: 'edges-use-ports',
      comment: 'commands, handlers, jobs, templates and http reach integrations and the store only through ports in deps (DESIGN §3.3)',
      severity: 'error',
      from: { path: '^src/(commands|handlers|jobs|templates|http)/' },
      to: { path: '^src/(integrations|store)/' },
    },
    {
      name: 'product-does-not-need-the-playground',
      comment: 'src/playground simulates Slack and the vendors for tests and `warroom playground`; the product never imports it',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/playground/', '^src/cli(-playground)?\\.ts$'] },
      to: { path: '^src/playground/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
