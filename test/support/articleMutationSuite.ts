import { randomBytes } from 'node:crypto';
import { namedAuthorIds, sampleGroundTruth, type TruthWork } from './sampleGroundTruth';
import type { GqlResponse, TestGateway } from './testGateway';
import { testToken } from './testTokens';

/** What the suite needs from the profile it runs on. */
export interface MutationSuiteTarget {
  readonly gateway: TestGateway;
  /** GraphQL `Store` values of the configured projection stores (empty on the embedded profile). */
  readonly projectionStores: readonly string[];
}

interface ArticleView {
  id: string;
  title: string;
  type: string;
  version: number;
  doi: string | null;
  publicationYear: number;
  publicationDate: string;
  language: string | null;
  isOpenAccess: boolean;
  abstract: string | null;
  authorships: { position: number; authorPosition: string; author: { id: string; displayName: string; orcid: string | null } }[];
  topics: { topic: { id: string } }[];
  primaryTopic: { id: string } | null;
  referencedWorkIds: string[];
}

interface SyncView {
  store: string;
  state: string;
  visible: boolean;
}

const ARTICLE_FIELDS = `id title type version doi publicationYear publicationDate language isOpenAccess abstract
  authorships { position authorPosition author { id displayName orcid } } topics { topic { id } } primaryTopic { id } referencedWorkIds`;

const CREATE = `mutation($input: CreateArticleInput!, $wait: Boolean) {
  createArticle(input: $input, waitForSync: $wait) { work { ${ARTICLE_FIELDS} } sync { store state visible } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateArticleInput!, $wait: Boolean) {
  updateArticle(id: $id, input: $input, waitForSync: $wait) { work { ${ARTICLE_FIELDS} } sync { store state visible } } }`;
const DELETE = `mutation($id: ID!, $version: Int, $wait: Boolean) { deleteArticle(id: $id, version: $version, waitForSync: $wait) { id sync { store state visible } } }`;

/**
 * Article mutations through GraphQL — auth, validation, optimistic concurrency, and what every capability
 * shows afterwards (work, search, citation graph, trends) — checked against ground truth computed from the
 * sample JSON. Runs on the embedded profile and on the five real stores.
 */
export function articleMutationSuite(target: () => MutationSuiteTarget): void {
  const truth = sampleGroundTruth();
  const works = [...truth.works.values()];
  const citers = (id: string) => works.filter((w) => w.referencedWorkIds.includes(id)).length;
  const worksOf = (authorId: string, year: number) => works.filter((w) => w.publicationYear === year && w.authorships.some((a) => a.authorId === authorId)).length;
  // The most prolific sample author, three cited works, a topic, a DOI already taken.
  const author = [...truth.authors.values()].sort((a, b) => b.worksCount - a.worksCount)[0]?.id as string;
  const cited = [...works].sort((a, b) => citers(b.id) - citers(a.id) || a.id.localeCompare(b.id)).slice(0, 3).map((w) => w.id);
  const topic = works.find((w) => w.topicIds.length > 0)?.topicIds[0] as string;
  const takenDoi = works.find((w) => w.doi !== null)?.doi as string;
  const year = 2024;
  const run = randomBytes(4).toString('hex');
  const word = (w: string) => `${w}${run}`;

  let editor: string;
  let admin: string;
  const gql = <T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>> =>
    target().gateway.gql<T>(query, variables, token === undefined ? {} : { token });
  const countWorks = async () => (await gql<{ works: { totalCount: number } }>('{ works { totalCount } }')).data?.works.totalCount;
  const searchHits = async (q: string) => {
    const res = await gql<{ searchWorks: { totalCount: number; nodes: { id: string }[] } }>('query($q: String!) { searchWorks(query: $q, first: 10) { totalCount nodes { id } } }', { q });
    expect(res.errors).toBeUndefined();
    return res.data?.searchWorks.nodes.map((n) => n.id) ?? [];
  };
  const citedByOf = async (id: string) => {
    const res = await gql<{ work: { citedBy: { totalCount: number; nodes: { id: string }[] } } }>('query($id: ID!) { work(id: $id) { citedBy(first: 200) { totalCount nodes { id } } } }', { id });
    expect(res.errors).toBeUndefined();
    return res.data?.work.citedBy as { totalCount: number; nodes: { id: string }[] };
  };
  const authorWorksIn = async (authorId: string, y: number) => {
    const res = await gql<{ trends: { points: { period: number; works: number }[] } }>(
      'query($a: ID!, $y: Int!) { trends(subject: { authorId: $a }, from: $y, to: $y) { points { period works } } }',
      { a: authorId, y },
    );
    expect(res.errors).toBeUndefined();
    return res.data?.trends.points[0]?.works;
  };
  const input = (overrides: Record<string, unknown> = {}) => ({
    title: `Hydrogen ${word('zyxquarkle')} storage in depleted reservoirs`,
    abstract: 'We measure how hydrogen behaves in depleted gas reservoirs.',
    publicationDate: `${year}-03-15`,
    doi: `https://doi.org/10.5555/gateway-test-${run}`,
    authorIds: [author],
    newAuthors: [{ displayName: 'Grace Testwriter', orcid: '0000-0002-1825-0097' }],
    referencedWorkIds: cited,
    topicIds: [topic],
    isOpenAccess: true,
    language: 'en',
    ...overrides,
  });
  const expectAllApplied = (sync: SyncView[] | undefined) => {
    expect(sync).toEqual(['POSTGRES', ...target().projectionStores].map((store) => ({ store, state: 'APPLIED', visible: true })));
  };

  beforeAll(async () => {
    editor = await testToken('editor');
    admin = await testToken('admin');
  });

  describe('auth', () => {
    const attempt = async (token: string | undefined) => (await gql(CREATE, { input: input({ doi: null }) }, token)).errors?.[0]?.extensions;

    it('refuses a mutation without a token, with a bad signature, expired, or for another audience: UNAUTHENTICATED, nothing written', async () => {
      const before = await countWorks();
      expect(await attempt(undefined)).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await attempt(await testToken('editor', { secret: 'another-secret-another-secret-another-secret' }))).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await attempt(await testToken('editor', { expiresIn: Math.floor(Date.now() / 1000) - 3600 }))).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await attempt(await testToken('editor', { audience: 'someone-else' }))).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await attempt('not.a.jwt')).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await countWorks()).toBe(before);
    });

    it('refuses a role that may not: FORBIDDEN naming the roles that may', async () => {
      expect(await attempt(await testToken('viewer'))).toMatchObject({ code: 'FORBIDDEN', requiredRoles: ['editor', 'admin'] });
      const outbox = await gql('{ outbox { pending } }', {}, editor);
      expect(outbox.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRoles: ['admin'] });
      const requeue = await gql('mutation { requeueDeadLetters }', {}, editor);
      expect(requeue.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('keeps queries public', async () => {
      const res = await gql<{ work: { id: string } }>('query($id: ID!) { work(id: $id) { id } }', { id: cited[0] });
      expect(res.data?.work.id).toBe(cited[0]);
    });
  });

  describe('validation', () => {
    const problemOf = async (overrides: Record<string, unknown>) => {
      const res = await gql(CREATE, { input: input(overrides) }, editor);
      expect(res.data).toBeNull();
      return res.errors?.[0]?.extensions as { code: string; argument: string; problems: { field: string; message: string }[] };
    };

    it.each([
      ['an empty title', { title: '   ' }, 'input.title'],
      ['a title over 1,000 characters', { title: 'x'.repeat(1001) }, 'input.title'],
      ['a malformed DOI', { doi: 'not-a-doi' }, 'input.doi'],
      ['an ORCID with a wrong check digit', { newAuthors: [{ displayName: 'X', orcid: '0000-0002-1825-0098' }] }, 'input.newAuthors[0].orcid'],
      ['a day that does not exist', { publicationDate: '2023-02-30' }, 'input.publicationDate'],
      ['a date that is not ISO', { publicationDate: '15/03/2024' }, 'input.publicationDate'],
      ['a year far in the future', { publicationDate: '2999-01-01' }, 'input.publicationDate'],
      ['no author at all', { authorIds: [], newAuthors: [] }, 'input.authorIds'],
      ['a malformed author id', { authorIds: ['nope'] }, 'input.authorIds[0]'],
      ['a language that is not ISO 639-1', { language: 'english' }, 'input.language'],
    ])('rejects %s: BAD_USER_INPUT naming the field', async (_what, overrides, field) => {
      const ext = await problemOf(overrides);
      expect(ext.code).toBe('BAD_USER_INPUT');
      expect(ext.argument).toBe(field);
    });

    it.each([
      ['an unknown author', { authorIds: ['A1'] }, 'input.authorIds', 'A1'],
      ['an unknown referenced work', { referencedWorkIds: ['W1'] }, 'input.referencedWorkIds', 'W1'],
      ['an unknown topic', { topicIds: ['T1'] }, 'input.topicIds', 'T1'],
    ])('rejects %s, naming the field and the id', async (_what, overrides, field, id) => {
      const ext = await problemOf(overrides);
      expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', argument: field });
      expect(ext.problems[0]?.message).toContain(id);
    });

    it('rejects a DOI another work already has (in any form)', async () => {
      const ext = await problemOf({ doi: takenDoi.toUpperCase() });
      expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.doi' });
    });

    it('reports every problem of an input at once', async () => {
      const ext = await problemOf({ title: '', doi: 'x', language: 'english' });
      expect(ext.problems.map((p) => p.field).sort()).toEqual(['input.doi', 'input.language', 'input.title']);
    });

    it('wrote nothing for any rejected input', async () => {
      expect(await countWorks()).toBe(truth.works.size);
    });
  });

  describe('create, update, delete', () => {
    let article: ArticleView;

    it('creates an article with a minted id, existing and new authors, references and topics', async () => {
      expect(await authorWorksIn(author, year)).toBe(worksOf(author, year));
      const res = await gql<{ createArticle: { work: ArticleView; sync: SyncView[] } }>(CREATE, { input: input(), wait: true }, editor);
      expect(res.errors).toBeUndefined();
      article = res.data?.createArticle.work as ArticleView;
      expect(article.id).toMatch(/^WG[0-9A-F]{32}$/);
      expect(article).toMatchObject({
        type: 'article',
        version: 1,
        doi: `https://doi.org/10.5555/gateway-test-${run}`,
        publicationYear: year,
        publicationDate: `${year}-03-15`,
        language: 'en',
        isOpenAccess: true,
        referencedWorkIds: cited,
        topics: [{ topic: { id: topic } }],
        primaryTopic: { id: topic },
      });
      expect(article.authorships.map((a) => [a.position, a.authorPosition, a.author.displayName])).toEqual([
        [1, 'first', truth.authors.get(author)?.displayName],
        [2, 'last', 'Grace Testwriter'],
      ]);
      expect(article.authorships[1]?.author.id).toMatch(/^AG[0-9A-F]{32}$/);
      expect(article.authorships[1]?.author.orcid).toBe('https://orcid.org/0000-0002-1825-0097');
      expectAllApplied(res.data?.createArticle.sync);
    });

    it('shows the new article in every capability', async () => {
      const res = await gql<{ work: ArticleView }>(`query($id: ID!) { work(id: $id) { ${ARTICLE_FIELDS} } }`, { id: article.id });
      expect(res.data?.work).toEqual(article);
      expect(await searchHits(word('zyxquarkle'))).toEqual([article.id]);
      for (const id of cited) {
        const citedBy = await citedByOf(id);
        expect(citedBy.totalCount).toBe(citers(id) + 1);
        expect(citedBy.nodes.map((n) => n.id)).toContain(article.id);
      }
      const refs = await gql<{ work: { references: { totalCount: number } } }>('query($id: ID!) { work(id: $id) { references { totalCount } } }', { id: article.id });
      expect(refs.data?.work.references.totalCount).toBe(cited.length);
      expect(await authorWorksIn(author, year)).toBe(worksOf(author, year) + 1);
      expect(await countWorks()).toBe(truth.works.size + 1);
    });

    it('refuses an update based on a stale version: CONFLICT, nothing changed', async () => {
      const res = await gql(UPDATE, { id: article.id, input: { version: 7, title: 'Never written' } }, editor);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: 7, currentVersion: 1 });
      const now = await gql<{ work: { title: string; version: number } }>('query($id: ID!) { work(id: $id) { title version } }', { id: article.id });
      expect(now.data?.work).toEqual({ title: article.title, version: 1 });
    });

    it('updates the fields given, keeps the others, and moves the projections with it', async () => {
      const res = await gql<{ updateArticle: { work: ArticleView; sync: SyncView[] } }>(
        UPDATE,
        { id: article.id, input: { version: 1, title: `Revised ${word('plorbix')} title`, referencedWorkIds: [cited[0]], abstract: null }, wait: true },
        editor,
      );
      expect(res.errors).toBeUndefined();
      const updated = res.data?.updateArticle.work as ArticleView;
      expect(updated).toMatchObject({ version: 2, title: `Revised ${word('plorbix')} title`, referencedWorkIds: [cited[0]], abstract: null, doi: article.doi, language: 'en' });
      expect(updated.authorships).toEqual(article.authorships);
      expectAllApplied(res.data?.updateArticle.sync);
      expect(await searchHits(word('zyxquarkle'))).toEqual([]);
      expect(await searchHits(word('plorbix'))).toEqual([article.id]);
      expect((await citedByOf(cited[0] as string)).totalCount).toBe(citers(cited[0] as string) + 1);
      expect((await citedByOf(cited[1] as string)).totalCount).toBe(citers(cited[1] as string));
      article = updated;
    });

    it('lets exactly one of several concurrent updates based on the same version win', async () => {
      const attempts = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => gql<{ updateArticle: { work: { version: number } } }>(UPDATE, { id: article.id, input: { version: 2, title: `Concurrent ${n}` } }, editor)),
      );
      const won = attempts.filter((r) => r.errors === undefined);
      const lost = attempts.filter((r) => r.errors !== undefined);
      expect(won).toHaveLength(1);
      expect(won[0]?.data?.updateArticle.work.version).toBe(3);
      expect(lost.map((r) => r.errors?.[0]?.extensions.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
      const now = await gql<{ work: { title: string; version: number } }>('query($id: ID!) { work(id: $id) { title version } }', { id: article.id });
      expect(now.data?.work.version).toBe(3);
      expect(won[0]?.data?.updateArticle.work).toBeDefined();
    });

    it('refuses to delete on a stale version, and deletes on the current one everywhere', async () => {
      const stale = await gql(DELETE, { id: article.id, version: 1 }, editor);
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
      const res = await gql<{ deleteArticle: { id: string; sync: SyncView[] } }>(DELETE, { id: article.id, version: 3, wait: true }, editor);
      expect(res.errors).toBeUndefined();
      expect(res.data?.deleteArticle.id).toBe(article.id);
      expectAllApplied(res.data?.deleteArticle.sync);
      const gone = await gql<{ work: null }>('query($id: ID!) { work(id: $id) { id } }', { id: article.id });
      expect(gone.data?.work).toBeNull();
      expect(await searchHits(word('plorbix'))).toEqual([]);
      for (const id of cited) expect((await citedByOf(id)).totalCount).toBe(citers(id));
      expect(await authorWorksIn(author, year)).toBe(worksOf(author, year));
      expect(await countWorks()).toBe(truth.works.size);
    });

    it('answers NOT_FOUND for an article that is gone', async () => {
      const again = await gql(DELETE, { id: article.id }, editor);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses to change or delete a work imported from OpenAlex, article or not: FORBIDDEN with the reason, nothing written', async () => {
      const importedArticle = works.find((w) => w.type === 'article') as TruthWork;
      const importedOther = works.find((w) => w.type !== 'article') as TruthWork;
      const view = async (id: string) => (await gql<{ work: { title: string; version: number } }>('query($id: ID!) { work(id: $id) { title version } }', { id })).data?.work;
      for (const imported of [importedArticle, importedOther]) {
        const before = await view(imported.id);
        expect(before?.title).toBe(imported.title);
        const update = await gql(UPDATE, { id: imported.id, input: { version: before?.version, title: 'Edited in the gateway' } }, editor);
        const remove = await gql(DELETE, { id: imported.id }, admin);
        for (const res of [update, remove]) {
          expect(res.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'IMPORTED_FROM_OPENALEX', workId: imported.id });
          expect(res.errors?.[0]?.message).toMatch(/imported from OpenAlex and is read-only/);
        }
        expect(await view(imported.id)).toEqual(before);
      }
      expect(await countWorks()).toBe(truth.works.size);
    });

    it('deletes an article other articles cite: they count one loaded reference less, at once', async () => {
      const refsOf = async (id: string) =>
        (await gql<{ work: { references: { totalCount: number } } }>('query($id: ID!) { work(id: $id) { references { totalCount } } }', { id })).data?.work.references.totalCount;
      const create = async (overrides: Record<string, unknown>) => {
        const res = await gql<{ createArticle: { work: ArticleView } }>(CREATE, { input: input({ doi: null, ...overrides }), wait: true }, editor);
        expect(res.errors).toBeUndefined();
        return res.data?.createArticle.work as ArticleView;
      };
      const victim = await create({ referencedWorkIds: [] });
      const citing = await create({ referencedWorkIds: [victim.id, ...cited] });
      expect(await refsOf(citing.id)).toBe(cited.length + 1); // and now cached
      const res = await gql<{ deleteArticle: { sync: SyncView[] } }>(DELETE, { id: victim.id, wait: true }, editor);
      expect(res.errors).toBeUndefined();
      expectAllApplied(res.data?.deleteArticle.sync);
      expect(await refsOf(citing.id)).toBe(cited.length);
      // The article's own list of references is as it was written.
      const ids = await gql<{ work: { referencedWorkIds: string[] } }>('query($id: ID!) { work(id: $id) { referencedWorkIds } }', { id: citing.id });
      expect(ids.data?.work.referencedWorkIds).toEqual([victim.id, ...cited]);
      const cleanUp = await gql(DELETE, { id: citing.id, wait: true }, editor);
      expect(cleanUp.errors).toBeUndefined();
    });

    it('leaves an imported article with byline names OpenAlex could not attach alone: FORBIDDEN, every entry in its place', async () => {
      const sample = works.filter((w) => w.type === 'article' && w.authorships.some((a) => a.authorId === null)).sort((a, b) => a.id.localeCompare(b.id))[0] as TruthWork;
      expect(sample).toBeDefined();
      const byline = 'authorships { position rawAuthorName author { id } institutions { id } }';
      const now = await gql<{ work: { version: number } }>('query($id: ID!) { work(id: $id) { version } }', { id: sample.id });
      const version = now.data?.work.version as number;
      const res = await gql(
        `mutation($id: ID!, $input: UpdateArticleInput!) { updateArticle(id: $id, input: $input, waitForSync: true) { work { version } } }`,
        { id: sample.id, input: { version, title: `Retitled ${word('quillonet')} sample` } },
        editor,
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IMPORTED_FROM_OPENALEX' });
      const expected = sample.authorships.map((a) => ({
        position: a.position,
        rawAuthorName: a.rawAuthorName,
        author: a.authorId === null ? null : { id: a.authorId },
        institutions: a.institutionIds.map((id) => ({ id })),
      }));
      const read = await gql<{ work: { version: number; authorships: unknown[] } }>(`query($id: ID!) { work(id: $id) { version ${byline} } }`, { id: sample.id });
      expect(read.data?.work).toEqual({ version, authorships: expected });
      expect(await searchHits(word('quillonet'))).toEqual([]);
      for (const id of namedAuthorIds(sample)) expect({ id, works: await authorWorksIn(id, sample.publicationYear as number) }).toEqual({ id, works: worksOf(id, sample.publicationYear as number) });
    });

    it('leaves an empty outbox once everything is delivered (admin view)', async () => {
      await target().gateway.writePath.relay?.flush(10_000);
      const res = await gql<{ outbox: { pending: number; deadLettered: number; deadLetters: unknown[] } }>('{ outbox { pending deadLettered deadLetters { id } } }', {}, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data?.outbox).toEqual({ pending: 0, deadLettered: 0, deadLetters: [] });
    });
  });
}
