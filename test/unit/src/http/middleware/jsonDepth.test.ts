import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../../../../src/http/middleware/jsonDepth';

const nested = (depth: number): unknown => JSON.parse(`${'[{"a":'.repeat(depth / 2)}1${'}]'.repeat(depth / 2)}`);

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not scalars', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan('x', 0)).toBe(false);
    expect(nestsDeeperThan(null, 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({}, 1)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 2)).toBe(true);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
  });

  it('finds the deepest branch among shallow ones', () => {
    // The outer object is one level, its `deep` member ten more.
    expect(nestsDeeperThan({ wide: Array.from({ length: 1000 }, () => ({})), deep: nested(10) }, 11)).toBe(false);
    expect(nestsDeeperThan({ wide: Array.from({ length: 1000 }, () => ({})), deep: nested(10) }, 10)).toBe(true);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and walks 100,000 without overflowing the stack`, () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 2), MAX_JSON_DEPTH)).toBe(true);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nestsDeeperThan(deep, MAX_JSON_DEPTH)).toBe(true);
  });
});
