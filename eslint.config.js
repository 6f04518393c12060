// ESLint flat config. Besides typescript-eslint's recommended rules it enforces the layering in README
// ("Layout"): imports point down — kernel (src/core) ← datasources ← services (loaders, writes, seed, auth)
// ← resolvers ← wiring (the rest of src) —, no import cycles, no default exports, resolvers never import store
// drivers, and nothing below the resolvers knows GraphQL. test/unit/lint/layers.test.ts proves the zones bite.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const importPlugin = require('eslint-plugin-import');

/** The layers, lowest first; a layer may import its own folders and those of the layers below it. */
const KERNEL = ['src/core'];
const DATASOURCES = ['datasources'];
const SERVICES = ['src/loaders', 'src/writes', 'src/seed', 'src/auth'];
const RESOLVERS = ['resolvers', 'src/generated'];
/** Everything a layer must not import: the project's folders above it (`src` minus the allowed folders in it). */
function zonesOf(layer, allowed) {
  const inSrc = allowed.filter((dir) => dir.startsWith('src/')).map((dir) => dir.slice('src/'.length));
  const above = ['datasources', 'resolvers'].filter((dir) => !allowed.includes(dir));
  return layer.flatMap((target) => [
    { target: `./${target}`, from: './src', except: inSrc.map((dir) => `./${dir}`), message: `${target} is below this layer: imports point down (README, "Layout").` },
    ...above.map((dir) => ({ target: `./${target}`, from: `./${dir}`, message: `${target} is below ${dir}: imports point down (README, "Layout").` })),
    { target: `./${target}`, from: ['./bench', './test', './scripts'], message: 'Product code never imports benchmarks, tests or scripts.' },
  ]);
}
const LAYER_ZONES = [
  ...zonesOf(KERNEL, KERNEL),
  ...zonesOf(DATASOURCES, [...KERNEL, ...DATASOURCES]),
  ...zonesOf(SERVICES, [...KERNEL, ...DATASOURCES, ...SERVICES]),
  ...zonesOf(RESOLVERS, [...KERNEL, ...DATASOURCES, ...SERVICES, ...RESOLVERS]),
  // The web app's typed client is the browser's code: it knows the gateway only through the schema and HTTP.
  {
    target: './client',
    from: ['./src', './resolvers', './datasources', './bench', './test', './scripts'],
    message: 'client/ is the web app side: it reaches the gateway over HTTP only (README, "Building a web app").',
  },
];

const DRIVERS = ['pg', '@electric-sql/pglite', 'ioredis', 'neo4j-driver', '@influxdata/influxdb-client', '@elastic/elasticsearch'];

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.tools/', '.services/', '.data/', 'src/generated/', 'client/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } }, 'import/ignore': ['node_modules'] },
    rules: {
      'import/no-cycle': 'error',
      'import/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
      'import/no-default-export': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Tool configuration files must default-export.
    files: ['codegen.ts'],
    rules: { 'import/no-default-export': 'off' },
  },
  {
    files: ['resolvers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: DRIVERS.map((name) => ({ name, message: 'Resolvers reach stores through loaders and datasource interfaces only.' })) },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'datasources/**/*.ts', 'src/loaders/**/*.ts', 'src/writes/**/*.ts', 'src/seed/**/*.ts', 'src/auth/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['graphql', '@apollo/server', '@graphql-tools/schema'].map((name) => ({ name, message: 'GraphQL exists only at the API edge (resolvers, src/http).' })),
          patterns: [{ group: ['graphql/*', '@apollo/*', '@graphql-tools/*'], message: 'GraphQL exists only at the API edge (resolvers, src/http).' }],
        },
      ],
    },
  },
  {
    // The explorer's browser scripts: plain ES5 run by the page, React, ReactDOM and GraphiQL as globals.
    files: ['static/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', URL: 'readonly', React: 'readonly', ReactDOM: 'readonly', GraphiQL: 'readonly' },
    },
  },
  {
    files: ['**/*.js'],
    ignores: ['static/**'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
