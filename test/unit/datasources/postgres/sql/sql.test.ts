import { authorFilterSql, authorOrder } from '../../../../../datasources/postgres/sql/authorSql';
import { afterCursorSql, decodeCursor, encodeCursor, keyColumnsSql, type KeysetOrder, orderBySql } from '../../../../../datasources/postgres/sql/keyset';
import { SqlParams } from '../../../../../datasources/postgres/sql/SqlParams';
import { workFilterSql, workOrder } from '../../../../../datasources/postgres/sql/workSql';
import { type WorkFilter } from '../../../../../datasources/types';
import { cursorRefusal } from '../../../../support/cursorRefusal';

const INJECTION = "'; DROP TABLE works; --";

/** Every `$n` in `text`, in order of appearance. */
function placeholders(text: string): number[] {
  return [...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
}

/** The placeholders are exactly $1…$N for N bound values, each used at least once, none beyond N. */
function expectPlaceholdersMatch(text: string, params: SqlParams): void {
  const used = new Set(placeholders(text));
  const expected = params.values.map((_, i) => i + 1);
  expect([...used].sort((a, b) => a - b)).toEqual(expected);
}

/** The value bound to the placeholder written right after `prefix` (e.g. `w.doi = `). */
function boundAfter(text: string, prefix: string, params: SqlParams): unknown {
  const at = text.indexOf(prefix);
  expect(at).toBeGreaterThanOrEqual(0);
  const m = /^\$(\d+)/.exec(text.slice(at + prefix.length));
  expect(m).not.toBeNull();
  return params.values[Number(m?.[1]) - 1];
}

/** Checks that parentheses balance and never close before they open. */
function expectBalancedParens(text: string): void {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
}

describe('SqlParams', () => {
  it('numbers placeholders from $1 in the order values are added, with an optional cast', () => {
    const params = new SqlParams();
    expect(params.add('x')).toBe('$1');
    expect(params.add(5, 'integer')).toBe('$2::integer');
    expect(params.add(['a'], 'text[]')).toBe('$3::text[]');
    expect(params.values).toEqual(['x', 5, ['a']]);
  });
});

describe('workFilterSql: values never reach the SQL text', () => {
  it('is TRUE for no filter or an empty filter, binding nothing', () => {
    for (const filter of [undefined, {}, { and: [] }]) {
      const params = new SqlParams();
      expect(workFilterSql(filter, params)).toBe('TRUE');
      expect(params.values).toEqual([]);
    }
  });

  it('binds every user string as a parameter and never splices it into the text', () => {
    const params = new SqlParams();
    const filter: WorkFilter = {
      doi: INJECTION,
      authorId: INJECTION,
      topicId: INJECTION,
      type: [INJECTION, 'article'],
      isOpenAccess: true,
      publicationYear: { gte: 2000, lte: 2020 },
      citedByCount: { gte: 10 },
      or: [{ doi: `${INJECTION}2` }, { and: [{ authorId: `${INJECTION}3` }] }],
    };
    const text = workFilterSql(filter, params);
    expect(text).not.toContain('DROP');
    expect(text).not.toContain("'; ");
    expect(text).not.toContain('2000');
    expect(text).not.toContain('2020');
    expect(params.values).toEqual(
      expect.arrayContaining([INJECTION, [INJECTION, 'article'], true, 2000, 2020, 10, `${INJECTION}2`, `${INJECTION}3`]),
    );
    expectPlaceholdersMatch(text, params);
    expectBalancedParens(text);
  });

  it('puts each value behind the placeholder of its own condition', () => {
    const params = new SqlParams();
    const text = workFilterSql(
      {
        publicationYear: { gte: 1990, lte: 1999 },
        citedByCount: { lte: 7 },
        type: ['review'],
        isOpenAccess: false,
        doi: '10.1/x',
        authorId: 'A42',
        topicId: 'T7',
      },
      params,
    );
    expectPlaceholdersMatch(text, params);
    expect(params.values).toHaveLength(8);
    expect(boundAfter(text, 'w.publication_year >= ', params)).toBe(1990);
    expect(boundAfter(text, 'w.publication_year <= ', params)).toBe(1999);
    expect(boundAfter(text, 'w.cited_by_count <= ', params)).toBe(7);
    expect(text).not.toContain('w.cited_by_count >=');
    expect(boundAfter(text, 'w.type = ANY(', params)).toEqual(['review']);
    expect(boundAfter(text, 'w.is_open_access = ', params)).toBe(false);
    expect(boundAfter(text, 'w.doi = ', params)).toBe('10.1/x');
    expect(boundAfter(text, 'fa.author_id = ', params)).toBe('A42');
    expect(boundAfter(text, 'ft.topic_id = ', params)).toBe('T7');
  });

  it('continues numbering after values already bound by the caller', () => {
    const params = new SqlParams();
    params.add('earlier');
    params.add('earlier too');
    const text = workFilterSql({ doi: '10.1/x' }, params);
    expect(placeholders(text)).toEqual([3]);
    expect(params.values[2]).toBe('10.1/x');
  });

  it('treats isOpenAccess: false as a condition (not as unset)', () => {
    const params = new SqlParams();
    const text = workFilterSql({ isOpenAccess: false }, params);
    expect(text).toContain('w.is_open_access');
    expect(params.values).toEqual([false]);
  });
});

describe('workFilterSql: and/or composition', () => {
  it('gives FALSE for or: [] (no alternative can hold)', () => {
    const params = new SqlParams();
    expect(workFilterSql({ or: [] }, params)).toBe('FALSE');
    const text = workFilterSql({ isOpenAccess: true, or: [] }, params);
    expect(text).toMatch(/ AND FALSE$/);
  });

  it('wraps or alternatives so that AND binds outside them', () => {
    const params = new SqlParams();
    const text = workFilterSql({ isOpenAccess: true, or: [{ doi: 'a' }, { doi: 'b' }] }, params);
    expect(text).toBe('w.is_open_access = $1::boolean AND ((w.doi = $2::text) OR (w.doi = $3::text))');
    expect(params.values).toEqual([true, 'a', 'b']);
  });

  it('wraps each and member in parentheses', () => {
    const params = new SqlParams();
    const text = workFilterSql({ and: [{ doi: 'a' }, { or: [{ doi: 'b' }, { doi: 'c' }] }] }, params);
    expect(text).toBe('(w.doi = $1::text) AND (((w.doi = $2::text) OR (w.doi = $3::text)))');
  });

  // A semantic check: evaluate the generated SQL as a boolean expression for every truth assignment of its
  // atoms and compare with a reference evaluator of the filter tree written here.
  describe('evaluates like the filter tree for every truth assignment', () => {
    type Atoms = ReadonlySet<string>;
    /** Filters whose atoms are `doi: <name>` conditions, so each atom is identified by its bound value. */
    const reference = (f: WorkFilter, truth: Atoms): boolean =>
      (f.doi == null || truth.has(f.doi)) &&
      (f.and ?? []).every((sub) => reference(sub, truth)) &&
      (f.or == null || f.or.some((sub) => reference(sub, truth)));

    function evaluateSql(f: WorkFilter, truth: Atoms): boolean {
      const params = new SqlParams();
      const text = workFilterSql(f, params);
      const js = text
        .replace(/w\.doi = \$(\d+)::text/g, (_, n: string) => String(truth.has(params.values[Number(n) - 1] as string)))
        .replace(/\bAND\b/g, '&&')
        .replace(/\bOR\b/g, '||')
        .replace(/\bTRUE\b/g, 'true')
        .replace(/\bFALSE\b/g, 'false');
      expect(js).toMatch(/^[truefals&|() ]+$/);
      return new Function(`return ${js};`)() as boolean;
    }

    const cases: Record<string, WorkFilter> = {
      'a AND (b OR c)': { doi: 'a', or: [{ doi: 'b' }, { doi: 'c' }] },
      '(a OR b) AND (c OR d)': { and: [{ or: [{ doi: 'a' }, { doi: 'b' }] }, { or: [{ doi: 'c' }, { doi: 'd' }] }] },
      'a OR (b AND c) OR (d AND (e OR a))': {
        or: [{ doi: 'a' }, { and: [{ doi: 'b' }, { doi: 'c' }] }, { doi: 'd', or: [{ doi: 'e' }, { doi: 'a' }] }],
      },
      'a AND or: [] (always false)': { doi: 'a', or: [] },
      'or: [{}] (always true)': { or: [{}] },
      'a OR b, nested in and': { and: [{ and: [{ or: [{ doi: 'a' }, { doi: 'b' }] }] }] },
    };
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (const [label, filter] of Object.entries(cases)) {
      it(label, () => {
        for (let mask = 0; mask < 1 << names.length; mask++) {
          const truth = new Set(names.filter((_, i) => mask & (1 << i)));
          expect([label, mask, evaluateSql(filter, truth)]).toEqual([label, mask, reference(filter, truth)]);
        }
      });
    }
  });
});

describe('workOrder and the keyset helpers', () => {
  it('always ends with the id tie-break, ascending', () => {
    for (const sort of [[], ['CITED_BY_COUNT_DESC'], ['TITLE_ASC', 'PUBLICATION_DATE_DESC']] as const) {
      const order = workOrder(sort);
      const last = order.keys.at(-1);
      expect(last?.expr).toMatch(/^w\.id\b/);
      expect(last?.desc).toBe(false);
      expect(order.keys).toHaveLength(sort.length + 1);
    }
  });

  it('drops duplicate sort keys, keeping the first occurrence order', () => {
    const order = workOrder(['CITED_BY_COUNT_DESC', 'TITLE_ASC', 'CITED_BY_COUNT_DESC', 'TITLE_ASC']);
    expect(order.keys).toHaveLength(3);
    expect(order).toEqual(workOrder(['CITED_BY_COUNT_DESC', 'TITLE_ASC']));
    expect(orderBySql(order)).toMatch(/^w\.cited_by_count DESC, .*title.* ASC, w\.id .*ASC$/);
  });

  it('gives different orders different signatures, and the same order the same one', () => {
    const signatures = [
      workOrder([]),
      workOrder(['CITED_BY_COUNT_DESC']),
      workOrder(['CITED_BY_COUNT_ASC']),
      workOrder(['TITLE_ASC', 'CITED_BY_COUNT_DESC']),
      workOrder(['CITED_BY_COUNT_DESC', 'TITLE_ASC']),
      authorOrder([]),
      authorOrder(['CITED_BY_COUNT_DESC']),
    ].map((o) => o.signature);
    expect(new Set(signatures).size).toBe(signatures.length);
    expect(workOrder(['TITLE_DESC', 'TITLE_DESC']).signature).toBe(workOrder(['TITLE_DESC']).signature);
  });

  it('orderBySql lists the directions, keyColumnsSql exposes _k0…_kn', () => {
    const order = workOrder(['CITED_BY_COUNT_DESC']);
    expect(orderBySql(order)).toBe('w.cited_by_count DESC, w.id COLLATE "C" ASC');
    expect(keyColumnsSql(order)).toBe('w.cited_by_count AS _k0, w.id COLLATE "C" AS _k1');
  });

  it('afterCursorSql builds the lexicographic "after" condition with bound values', () => {
    const order = workOrder(['CITED_BY_COUNT_DESC']);
    const params = new SqlParams();
    params.add('already bound');
    const text = afterCursorSql(order, [12, INJECTION], params);
    expect(text).toBe('((w.cited_by_count < $2::integer) OR (w.cited_by_count = $2::integer AND w.id COLLATE "C" > $3::text))');
    expect(params.values).toEqual(['already bound', 12, INJECTION]);
    expect(text).not.toContain('DROP');
  });

  it('afterCursorSql uses > for ascending and < for descending keys, all previous keys equal', () => {
    const order = workOrder(['TITLE_ASC', 'PUBLICATION_DATE_DESC']);
    const params = new SqlParams();
    const text = afterCursorSql(order, ['abc', '2020-01-01', 'W1'], params);
    const disjuncts = text.slice(2, -2).split(') OR (');
    expect(disjuncts).toHaveLength(3);
    expect(disjuncts[0]).toMatch(/title.* > \$1::text$/);
    expect(disjuncts[1]).toMatch(/title.* = \$1::text AND .*publication_date.* < \$2::date$/);
    expect(disjuncts[2]).toMatch(/= \$1::text AND .* = \$2::date AND w\.id COLLATE "C" > \$3::text$/);
    expectBalancedParens(text);
  });
});

describe('cursors', () => {
  const order = workOrder(['CITED_BY_COUNT_DESC', 'TITLE_ASC']);

  function expectAfterError(fn: () => unknown, message?: RegExp): void {
    const err = cursorRefusal(fn);
    expect(err.extensions['argument']).toBe('after');
    if (message) expect(err.message).toMatch(message);
  }

  it('round-trip: decodeCursor(encodeCursor(row)) gives the row key values', () => {
    const row = { id: 'W1', _k0: 42, _k1: "it's a title; DROP", _k2: 'W1' };
    const cursor = encodeCursor(order, row);
    expect(decodeCursor(order, cursor)).toEqual([42, "it's a title; DROP", 'W1']);
  });

  it('is opaque url-safe text', () => {
    const cursor = encodeCursor(order, { _k0: 1, _k1: 'é/+?', _k2: 'W9' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('round-trips for the default (id only) order and for author orders', () => {
    const idOnly = workOrder([]);
    expect(decodeCursor(idOnly, encodeCursor(idOnly, { _k0: 'W5' }))).toEqual(['W5']);
    const authors = authorOrder(['DISPLAY_NAME_ASC']);
    expect(decodeCursor(authors, encodeCursor(authors, { _k0: 'ada', _k1: 'A1' }))).toEqual(['ada', 'A1']);
  });

  it('rejects a cursor made for another sort order', () => {
    const other = workOrder(['TITLE_ASC']);
    const cursor = encodeCursor(other, { _k0: 'abc', _k1: 'W1' });
    expectAfterError(() => decodeCursor(order, cursor), /sort order/);
    // Same arity, different keys.
    const sameArity = workOrder(['CITED_BY_COUNT_ASC', 'TITLE_ASC']);
    expectAfterError(() => decodeCursor(order, encodeCursor(sameArity, { _k0: 1, _k1: 'a', _k2: 'W1' })));
    // A work cursor is no author cursor.
    expectAfterError(() => decodeCursor(authorOrder([]), encodeCursor(workOrder([]), { _k0: 'W1' })));
  });

  it('rejects garbage', () => {
    for (const garbage of ['', 'not a cursor!!', '%%%', 'eyJzIjoid29yazoi', Buffer.from('[1,2]').toString('base64url'), Buffer.from('null').toString('base64url')]) {
      expectAfterError(() => decodeCursor(order, garbage));
    }
  });

  it('rejects a cursor of the right order with the wrong number of values', () => {
    const encode = (v: unknown) => Buffer.from(JSON.stringify({ s: order.signature, v })).toString('base64url');
    expectAfterError(() => decodeCursor(order, encode([1, 'a'])));
    expectAfterError(() => decodeCursor(order, encode([1, 'a', 'W1', 'extra'])));
    expectAfterError(() => decodeCursor(order, encode([])));
    expectAfterError(() => decodeCursor(order, encode('1,a,W1')));
  });

  it('rejects values that are neither strings nor numbers', () => {
    const encode = (v: unknown) => Buffer.from(JSON.stringify({ s: order.signature, v })).toString('base64url');
    expectAfterError(() => decodeCursor(order, encode([null, 'a', 'W1'])));
    expectAfterError(() => decodeCursor(order, encode([1, { x: 1 }, 'W1'])));
    expectAfterError(() => decodeCursor(order, encode([true, 'a', 'W1'])));
  });

  // Regression test for a bug found by this suite (fixed).
  it('rejects a value that does not fit its key (a string for the integer cited_by_count key)', () => {
    const encode = (v: unknown) => Buffer.from(JSON.stringify({ s: order.signature, v })).toString('base64url');
    expectAfterError(() => decodeCursor(order, encode(['many', 'a', 'W1'])));
  });
});

describe('authorOrder and authorFilterSql', () => {
  it('always ends with the author id tie-break and dedupes keys', () => {
    const order: KeysetOrder = authorOrder(['WORKS_COUNT_DESC', 'WORKS_COUNT_DESC', 'DISPLAY_NAME_ASC']);
    expect(order.keys).toHaveLength(3);
    expect(order.keys.at(-1)?.expr).toMatch(/^au\.id\b/);
    expect(order.keys.at(-1)?.desc).toBe(false);
    expect(order).toEqual(authorOrder(['WORKS_COUNT_DESC', 'DISPLAY_NAME_ASC']));
    expect(authorOrder([]).keys).toHaveLength(1);
  });

  it('is TRUE for no filter or an empty one', () => {
    const params = new SqlParams();
    expect(authorFilterSql(undefined, params)).toBe('TRUE');
    expect(authorFilterSql({}, params)).toBe('TRUE');
    expect(params.values).toEqual([]);
  });

  it('binds every value, keeping user strings out of the text', () => {
    const params = new SqlParams();
    const text = authorFilterSql(
      {
        nameContains: INJECTION,
        orcid: '0000-0002-1825-0097',
        institutionId: 'I1',
        worksCount: { gte: 3, lte: 30 },
        citedByCount: { gte: 100 },
      },
      params,
    );
    expect(text).not.toContain('DROP');
    expect(text).not.toContain('0000-0002');
    expect(params.values).toHaveLength(6);
    expectPlaceholdersMatch(text, params);
    expect(params.values).toEqual(expect.arrayContaining([INJECTION, '0000-0002-1825-0097', 'I1', 3, 30, 100]));
    expect(boundAfter(text, 'au.orcid = ', params)).toBe('0000-0002-1825-0097');
    expect(boundAfter(text, 'au.cited_by_count >= ', params)).toBe(100);
    expect(text).not.toContain('au.cited_by_count <=');
    expectBalancedParens(text);
  });
});
