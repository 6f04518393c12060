import type { Page } from '../datasources/types';
import { BadUserInputError } from '../src/errors';

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

/** Field resolvers shared by every Relay connection over a `Page`. */
export const connectionFields = {
  totalCount: <T>(page: Page<T>) => page.totalCount(),
  edges: <T>(page: Page<T>) => page.edges,
  nodes: <T>(page: Page<T>) => page.edges.map((e) => e.node),
  pageInfo: <T>(page: Page<T>) => ({ hasNextPage: page.hasNextPage, endCursor: page.edges.at(-1)?.cursor ?? null }),
};
