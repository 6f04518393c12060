import { alignByKey, groupByKey } from '../../../../datasources/shared/alignByKey';

interface Row {
  readonly id: string;
  readonly label: string;
}

const keyOfRow = (row: Row): string => row.id;

describe('alignByKey', () => {
  it('returns one slot per key, in key order, whatever the order of the rows', () => {
    const rows: Row[] = [
      { id: 'c', label: 'C' },
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ];
    expect(alignByKey(['a', 'b', 'c'], rows, keyOfRow)).toEqual([
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
      { id: 'c', label: 'C' },
    ]);
    expect(alignByKey(['c', 'a'], rows, keyOfRow).map((r) => r?.label)).toEqual(['C', 'A']);
  });

  it('puts null where no row has the key, without throwing', () => {
    const rows: Row[] = [{ id: 'b', label: 'B' }];
    expect(alignByKey(['a', 'b', 'z'], rows, keyOfRow)).toEqual([null, { id: 'b', label: 'B' }, null]);
    expect(alignByKey(['a'], [], keyOfRow)).toEqual([null]);
  });

  it('returns an empty array for no keys, and ignores rows nobody asked for', () => {
    expect(alignByKey([], [{ id: 'a', label: 'A' }], keyOfRow)).toEqual([]);
    expect(alignByKey(['a'], [{ id: 'x', label: 'X' }, { id: 'a', label: 'A' }], keyOfRow)).toEqual([{ id: 'a', label: 'A' }]);
  });

  it('fills every slot of a key that is asked for twice with the same row', () => {
    const a: Row = { id: 'a', label: 'A' };
    const result = alignByKey(['a', 'b', 'a'], [a], keyOfRow);
    expect(result).toEqual([a, null, a]);
    expect(result[0]).toBe(a);
    expect(result[2]).toBe(a);
  });

  it('answers one of the rows when several rows share a key', () => {
    const first: Row = { id: 'a', label: 'first' };
    const second: Row = { id: 'a', label: 'second' };
    const [slot] = alignByKey(['a'], [first, second], keyOfRow);
    expect([first, second]).toContain(slot);
  });

  it('works with numeric keys and a computed key', () => {
    const rows = [{ n: 3 }, { n: 1 }];
    expect(alignByKey([1, 2, 3], rows, (r) => r.n)).toEqual([{ n: 1 }, null, { n: 3 }]);
  });

  it('keeps falsy-but-present rows distinct from missing ones', () => {
    // A row that is 0 or '' is a real row, not a miss.
    expect(alignByKey([0, 1], [0], (n) => n)).toEqual([0, null]);
  });
});

describe('groupByKey', () => {
  interface Edge {
    readonly workId: string;
    readonly position: number;
  }
  const workOf = (e: Edge): string => e.workId;

  it('groups rows by key, one array per key in key order, rows kept in their input order', () => {
    const rows: Edge[] = [
      { workId: 'W2', position: 1 },
      { workId: 'W1', position: 1 },
      { workId: 'W2', position: 2 },
      { workId: 'W1', position: 2 },
      { workId: 'W2', position: 3 },
    ];
    expect(groupByKey(['W1', 'W2'], rows, workOf)).toEqual([
      [
        { workId: 'W1', position: 1 },
        { workId: 'W1', position: 2 },
      ],
      [
        { workId: 'W2', position: 1 },
        { workId: 'W2', position: 2 },
        { workId: 'W2', position: 3 },
      ],
    ]);
  });

  it('gives an empty array (never null) for a key without rows', () => {
    const result = groupByKey(['W1', 'W9', 'W2'], [{ workId: 'W2', position: 1 }], workOf);
    expect(result).toEqual([[], [], [{ workId: 'W2', position: 1 }]]);
    expect(groupByKey(['W1'], [], workOf)).toEqual([[]]);
    expect(groupByKey([], [{ workId: 'W1', position: 1 }], workOf)).toEqual([]);
  });

  it('drops rows whose key was not asked for', () => {
    const result = groupByKey(['W1'], [{ workId: 'W7', position: 1 }, { workId: 'W1', position: 4 }], workOf);
    expect(result).toEqual([[{ workId: 'W1', position: 4 }]]);
  });

  it('gives every slot of a key asked for twice all of its rows, each row once', () => {
    const rows: Edge[] = [
      { workId: 'W1', position: 1 },
      { workId: 'W1', position: 2 },
    ];
    const result = groupByKey(['W1', 'W2', 'W1'], rows, workOf);
    expect(result).toHaveLength(3);
    expect(result[0]).toEqual(rows);
    expect(result[1]).toEqual([]);
    expect(result[2]).toEqual(rows);
  });
});
