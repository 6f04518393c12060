import path from 'node:path';
import { ESLint } from 'eslint';

/**
 * The layer zones of eslint.config.js bite: an import pointing up a layer, or GraphQL below the API edge, is a lint
 * error; the same imports pointing down are not. (`npm run lint` proves the tree itself is clean.)
 */
const ROOT = path.resolve(__dirname, '../..');
// import/no-cycle needs files on disk; the probes exist only as text.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: { rules: { 'import/no-cycle': 'off' } } });

/** The rule ids ESLint reports for `code` as the file `filePath` (relative to the repository). */
async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const UPWARD: readonly (readonly [file: string, code: string])[] = [
  ['src/core/probe.ts', "export type { WorkRecord } from '../../datasources/types';"],
  ['src/core/probe.ts', "export { loadConfig } from '../config';"],
  ['datasources/probe.ts', "export { workResolvers } from '../resolvers/work';"],
  ['datasources/probe.ts', "export { createLoaders } from '../src/loaders/createLoaders';"],
  ['datasources/postgres/probe.ts', "export type { Stores } from '../../src/stores';"],
  ['src/loaders/probe.ts', "export { resolvers } from '../../resolvers/index';"],
  ['src/writes/probe.ts', "export type { Config } from '../config';"],
  ['src/seed/probe.ts', "export type { Stores } from '../stores';"],
  ['resolvers/probe.ts', "export { startGateway } from '../src/server';"],
  ['resolvers/probe.ts', "export type { RequestBudget } from '../src/http/limits/RequestBudget';"],
  ['client/probe.ts', "export type { WorkRecord } from '../datasources/types';"],
  ['client/probe.ts', "export type { Resolvers } from '../src/generated/graphql';"],
];

const DOWNWARD: readonly (readonly [file: string, code: string])[] = [
  ['datasources/probe.ts', "export type { Logger } from '../src/core/logger';"],
  ['src/loaders/probe.ts', "export type { WorkRecord } from '../../datasources/types';"],
  ['src/writes/probe.ts', "export type { Outbox } from '../../datasources/writes/Outbox';"],
  ['resolvers/probe.ts', "export { createLoaders } from '../src/loaders/createLoaders';"],
  ['resolvers/probe.ts', "export type { ArticleService } from '../src/writes/ArticleService';"],
  ['src/probe.ts', "export { resolvers } from '../resolvers/index';"],
  ['src/http/probe.ts', "export type { Stores } from '../stores';"],
  ['client/probe.ts', "export type { WorkPageQuery } from './generated/graphql';"],
];

describe('layer zones (eslint.config.js)', () => {
  it.each(UPWARD)('refuses in %s: %s', async (file, code) => {
    expect(await violations(file, code)).toContain('import/no-restricted-paths');
  });

  it.each(DOWNWARD)('allows in %s: %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });

  it.each(['src/core/probe.ts', 'datasources/probe.ts', 'src/loaders/probe.ts', 'src/writes/probe.ts'])(
    'refuses GraphQL below the API edge, in %s',
    async (file) => {
      expect(await violations(file, "export { GraphQLError } from 'graphql';")).toContain('no-restricted-imports');
    },
  );

  it('allows GraphQL at the edge', async () => {
    expect(await violations('src/http/graphql/probe.ts', "export { GraphQLError } from 'graphql';")).toEqual([]);
  });
});
