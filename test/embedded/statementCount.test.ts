import { CountingSqlExecutor } from '../support/CountingSqlExecutor';
import { startTestGateway, type TestGateway } from '../support/testGateway';

const QUERY = `query($first: Int) { works(first: $first) { nodes { id title authorships { position author { displayName worksCount } } } } }`;

/**
 * No N+1: the statements a page of works with its bylines costs do not grow with the page size.
 * Each run starts with a cold cache (a new gateway), so every statement really reaches the database.
 */
describe('statement count of a page of works with their authors (embedded)', () => {
  const counted: Record<number, { statements: string[]; authorships: number }> = {};

  async function run(first: number): Promise<void> {
    let counter: CountingSqlExecutor | undefined;
    const gateway: TestGateway = await startTestGateway({}, { wrapSql: (sql) => (counter = new CountingSqlExecutor(sql)) });
    try {
      const c = counter as CountingSqlExecutor;
      c.statements.length = 0;
      const res = await gateway.gql<{ works: { nodes: { authorships: unknown[] }[] } }>(QUERY, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data?.works.nodes).toHaveLength(first);
      counted[first] = { statements: [...c.statements], authorships: res.data?.works.nodes.flatMap((n) => n.authorships).length ?? 0 };
    } finally {
      await gateway.stop();
    }
  }

  beforeAll(async () => {
    await run(100);
    await run(10);
  });

  it('issues exactly three statements for 100 works: the page, their authorships, their authors', () => {
    const page = counted[100];
    expect(page?.authorships).toBeGreaterThan(300);
    expect(page?.statements).toHaveLength(3);
    expect(page?.statements[0]).toMatch(/FROM works w/);
    expect(page?.statements[1]).toMatch(/FROM authorships/);
    expect(page?.statements[2]).toMatch(/FROM authors au/);
  });

  it('issues the same number for 10 works: the count does not grow with the page', () => {
    expect(counted[10]?.statements).toHaveLength(counted[100]?.statements.length ?? -1);
  });
});

const TOPICS_QUERY = `query($first: Int) { topics(first: $first) {
  nodes { id works(first: 3) { nodes { id } } topAuthors(first: 3) { works author { displayName } } }
} }`;

/** No N+1 for entity lists either: topics with their works and top authors cost the same statements for 5 or 50. */
describe('statement count of a page of topics with their works and top authors (embedded)', () => {
  const counted: Record<number, string[]> = {};

  async function run(first: number): Promise<void> {
    let counter: CountingSqlExecutor | undefined;
    const gateway: TestGateway = await startTestGateway({}, { wrapSql: (sql) => (counter = new CountingSqlExecutor(sql)) });
    try {
      const c = counter as CountingSqlExecutor;
      c.statements.length = 0;
      const res = await gateway.gql<{ topics: { nodes: unknown[] } }>(TOPICS_QUERY, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data?.topics.nodes).toHaveLength(first);
      counted[first] = [...c.statements];
    } finally {
      await gateway.stop();
    }
  }

  beforeAll(async () => {
    await run(50);
    await run(5);
  });

  it('issues four statements for 50 topics: the page, their works, their top authors, those authors', () => {
    const statements = counted[50] ?? [];
    expect(statements).toHaveLength(4);
    expect(statements[0]).toMatch(/FROM topics e/);
    expect(statements.filter((s) => /FROM works w JOIN/.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /FROM authors au/.test(s))).toHaveLength(1);
  });

  it('issues the same number for 5 topics', () => {
    expect(counted[5]).toHaveLength(counted[50]?.length ?? -1);
  });
});
