import { afterCursor, connectionFields, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSize } from '../../../resolvers/pagination';
import { BadUserInputError } from '../../../src/core/errors';
import { type Connection, type PageSlice } from '../../../resolvers/mappers/Connection';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('pageSize', () => {
  it('documents 25 as the default and 200 as the maximum', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(25);
    expect(MAX_PAGE_SIZE).toBe(200);
  });

  it('defaults to 25 when first is null or undefined', () => {
    expect(pageSize(undefined)).toBe(25);
    expect(pageSize(null)).toBe(25);
  });

  it('accepts 0, 1, 200 and values between', () => {
    expect(pageSize(0)).toBe(0);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(25)).toBe(25);
    expect(pageSize(200)).toBe(200);
  });

  it.each([201, -1, 10_000, -200])('rejects %d as BAD_USER_INPUT on first, naming the limit 200', (first) => {
    const err = caught(() => pageSize(first));
    expect(err).toBeInstanceOf(BadUserInputError);
    const e = err as BadUserInputError;
    expect(e.extensions['argument']).toBe('first');
    expect(e.extensions['code']).toBe('BAD_USER_INPUT');
    expect(e.message).toContain('200');
    expect(e.message).toContain('first');
  });
});

describe('afterCursor', () => {
  it('passes a cursor through and maps null/undefined to undefined', () => {
    expect(afterCursor('abc')).toBe('abc');
    expect(afterCursor(null)).toBeUndefined();
    expect(afterCursor(undefined)).toBeUndefined();
  });
});

describe('connectionFields', () => {
  /** A hand-written connection that counts how often its page and its total are fetched. */
  function connection<T>(nodes: readonly T[], cursors: readonly string[], hasNextPage: boolean, total = 99) {
    const c = {
      pages: 0,
      counts: 0,
      page: async (): Promise<PageSlice<T>> => {
        c.pages += 1;
        return { edges: nodes.map((node, i) => ({ node, cursor: cursors[i] as string })), hasNextPage };
      },
      totalCount: async (): Promise<number> => {
        c.counts += 1;
        return total;
      },
    };
    return c satisfies Connection<T>;
  }

  it('pageInfo.endCursor is the cursor of the last edge', async () => {
    const c = connection(['a', 'b', 'c'], ['c1', 'c2', 'c3'], true);
    await expect(connectionFields.pageInfo(c)).resolves.toEqual({ hasNextPage: true, endCursor: 'c3' });
  });

  it('pageInfo.endCursor is null for an empty page', async () => {
    await expect(connectionFields.pageInfo(connection([], [], false))).resolves.toEqual({ hasNextPage: false, endCursor: null });
  });

  it('edges and nodes keep the page order', async () => {
    const c = connection([{ id: 'W2' }, { id: 'W1' }], ['x', 'y'], false);
    await expect(connectionFields.nodes(c)).resolves.toEqual([{ id: 'W2' }, { id: 'W1' }]);
    await expect(connectionFields.edges(c)).resolves.toEqual([
      { node: { id: 'W2' }, cursor: 'x' },
      { node: { id: 'W1' }, cursor: 'y' },
    ]);
  });

  it('fetches the total only for totalCount, and the page only for edges, nodes and pageInfo', async () => {
    const c = connection(['a'], ['c1'], false, 7);
    await connectionFields.pageInfo(c);
    await connectionFields.nodes(c);
    await connectionFields.edges(c);
    expect(c.counts).toBe(0);
    const counted = connection(['a'], ['c1'], false, 7);
    await expect(connectionFields.totalCount(counted)).resolves.toBe(7);
    expect(counted.counts).toBe(1);
    expect(counted.pages).toBe(0);
  });
});
