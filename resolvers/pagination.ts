import type { Connection } from './mappers/Connection';
import { BadUserInputError } from '../src/core/errors';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 200;

/** `first` with its default applied; outside 0…MAX_PAGE_SIZE it is a BAD_USER_INPUT naming `first`. */
export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 0 and ${MAX_PAGE_SIZE} (got ${first})`, 'first');
  }
  return first;
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
