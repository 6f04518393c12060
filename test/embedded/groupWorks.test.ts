import { CountingSqlExecutor } from '../support/CountingSqlExecutor';
import { entityGroundTruth } from '../support/entityGroundTruth';
import { truthDisplayName, truthGroups, truthWorks } from '../support/groupGroundTruth';
import { startTestGateway, type TestGateway } from '../support/testGateway';
import { BROAD, satisfies, worksWithWord } from '../contract/searchIndexContract';
import { WORK_GROUP_FIELDS } from '../../datasources/workGroups';

interface Groups {
  totalCount: number;
  groups: { key: string | null; keyDisplayName: string | null; count: number }[];
}

const GROUPS = 'totalCount groups { key keyDisplayName count }';
const GROUP_WORKS = `query($field: WorkGroupField!, $query: String, $filter: WorkFilter, $unknown: Boolean, $first: Int) {
  groupWorks(field: $field, query: $query, filter: $filter, includeUnknown: $unknown, first: $first) { ${GROUPS} }
}`;

/** `groupWorks` and `WorkSearchConnection.groupBy` through the embedded gateway's HTTP API, against the sample's JSON. */
describe('group-by counts through the API (embedded, shipped sample)', () => {
  let gateway: TestGateway;
  let counter: CountingSqlExecutor;
  const works = truthWorks();

  beforeAll(async () => {
    gateway = await startTestGateway({}, { wrapSql: (sql) => (counter = new CountingSqlExecutor(sql)) });
  });
  afterAll(() => gateway.stop());

  async function groupWorks(variables: Record<string, unknown>): Promise<Groups> {
    const res = await gateway.gql<{ groupWorks: Groups }>(GROUP_WORKS, variables);
    expect(res.errors).toBeUndefined();
    return res.data?.groupWorks as Groups;
  }

  it.each(WORK_GROUP_FIELDS.map((f) => [f]))('%s: keys, counts and display names (the default 25, no unknown group)', async (field) => {
    const answer = await groupWorks({ field });
    expect(answer.totalCount).toBe(works.length);
    expect(answer.groups.map(({ key, count }) => ({ key, count }))).toEqual(truthGroups(works, field, false, 25));
    for (const group of answer.groups) {
      const name = truthDisplayName(field, group.key);
      if (name === undefined) expect(group.keyDisplayName).toEqual(expect.stringMatching(/\S/));
      else expect(group.keyDisplayName).toBe(name);
    }
  });

  it('names sources and institutions as the sample does, and the unknown group has no name', async () => {
    const entities = entityGroundTruth();
    const sources = await groupWorks({ field: 'SOURCE', unknown: true, first: 3 });
    expect(sources.groups.map((g) => g.key)).toEqual(truthGroups(works, 'SOURCE', true, 3).map((g) => g.key));
    expect(sources.groups.find((g) => g.key === null)).toEqual({ key: null, keyDisplayName: null, count: truthGroups(works, 'SOURCE', true, 200).find((g) => g.key === null)?.count });
    const institutions = await groupWorks({ field: 'INSTITUTION', first: 5 });
    for (const g of institutions.groups) expect(entities.institutions.has(g.key as string)).toBe(true);
  });

  it('names 200 authors with one batched statement besides the count', async () => {
    const before = counter.statements.length;
    const answer = await groupWorks({ field: 'AUTHOR', first: 200, filter: { citedByCount: { gte: 0 } } });
    expect(answer.groups).toHaveLength(200);
    expect(answer.groups.every((g) => typeof g.keyDisplayName === 'string' && g.keyDisplayName !== '')).toBe(true);
    expect(counter.statements.length - before).toBeLessThanOrEqual(2);
  });

  it('a search page gets its hits, facets and groups in one request, the groups over its query and whole filter', async () => {
    const filter = { isOpenAccess: true };
    const res = await gateway.gql<{ searchWorks: { totalCount: number; facets: { isOpenAccess: { count: number }[] }; byYear: Groups; byTopic: Groups }; groupWorks: Groups }>(
      `query($q: String, $filter: WorkFilter) {
        searchWorks(query: $q, filter: $filter, first: 3) {
          totalCount nodes { id } facets { isOpenAccess { isOpenAccess count } }
          byYear: groupBy(field: YEAR, includeUnknown: true, first: 200) { ${GROUPS} }
          byTopic: groupBy(field: TOPIC, first: 5) { ${GROUPS} }
        }
        groupWorks(field: TOPIC, query: $q, filter: $filter, first: 5) { ${GROUPS} }
      }`,
      { q: BROAD.word, filter },
    );
    expect(res.errors).toBeUndefined();
    const search = res.data?.searchWorks;
    const matched = worksWithWord(BROAD.word).filter((w) => satisfies(w, filter));
    expect(search?.totalCount).toBe(matched.length);
    expect(search?.byYear.totalCount).toBe(matched.length);
    expect(search?.byYear.groups.map(({ key, count }) => ({ key, count }))).toEqual(truthGroups(matched, 'YEAR', true, 200));
    expect(search?.byTopic.groups.map(({ key, count }) => ({ key, count }))).toEqual(truthGroups(matched, 'TOPIC', false, 5));
    expect(res.data?.groupWorks).toEqual(search?.byTopic);
  });

  it('is cached like a search (max-age 60)', async () => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ groupWorks(field: TYPE) { ${GROUPS} } }` }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=60, public');
  });

  it('bad input is BAD_USER_INPUT naming the argument', async () => {
    const refused = async (variables: Record<string, unknown>, argument: string) => {
      const res = await gateway.gql(GROUP_WORKS, variables);
      expect(res.data?.['groupWorks'] ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toContain(argument);
    };
    await refused({ field: 'YEAR', first: 201 }, 'first');
    await refused({ field: 'YEAR', first: -1 }, 'first');
    await refused({ field: 'COLOUR' }, 'field');
    await refused({ field: null }, 'field');
    await refused({ field: 'YEAR', query: 'x'.repeat(501) }, 'query');
    await refused({ field: 'YEAR', first: 2.5 }, 'first');
  });
});
