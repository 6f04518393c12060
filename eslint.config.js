// ESLint flat config. Besides typescript-eslint's recommended rules it enforces the layering in
// README ("Architecture"): no import cycles, no default exports, resolvers never import store drivers,
// datasources never import GraphQL types.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const importPlugin = require('eslint-plugin-import');

const DRIVERS = ['pg', '@electric-sql/pglite', 'ioredis', 'neo4j-driver', '@influxdata/influxdb-client', '@elastic/elasticsearch'];

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.tools/', '.services/', '.data/', 'src/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    rules: {
      'import/no-cycle': 'error',
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
    files: ['datasources/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/resolvers/**', '**/resolvers', '**/generated/**'], message: 'Datasources never touch GraphQL types or resolvers.' }] },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
