import { MAX_OPERATION_LABELS, OperationLabels, operationLabel } from '../../../../src/observability/operationLabel';

describe('operationLabel', () => {
  it('labels unnamed operations anonymous and keeps names (cut at 100 characters)', () => {
    expect(operationLabel(null)).toBe('anonymous');
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('WorkPage')).toBe('WorkPage');
    expect(operationLabel('x'.repeat(150))).toBe('x'.repeat(100));
  });

  it('bounds the number of distinct labels: once the limit is reached new names become other, known ones stay', () => {
    for (let i = 0; i < MAX_OPERATION_LABELS + 10; i++) operationLabel(`Op${i}`);
    expect(operationLabel('WorkPage')).toBe('WorkPage');
    expect(operationLabel('NeverSeenBefore')).toBe('other');
  });
});

describe('OperationLabels', () => {
  /** A table on a clock the test moves. */
  function table(options: { capacity?: number; pinned?: string[]; maxCandidates?: number } = {}) {
    let now = 0;
    const evicted: string[] = [];
    const labels = new OperationLabels({ capacity: 5, halfLifeMs: 60_000, ...options, onEvict: (label) => evicted.push(label), now: () => now });
    return { labels, evicted, tick: (ms: number) => (now += ms) };
  }
  const flood = (labels: OperationLabels, n: number, prefix = 'UniqueOp') => Array.from({ length: n }, (_, i) => labels.labelOf(`${prefix}${i}`));

  it('gives names their label while there is room, then reports new one-off names as other', () => {
    const { labels, evicted } = table();
    expect(flood(labels, 7)).toEqual(['UniqueOp0', 'UniqueOp1', 'UniqueOp2', 'UniqueOp3', 'UniqueOp4', 'other', 'other']);
    expect(evicted).toEqual([]);
  });

  it("keeps a real client's operations labelled through a flood of 230 one-off names", () => {
    const { labels, tick } = table();
    for (let i = 0; i < 3; i++) for (const name of ['WorkPage', 'AuthorPage']) labels.labelOf(name);
    tick(1_000);
    const junk = flood(labels, 230);
    expect(junk.filter((l) => l !== 'other')).toHaveLength(3);
    expect(labels.labelOf('WorkPage')).toBe('WorkPage');
    expect(labels.labelOf('AuthorPage')).toBe('AuthorPage');
  });

  it('labels a real name that comes after the flood once it is used more than twice as much as the least used label', () => {
    const { labels, evicted } = table();
    flood(labels, 230);
    expect([labels.labelOf('LatePage'), labels.labelOf('LatePage')]).toEqual(['other', 'other']);
    expect(labels.labelOf('LatePage')).toBe('LatePage');
    expect(evicted).toEqual(['UniqueOp0']);
    expect(labels.labelOf('UniqueOp0')).toBe('other');
  });

  it('lets recent use win over old use: a label used long ago gives way to a name used now', () => {
    const { labels, evicted, tick } = table({ capacity: 2 });
    for (let i = 0; i < 10; i++) labels.labelOf('Yesterday');
    labels.labelOf('Steady');
    tick(10 * 60_000); // ten half-lives: ten uses are worth 0.01 now
    labels.labelOf('Steady');
    expect(labels.labelOf('Today')).toBe('Today');
    expect(evicted).toEqual(['Yesterday']);
    expect(labels.labelOf('Steady')).toBe('Steady');
  });

  it('always labels the operations of persisted documents, beyond the capacity, and never evicts them', () => {
    const { labels, evicted } = table({ pinned: ['PersistedWork', 'PersistedAuthor'] });
    flood(labels, 50);
    expect(labels.labelOf('PersistedWork')).toBe('PersistedWork');
    for (let i = 0; i < 10; i++) labels.labelOf('Busy');
    expect(evicted).not.toContain('PersistedWork');
    expect(labels.labelOf('PersistedAuthor')).toBe('PersistedAuthor');
  });

  it('tracks a bounded number of names however many a client invents', () => {
    const { labels } = table({ maxCandidates: 100 });
    flood(labels, 5_000);
    expect(labels.tracked).toBeLessThanOrEqual(105);
  });

  it('cuts names at 100 characters and labels an unnamed operation anonymous', () => {
    const { labels } = table();
    expect(labels.labelOf('y'.repeat(150))).toBe('y'.repeat(100));
    expect(labels.labelOf(undefined)).toBe('anonymous');
  });
});
