// The import rule (docs/DESIGN.md "Layers"), checked by dependency-cruiser over the real module graph
// (`npm run lint:imports`, part of `npm test`). test/architecture.test.ts plants one violation per
// rule in a temp tree and proves each fires; what is not an import edge is checked there too.

/** Libraries that only adapters wrap: a core or interface file importing one bypasses a port. */
const ADAPTER_LIBRARIES =
  'node_modules/(better-sqlite3|kysely|pg|nodemailer|usearch|@huggingface/transformers|onnxruntime-[a-z]+|@energetic-ai/[^/]+|markdown-it|sanitize-html|fast-xml-parser)/';
/** node: modules with no I/O and no process state: the only ones core may use. */
const PURE_NODE_MODULES =
  '^(node:)?(crypto|util|path|url|buffer|string_decoder|querystring|events)$';
const TESTS = '(\\.test\\.tsx?$|^test/|^bench/|^scripts/)';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'core-only-core',
      comment: 'core imports only core and side-effect-free node: modules (no I/O, no framework)',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TESTS },
      to: {
        pathNot: '^src/core/',
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'core-pure-node-modules',
      comment:
        'core may use node:crypto and the like, never fs, net, child_process or process state',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TESTS },
      to: { dependencyTypes: ['core'], pathNot: PURE_NODE_MODULES },
    },
    {
      name: 'adapters-only-core',
      comment: 'adapters implement core ports: they import core, other adapters and libraries',
      severity: 'error',
      from: { path: '^src/adapters/', pathNot: TESTS },
      to: { path: '^src/', pathNot: '^src/(core|adapters)/' },
    },
    {
      name: 'interfaces-through-container',
      comment: 'interfaces import core, container, config, log and other interfaces',
      severity: 'error',
      from: { path: '^src/interfaces/', pathNot: TESTS },
      to: {
        path: '^src/',
        pathNot: '^src/(core/|interfaces/|container\\.ts$|container/|config\\.ts$|log\\.ts$)',
      },
    },
    {
      name: 'only-container-imports-adapters',
      comment:
        'the composition root (container.ts and its per-area container/) alone picks adapters',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(adapters/|container\\.ts$|container/)|${TESTS}` },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'no-adapter-libraries-outside-adapters',
      comment: 'database, mail, model and parser libraries are reached through an adapter',
      severity: 'error',
      from: { path: '^src/(core|interfaces)/|^src/(config|log|main)\\.ts$', pathNot: TESTS },
      to: { path: ADAPTER_LIBRARIES },
    },
    {
      name: 'container-exports-no-adapter',
      comment: 'container.ts wires adapters; re-exporting one hands it to interfaces past the rule',
      severity: 'error',
      from: { path: '^src/(container\\.ts$|container/)' },
      to: { path: '^src/adapters/', dependencyTypes: ['export'] },
    },
    {
      name: 'no-create-require',
      comment: 'createRequire loads modules past the import graph (and past this rule): use import',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(node:)?module$' },
    },
    {
      name: 'no-test-code-in-src',
      comment: 'the app never imports tests, test helpers, benches or scripts',
      severity: 'error',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: TESTS },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that cannot be resolved cannot be checked (or run)',
      severity: 'error',
      from: { path: '^src/' },
      // @huggingface/transformers is optional (installed by hand for PAPERBOY_EMBEDDER=transformers).
      to: { couldNotResolve: true, pathNot: '^@huggingface/transformers$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    parser: 'tsc',
    tsConfig: { fileName: 'tsconfig.json' },
    exoticRequireStrings: ['require'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
