import type { Connection } from './mappers/Connection';
import { BadUserInputError } from '../src/core/errors';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 200;

/**
 * A `first` argument with its default applied; outside 0…max it is a BAD_USER_INPUT naming `first`. (The schema's
 * @listSize bounds say the same at the edge, src/http/limits/boundedSchema.ts; resolvers do not rely on being
 * wrapped.)
 */
export function boundedFirst(first: number | null | undefined, bounds: { readonly default: number; readonly max: number }): number {
  if (first == null) return bounds.default;
  if (first < 0 || first > bounds.max) {
    throw new BadUserInputError(`first must be between 0 and ${bounds.max} (got ${first})`, 'first');
  }
  return first;
}

/** `first` of a connection page: 25 by default, at most MAX_PAGE_SIZE. */
export function pageSize(first: number | null | undefined): number {
  return boundedFirst(first, { default: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE });
}

/** `first` of a ranking (`topAuthors`, `topTopics`): 10 by default, at most 200 (as the schema's @listSize says). */
export function rankSize(first: number | null | undefined): number {
  return boundedFirst(first, { default: 10, max: 200 });
}

/** `after` as given, or undefined. */
export function afterCursor(after: string | null | undefined): string | undefined {
  return after ?? undefined;
}

/** Field resolvers shared by every Relay connection: the page and the count are fetched only when asked for. */
export const connectionFields = {
  totalCount: <T>(connection: Connection<T>) => connection.totalCount(),
  edges: async <T>(connection: Connection<T>) => (await connection.page()).edges,
  nodes: async <T>(connection: Connection<T>) => (await connection.page()).edges.map((e) => e.node),
  pageInfo: async <T>(connection: Connection<T>) => {
    const { edges, hasNextPage } = await connection.page();
    return { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null };
  },
};
