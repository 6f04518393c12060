import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from '../resolvers';
import { boundedSchema } from './http/limits/boundedSchema';
import { projectRoot } from './core/projectRoot';

/** The SDL files under schema/, in a stable order (one file per type family). */
export function loadTypeDefs(dir: string = path.join(projectRoot(), 'schema')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

/**
 * The executable schema: SDL from schema/ plus the resolver maps from resolvers/, every field bounded as its
 * `@listSize` says and charged to the request's budget (boundedSchema). Throws if a list of objects is unbounded.
 */
export function buildSchema(): GraphQLSchema {
  return boundedSchema(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }));
}
