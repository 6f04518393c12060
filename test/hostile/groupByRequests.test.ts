import type { TestGateway } from '../support/testGateway';
import { expectData, expectTypedError, postGraphql } from './support/hostileHttp';
import { startProductionGateway } from './support/productionGateway';

jest.setTimeout(120_000);

/** Group-by counts under hostile input (NODE_ENV=production): typed refusals, and a cost the estimate bounds. */
describe('group-by requests are bounded and refuse bad input with typed errors', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startProductionGateway();
  });
  afterAll(() => gateway.stop());

  it('first outside 0–200 is BAD_USER_INPUT on first, on the root and on a search page', async () => {
    for (const query of ['{ groupWorks(field: YEAR, first: 201) { groups { key } } }', '{ groupWorks(field: YEAR, first: -1) { groups { key } } }', '{ searchWorks(query: "gas") { groupBy(field: TOPIC, first: 100000) { groups { key } } } }']) {
      expectTypedError(await postGraphql(gateway.url, { query }), { code: 'BAD_USER_INPUT', argument: 'first', message: /first must be between 0 and 200/ });
    }
  });

  it('an unknown field is refused: BAD_USER_INPUT as a variable, GRAPHQL_VALIDATION_FAILED in the document', async () => {
    const asVariable = await postGraphql(gateway.url, { query: 'query($f: WorkGroupField!) { groupWorks(field: $f) { groups { key } } }', variables: { f: 'title; DROP TABLE works' } });
    expectTypedError(asVariable, { code: 'BAD_USER_INPUT', message: /\$f/ });
    expectTypedError(await postGraphql(gateway.url, { query: '{ groupWorks(field: COLOUR) { groups { key } } }' }), { code: 'GRAPHQL_VALIDATION_FAILED' });
    expectTypedError(await postGraphql(gateway.url, { query: '{ groupWorks { groups { key } } }' }), { code: 'GRAPHQL_VALIDATION_FAILED', message: /field/ });
  });

  it('a NUL in the query or the filter is BAD_USER_INPUT naming it, as for a search', async () => {
    expectTypedError(await postGraphql(gateway.url, { query: '{ groupWorks(field: TYPE, query: "hydro\\u0000gen") { totalCount } }' }), { status: 400, code: 'BAD_USER_INPUT', argument: 'query' });
    expectTypedError(await postGraphql(gateway.url, { query: '{ groupWorks(field: TYPE, filter: { type: ["a\\u0000"] }) { totalCount } }' }), { status: 400, code: 'BAD_USER_INPUT', argument: 'filter.type[0]' });
  });

  it('hostile text in the query or the filter is only a value: no group, no error', async () => {
    const query = 'query($q: String, $t: String!) { groupWorks(field: TYPE, query: $q, filter: { type: [$t] }, includeUnknown: true) { totalCount groups { key count } } }';
    for (const text of [`') OR 1=1; --`, '{"match_all":{}}', '" OR "" = "']) {
      expect(expectData(await postGraphql(gateway.url, { query, variables: { q: text, t: text } }))).toEqual({ groupWorks: { totalCount: 0, groups: [] } });
    }
  });

  it('the cost estimate counts first groups per group-by, times the search page that holds it', async () => {
    // One search page of 200 holding a group-by of 200: 1 + 200 × (1 + 200 groups) = 40,201, under the 50,000 limit.
    const one = '{ searchWorks(first: 200) { nodes { id } groupBy(field: AUTHOR, first: 200) { groups { key count } } } }';
    const data = expectData<{ searchWorks: { groupBy: { groups: unknown[] } } }>(await postGraphql(gateway.url, { query: one }));
    expect(data.searchWorks.groupBy.groups).toHaveLength(200);
    const two = `{ a: ${one.slice(2, -2)} b: ${one.slice(2, -2).replace('AUTHOR', 'INSTITUTION')} }`;
    const refused = expectTypedError(await postGraphql(gateway.url, { query: two }), { code: 'QUERY_TOO_COMPLEX' });
    expect(refused.extensions).toMatchObject({ limit: 50_000, actual: 2 * (1 + 200 * (1 + 1 + 200)) });
    // A root group-by of 200 costs 201, and returns no more groups than it counted, the unknown group included.
    const root = expectData<{ groupWorks: { groups: unknown[] } }>(
      await postGraphql(gateway.url, { query: '{ groupWorks(field: INSTITUTION, first: 200, includeUnknown: true) { groups { key keyDisplayName count } } }' }),
    );
    expect(root.groupWorks.groups.length).toBeLessThanOrEqual(200);
  });
});
