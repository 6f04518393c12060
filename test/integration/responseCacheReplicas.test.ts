import { sampleGroundTruth } from '../support/sampleGroundTruth';
import type { TestGateway } from '../support/testGateway';
import { testToken } from '../support/testTokens';
import { describeStore } from './support/describeStore';
import { pgRedisGateways } from './support/pgRedisGateways';

// Redis database 11 is this suite's own.
const REDIS_TEST_DB = 11;

const CREATE = `mutation($input: CreateArticleInput!) { createArticle(input: $input) { work { id } } }`;

/**
 * Two replicas of the gateway on one PostgreSQL and one Redis, as production runs them: each answers repeated queries
 * from the shared response cache without a round trip for the generation (it holds it in memory), and a write on one
 * reaches the other's answers at once, through the generation's announcement (README, "HTTP caching").
 */
describeStore('postgres', 'response cache across replicas (PostgreSQL + Redis)', () => {
  const stores = pgRedisGateways(REDIS_TEST_DB, { replicas: 2, env: { RESPONSE_CACHE: 'on' } });

  async function post(gateway: TestGateway, query: string, variables: Record<string, unknown>) {
    const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return { age: res.headers.get('age'), body: (await res.json()) as { data?: { author?: { works: { totalCount: number; nodes: { id: string }[] } } } } };
  }

  it('serves each replica from the shared cache, and shows a write on one replica in the other’s next answer', async () => {
    const [a, b] = stores().gateways as [TestGateway, TestGateway];
    const author = [...sampleGroundTruth().authors.values()][0]?.id as string;
    const query = 'query($id: ID!) { author(id: $id) { works(first: 200) { totalCount nodes { id } } } }';
    const first = await post(b, query, { id: author });
    expect(first.age).toBeNull();
    // The entry B stored answers A too, and B again.
    expect((await post(a, query, { id: author })).age).not.toBeNull();
    const again = await post(b, query, { id: author });
    expect(again.age).not.toBeNull();
    expect(again.body).toEqual(first.body);
    const before = first.body.data?.author?.works.totalCount as number;
    expect(before).toBe([...sampleGroundTruth().works.values()].filter((w) => w.authorships.some((s) => s.authorId === author)).length);

    const editor = await testToken('editor');
    const created = await a.gql<{ createArticle: { work: { id: string } } }>(CREATE, { input: { title: 'Replica invalidation probe', publicationDate: '2024-03-04', authorIds: [author] } }, { token: editor });
    expect(created.errors).toBeUndefined();
    const id = created.data?.createArticle.work.id as string;
    // The announcement travels through Redis: allow it the time of a message, far less than the hold period.
    await new Promise((resolve) => setTimeout(resolve, 100));

    const after = await post(b, query, { id: author });
    expect(after.age).toBeNull();
    expect(after.body.data?.author?.works.totalCount).toBe(before + 1);
    expect(after.body.data?.author?.works.nodes.map((n) => n.id)).toContain(id);
  });
});
