import type { WorkFilter } from '../datasources/types';
import type { WorkGroupField } from '../datasources/workGroups';
import type { Resolvers } from '../src/generated/graphql';
import { assertNever } from '../src/core/assertNever';
import type { GatewayContext } from './context';
import { boundedFirst } from './pagination';
import type { WorkGroupsSource } from './mappers/workGroups';

/** `first` of a group-by: 25 by default, at most 200 (as the schema's @listSize says). */
export const DEFAULT_GROUPS = 25;
export const MAX_GROUPS = 200;

interface GroupArgs {
  readonly field: WorkGroupField;
  readonly includeUnknown?: boolean | null | undefined;
  readonly first?: number | null | undefined;
}

/** The group-by of `query` and `filter` asked of the search index (BAD_USER_INPUT on `first` outside 0…200). */
export function workGroups(search: GatewayContext['search'], query: string, filter: WorkFilter | undefined, args: GroupArgs): WorkGroupsSource {
  const first = boundedFirst(args.first, { default: DEFAULT_GROUPS, max: MAX_GROUPS });
  return { field: args.field, result: search.groupBy(query, filter, { field: args.field, includeUnknown: args.includeUnknown === true, first }) };
}

/** The display name of an entity key, through the request's loaders (batched with every other group of the request). */
async function entityName(loader: { load(id: string): Promise<{ readonly displayName: string } | null> }, key: string): Promise<string | null> {
  return (await loader.load(key))?.displayName ?? null;
}

export const workGroupResolvers: Resolvers = {
  WorkGroups: {
    totalCount: async ({ result }) => (await result).totalCount,
    groups: async ({ field, result }) => (await result).groups.map((g) => ({ field, key: g.key, count: g.count })),
  },
  WorkGroup: {
    keyDisplayName: ({ field, key }, _args, { loaders }) => {
      if (key === null) return null;
      switch (field) {
        case 'TOPIC':
          return entityName(loaders.topic, key);
        case 'SOURCE':
          return entityName(loaders.source, key);
        case 'INSTITUTION':
          return entityName(loaders.institution, key);
        case 'AUTHOR':
          return entityName(loaders.author, key);
        case 'YEAR':
        case 'TYPE':
        case 'OPEN_ACCESS':
        case 'FIELD':
        case 'SUBFIELD':
        case 'DOMAIN':
        case 'LANGUAGE':
        case 'COUNTRY':
          return key;
        default:
          return assertNever(field);
      }
    },
  },
};
