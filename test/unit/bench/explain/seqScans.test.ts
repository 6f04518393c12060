import { allowedError } from '../../../../bench/explain/allowedSeqScans';
import { type PlanNode, seqScansOf } from '../../../../bench/explain/seqScans';

const scan = (table: string, type = 'Seq Scan'): PlanNode => ({ 'Node Type': type, 'Relation Name': table, Alias: table[0], 'Plan Rows': 10 });

describe('seqScansOf', () => {
  it('finds a Seq Scan of a guarded table at any depth, subplans included', () => {
    const plan: PlanNode = {
      'Node Type': 'Limit',
      Plans: [{ 'Node Type': 'Hash Join', Plans: [scan('works', 'Index Scan'), { 'Node Type': 'Hash', Plans: [scan('authorships')] }] }, scan('work_topics')],
    };
    expect(seqScansOf(plan).map((s) => s.table)).toEqual(['authorships', 'work_topics']);
  });

  it('ignores other tables and other scans of the guarded ones', () => {
    const plan: PlanNode = { 'Node Type': 'Nested Loop', Plans: [scan('topics'), scan('work_references', 'Index Only Scan'), scan('works', 'Bitmap Heap Scan')] };
    expect(seqScansOf(plan)).toEqual([]);
  });
});

describe('allowedError', () => {
  it('allows only a hub walk at depth 2 or 3 running past the deadline', () => {
    expect(allowedError('citations depth 2: REQUEST_TIMEOUT the request did not complete within 5000 ms')).toBe(true);
    expect(allowedError('citations depth 3, page 2: ? the first page has no endCursor')).toBe(true);
    expect(allowedError('citations depth 1: REQUEST_TIMEOUT the request did not complete within 5000 ms')).toBe(false);
    expect(allowedError('search with facets: REQUEST_TIMEOUT the request did not complete within 5000 ms')).toBe(false);
  });
});
