import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createGatewayClient, type GatewayClient, persistedDocumentId } from '../../client/gatewayClient';
import {
  ArticleSyncDocument,
  AuthorPageDocument,
  CitationGraphDocument,
  CreateArticleDocument,
  EditorHomeDocument,
  SearchPageDocument,
  TopicPageDocument,
  TypeAheadDocument,
  WorkPageDocument,
} from '../../client/generated/graphql';
import { rank } from '../support/entityGroundTruth';
import { type GatewayProcess, spawnGateway } from '../support/gatewayProcess';
import { byteOrder, namedAuthorIds, sampleGroundTruth, type TruthWork } from '../support/sampleGroundTruth';
import { subgraphTruth } from '../support/subgraphTruth';
import { ranked, suggestionGroundTruth, truthMatches, truthTitles } from '../support/suggestionGroundTruth';
import { TEST_JWT_SECRET, testToken } from '../support/testTokens';

/**
 * README "Building a web app": each page of a scholarly web app is one request of client/operations, sent by the
 * typed client (client/gatewayClient.ts) by its persisted document's id to `npm start` in allow-list mode
 * (GRAPHQL_PERSISTED_ONLY=true with the manifest codegen wrote), from a page on another origin. Every answer is
 * compared with the sample's source JSON.
 */
jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const APP_ORIGIN = 'http://localhost:3000';
const FROM = 2015;
const TO = 2025;

const { works } = sampleGroundTruth();
const all = [...works.values()];

function citersOf(id: string): TruthWork[] {
  return all.filter((w) => w.referencedWorkIds.includes(id));
}

/** Per year from..to: loaded works published that year and citations received that year (counts_by_year). */
function truthTrend(subjectWorks: readonly TruthWork[]): { period: number; works: number; citations: number }[] {
  const points = [];
  for (let year = FROM; year <= TO; year++) {
    points.push({
      period: year,
      works: subjectWorks.filter((w) => w.publicationYear === year).length,
      citations: subjectWorks.reduce((sum, w) => sum + (w.countsByYear.find((c) => c.year === year)?.cited_by_count ?? 0), 0),
    });
  }
  return points;
}

let gateway: GatewayProcess;
let client: GatewayClient;

beforeAll(async () => {
  gateway = await spawnGateway(NPM, ['start'], {
    cwd: ROOT,
    env: {
      GRAPHQL_PERSISTED_DOCUMENTS: path.join(ROOT, 'client/generated/persisted-documents.json'),
      GRAPHQL_PERSISTED_ONLY: 'true',
      CORS_ORIGINS: APP_ORIGIN,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
    },
  });
  // What a browser adds to every request of a page on another origin.
  const fromApp: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: APP_ORIGIN } });
  client = createGatewayClient({ endpoint: gateway.url, fetch: fromApp });
});

afterAll(async () => {
  await gateway?.kill();
});

describe('the web app pages, one persisted request each', () => {
  it('search page: a browse of one year with its facets, counted from the JSON', async () => {
    const year = 2020;
    const matching = all.filter((w) => w.publicationYear === year);
    const res = await client.request(SearchPageDocument, { filter: { publicationYear: { gte: year, lte: year } }, first: 5 });
    expect(res.errors).toEqual([]);
    const page = res.data?.searchWorks;
    expect(page?.totalCount).toBe(matching.length);
    const mostCited = [...matching].sort((a, b) => b.citedByCount - a.citedByCount || byteOrder(a.id, b.id)).slice(0, 5);
    expect(page?.edges.map((e) => e.node.id)).toEqual(mostCited.map((w) => w.id));
    // Multi-select: the year facet ignores the year filter, so every year of the sample is offered.
    const years = new Map<number, number>();
    for (const w of all) if (w.publicationYear !== null) years.set(w.publicationYear, (years.get(w.publicationYear) ?? 0) + 1);
    expect(new Map(page?.facets.publicationYear.map((b) => [b.year, b.count]))).toEqual(years);
    const types = new Map<string, number>();
    for (const w of matching) if (w.type !== null) types.set(w.type, (types.get(w.type) ?? 0) + 1);
    expect(new Map(page?.facets.type.map((b) => [b.type, b.count]))).toEqual(types);
    expect(page?.pageInfo.hasNextPage).toBe(matching.length > 5);
    // Group-by: the institutions named on the matches' bylines, each work counted once per institution.
    const institutions = rank(matching.flatMap((w) => [...new Set(w.authorships.flatMap((a) => a.institutionIds))].map((i) => [i, w.id] as const)));
    expect(page?.byInstitution.groups.map((g) => ({ id: g.key, works: g.count }))).toEqual(institutions.slice(0, 5));
    expect(page?.byInstitution.groups.every((g) => typeof g.keyDisplayName === 'string' && g.keyDisplayName !== '')).toBe(true);
  });

  it('work page: byline, references loaded or not, related works, citers and citations per year', async () => {
    const work = [...all]
      .filter((w) => w.relatedWorkIds.some((id) => works.has(id)) && citersOf(w.id).length > 0)
      .sort((a, b) => citersOf(b.id).length - citersOf(a.id).length || byteOrder(a.id, b.id))[0] as TruthWork;
    const res = await client.request(WorkPageDocument, { id: work.id, from: FROM, to: TO });
    expect(res.errors).toEqual([]);
    const page = res.data?.work;
    expect(page?.title).toBe(work.title);
    expect(page?.titleMarkup).toBe(work.titleMarkup);
    expect(page?.authorshipCount).toBe(work.authorships.length);
    expect(page?.authorships.map((a) => a.rawAuthorName)).toEqual(work.authorships.slice(0, 20).map((a) => a.rawAuthorName));
    expect(page?.referencedWorkCount).toBe(work.referencedWorkIds.length);
    expect(page?.referencedWorks.map((r) => [r.id, r.loaded, r.work?.id ?? null])).toEqual(
      work.referencedWorkIds.slice(0, 50).map((id) => [id, works.has(id), works.has(id) ? id : null]),
    );
    expect(page?.relatedWorks.map((w) => w.id)).toEqual(work.relatedWorkIds.filter((id) => works.has(id)));
    expect(page?.unloadedRelatedWorkIds).toEqual(work.relatedWorkIds.filter((id) => !works.has(id)));
    expect(page?.citedBy?.totalCount).toBe(citersOf(work.id).length);
    expect(page?.oaStatus?.toLowerCase() ?? null).toBe(work.oaStatus);
    expect(page?.oaUrl).toBe(work.oaUrl);
    expect(page?.trend?.points.map((p) => ({ period: p.period, citations: p.citations }))).toEqual(
      truthTrend([work]).map(({ period, citations }) => ({ period, citations })),
    );
  });

  it('author page: top topics, paged co-authors, works and the trend', async () => {
    const authorId = rank(all.flatMap((w) => namedAuthorIds(w).map((a) => [a, w.id] as const)))[0]?.id as string;
    const theirs = all.filter((w) => namedAuthorIds(w).includes(authorId));
    const res = await client.request(AuthorPageDocument, { id: authorId, from: FROM, to: TO });
    expect(res.errors).toEqual([]);
    const page = res.data?.author;
    expect(page?.works.totalCount).toBe(theirs.length);
    const topics = rank(theirs.flatMap((w) => [...new Set(w.topicIds)].map((t) => [t, w.id] as const))).slice(0, 5);
    expect(page?.topTopics.map((t) => ({ id: t.topic.id, works: t.works }))).toEqual(topics);
    const coauthors = rank(theirs.flatMap((w) => namedAuthorIds(w).filter((a) => a !== authorId).map((a) => [a, w.id] as const)));
    expect(page?.coauthorsConnection?.totalCount).toBe(coauthors.length);
    expect(page?.coauthorsConnection?.edges.map((e) => ({ id: e.node.author.id, works: e.node.sharedWorks }))).toEqual(coauthors.slice(0, 10));
    expect(page?.trend?.points).toEqual(truthTrend(theirs));

    // The next page of co-authors is the same operation with the cursor.
    const next = await client.request(AuthorPageDocument, { id: authorId, from: FROM, to: TO, coauthorsAfter: page?.coauthorsConnection?.pageInfo.endCursor ?? null });
    expect(next.data?.author?.coauthorsConnection?.edges.map((e) => e.node.author.id)).toEqual(coauthors.slice(10, 20).map((c) => c.id));
  });

  it('citation graph: the neighbourhood and every edge among its nodes', async () => {
    const truth = subgraphTruth(works);
    const start = [...all].sort((a, b) => citersOf(b.id).length - citersOf(a.id).length || byteOrder(a.id, b.id))[0] as TruthWork;
    const expected = truth.neighbourhood(start.id, 'BOTH', 1).slice(0, 50);
    const res = await client.request(CitationGraphDocument, { workId: start.id });
    expect(res.errors).toEqual([]);
    const graph = res.data?.citationSubgraph;
    expect(graph?.nodes.map((n) => ({ id: n.id, depth: n.depth, citedByCount: n.citedByCount }))).toEqual(expected);
    expect(graph?.edges).toEqual(truth.citationsAmong(expected.map((n) => n.id)));
  });

  it('topic page: works, top authors and the trend', async () => {
    const topicId = rank(all.flatMap((w) => [...new Set(w.topicIds)].map((t) => [t, w.id] as const)))[0]?.id as string;
    const tagged = all.filter((w) => w.topicIds.includes(topicId));
    const res = await client.request(TopicPageDocument, { id: topicId, from: FROM, to: TO });
    expect(res.errors).toEqual([]);
    const page = res.data?.topic;
    expect(page?.works.totalCount).toBe(tagged.length);
    expect(page?.works.nodes.map((w) => w.id)).toEqual(
      [...tagged].sort((a, b) => b.citedByCount - a.citedByCount || byteOrder(a.id, b.id)).slice(0, 10).map((w) => w.id),
    );
    expect(page?.topAuthors.map((a) => ({ id: a.author.id, works: a.works }))).toEqual(
      rank(tagged.flatMap((w) => namedAuthorIds(w).map((a) => [a, w.id] as const))).slice(0, 10),
    );
    expect(page?.trend?.points).toEqual(truthTrend(tagged));
  });

  it('type-ahead: works, authors and topics matching a multi-word prefix, by popularity', async () => {
    const truth = suggestionGroundTruth();
    const expected = (list: readonly { id: string; name: string; popularity: number }[], whole: string[], prefix: string) =>
      ranked(list.filter((e) => truthMatches(e.name, whole, prefix))).slice(0, 5).map((e) => e.id);
    const named = (kind: 'author' | 'topic') => [...truth[kind].values()].map((e) => ({ id: e.id, name: e.recordName ?? [...e.names][0] as string, popularity: e.popularity }));

    const works = await client.request(TypeAheadDocument, { prefix: 'hydrogen st' });
    expect(works.errors).toEqual([]);
    const hydrogen = expected(truthTitles(), ['hydrogen'], 'st');
    expect(hydrogen.length).toBeGreaterThan(0);
    expect(works.data?.autocompleteWorks?.map((s) => s.id)).toEqual(hydrogen);

    const people = await client.request(TypeAheadDocument, { prefix: 'ahmed fa' });
    const ahmed = expected(named('author'), ['ahmed'], 'fa');
    expect(ahmed.length).toBeGreaterThan(0);
    expect(people.data?.autocompleteAuthors?.map((s) => s.id)).toEqual(ahmed);

    const topics = await client.request(TypeAheadDocument, { prefix: 'oil rec' });
    const oil = expected(named('topic'), ['oil'], 'rec');
    expect(oil.length).toBeGreaterThan(0);
    expect(topics.data?.autocompleteTopics?.map((s) => s.id)).toEqual(oil);
  });

  it("editor flow: who is signed in, an article created, and its sync token followed", async () => {
    expect((await client.request(EditorHomeDocument, {})).data?.viewer).toBeNull();
    const token = await testToken('editor', { subject: 'editor-ada' });
    const editor = createGatewayClient({ endpoint: gateway.url, token });
    expect((await editor.request(EditorHomeDocument, {})).data?.viewer).toEqual({ id: 'editor-ada', role: 'editor' });
    const res = await editor.request(CreateArticleDocument, {
      input: { title: 'A web app page test article', publicationDate: '2024-05-01', newAuthors: [{ displayName: 'Ada Editor' }] },
    });
    expect(res.errors).toEqual([]);
    expect(res.data?.createArticle.work).toMatchObject({ title: 'A web app page test article', version: 1 });
    expect(res.data?.createArticle.sync[0]).toEqual({ store: 'POSTGRES', state: 'APPLIED', visible: true });
    // The embedded profile has no projection store: the change is complete at once, for its editor only.
    const syncToken = res.data?.createArticle.syncToken as string;
    const status = await editor.request(ArticleSyncDocument, { token: syncToken, waitMs: 1000 });
    expect(status.errors).toEqual([]);
    expect(status.data?.syncStatus).toEqual({ workId: res.data?.createArticle.work.id, operation: 'CREATE', version: 1, complete: true, superseded: false, stores: [] });
    const someoneElse = createGatewayClient({ endpoint: gateway.url, token: await testToken('editor', { subject: 'editor-bob' }) });
    expect((await someoneElse.request(ArticleSyncDocument, { token: syncToken })).errors[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('allow-list mode: a document that is not one of the pages does not run', async () => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ works(first: 1) { nodes { id } } }' }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_NOT_IN_SAFELIST');
  });

  it('answers the app origin with its CORS headers', async () => {
    const url = new URL(gateway.url);
    url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: persistedDocumentId(EditorHomeDocument) } }));
    const res = await fetch(url, { headers: { origin: APP_ORIGIN, 'x-apollo-operation-name': 'EditorHome', accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
  });
});

describe('README "Building a web app"', () => {
  it('shows every page operation exactly as client/operations holds it', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Building a web app'));
    const files = readdirSync(path.join(ROOT, 'client/operations')).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const text = readFileSync(path.join(ROOT, 'client/operations', file), 'utf8').trim();
      expect({ file, shown: section.includes(text) }).toEqual({ file, shown: true });
    }
  });
});
