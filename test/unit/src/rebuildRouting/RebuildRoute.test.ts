import { flush } from '../../../support/capturingLogger';
import { markedRoute } from '../../../support/markedRoute';

const setUp = () => markedRoute('neo4j', 'the projection', 'postgres');

describe('RebuildRoute', () => {
  it('chooses the projection while its store is unmarked, PostgreSQL while it is marked, and the projection again once cleared', async () => {
    const { marks, clock, route } = setUp();
    expect(await route.backend()).toBe('the projection');
    expect(route.last).toBe('the projection');
    await marks.mark('neo4j');
    clock.advance(1_000);
    expect(await route.backend()).toBe('postgres');
    expect(route.last).toBe('postgres');
    await marks.clear('neo4j');
    clock.advance(1_000);
    expect(await route.backend()).toBe('the projection');
  });

  it("ignores other stores' marks", async () => {
    const { marks, route } = setUp();
    await marks.mark('influxdb');
    await marks.mark('elasticsearch');
    expect(await route.backend()).toBe('the projection');
  });

  it('logs once at each switch, at info level, naming the store', async () => {
    const { marks, clock, lines, route } = setUp();
    await route.backend();
    await marks.mark('neo4j');
    for (let i = 0; i < 3; i++) {
      clock.advance(1_000);
      await Promise.all([route.backend(), route.backend()]);
    }
    await marks.clear('neo4j');
    for (let i = 0; i < 3; i++) {
      clock.advance(1_000);
      await route.backend();
    }
    await flush();
    expect(lines.map((l) => [l['level'], l['store'], l['msg']])).toEqual([
      [30, 'neo4j', 'projection is being rebuilt in place: PostgreSQL answers for it'],
      [30, 'neo4j', 'projection rebuilt: it answers again'],
    ]);
  });

  it('keeps choosing PostgreSQL when the marks cannot be read after the store was marked', async () => {
    const { marks, clock, route } = setUp();
    await marks.mark('neo4j');
    expect(await route.backend()).toBe('postgres');
    marks.failing = new Error('connection refused');
    clock.advance(1_000);
    expect(await route.backend()).toBe('postgres');
  });
});
