import { statedSampleCount } from '../support/sampleGroundTruth';
import type { TestGateway } from '../support/testGateway';
import { testToken } from '../support/testTokens';
import { expectData, expectTypedError, postGraphql } from './support/hostileHttp';
import { startProductionGateway } from './support/productionGateway';

const CREATE = 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { work { id version title doi language } } }';
const UPDATE = `mutation($id: ID!, $input: UpdateArticleInput!) {
  updateArticle(id: $id, input: $input) { work { id version title doi language abstract publicationDate } sync { store state } } }`;
const READ = 'query($id: ID!) { work(id: $id) { id version title doi language abstract publicationDate } }';

interface ArticleView {
  id: string;
  version: number;
  title: string;
  doi: string | null;
  language: string | null;
  abstract: string | null;
  publicationDate: string;
}

describe('article inputs the catalog must not take (production mode, as an editor): BAD_USER_INPUT naming the field, nothing written', () => {
  let gateway: TestGateway;
  let editor: string;
  const gql = (query: string, variables?: Record<string, unknown>) => postGraphql(gateway.url, { query, variables }, { authorization: `Bearer ${editor}` });
  const valid = () => ({ title: 'Hostile input probe', publicationDate: '2024-05-01', newAuthors: [{ displayName: 'Ada Probe' }], language: 'en', doi: null });
  const total = async () => expectData<{ works: { totalCount: number } }>(await postGraphql(gateway.url, { query: '{ works { totalCount } }' })).works.totalCount;
  /** Outbox records of a work (the relay is off here, so none is delivered and deleted). */
  const outboxRecords = async (workId: string) => (await gateway.sql.query<{ n: number }>('SELECT count(*)::integer AS n FROM outbox WHERE work_id = $1', [workId]))[0]?.n;

  beforeAll(async () => {
    gateway = await startProductionGateway({ OUTBOX_RELAY: 'off' });
    editor = await testToken('editor');
  });
  afterAll(() => gateway?.stop());

  it.each([
    ['a language that is no ISO 639-1 code', { language: 'xx' }, 'input.language', /xx is not an ISO 639-1 language code/],
    ['a DOI suffix of control characters', { doi: '10.1234/\u0001\u0002' }, 'input.doi', /not printable/],
    ['a DOI of 2,000 characters', { doi: `10.1234/${'a'.repeat(1992)}` }, 'input.doi', /longer than 300 characters/],
    ['a DOI of 3,000 characters (a btree row too large)', { doi: `10.1234/${'b'.repeat(2992)}` }, 'input.doi', /longer than 300 characters/],
    ['a title of a zero-width space only', { title: '\u200b' }, 'input.title', /required and cannot be empty/],
    ['a title with ANSI escapes', { title: 'Title \u001b[31mred\u001b[0m' }, 'input.title', /control characters such as U\+001B \(an ANSI escape\)/],
    ['a title with a control character', { title: 'Bell\u0007' }, 'input.title', /control characters such as U\+0007/],
    ['an author name with an escape', { newAuthors: [{ displayName: '\u001b]0;pwned\u0007Ada' }] }, 'input.newAuthors[0].displayName', /control characters/],
  ])('createArticle with %s', async (_what, change, argument, message) => {
    const before = await total();
    expectTypedError(await gql(CREATE, { input: { ...valid(), ...change } }), { status: 200, code: 'BAD_USER_INPUT', argument, message });
    expect(before).toBe(statedSampleCount('Unique works'));
    expect(await total()).toBe(before);
  });

  it('accepts the same input with a real language and a printable DOI of 300 characters (control)', async () => {
    const doi = `10.1234/${'c'.repeat(292)}`;
    const res = await gql(CREATE, { input: { ...valid(), language: 'fr', doi } });
    const work = expectData<{ createArticle: { work: ArticleView } }>(res).createArticle.work;
    expect(work).toMatchObject({ version: 1, language: 'fr', doi: `https://doi.org/${doi}` });
  });

  describe('an update that changes nothing', () => {
    let article: ArticleView;

    beforeAll(async () => {
      const res = await gql(CREATE, { input: { ...valid(), title: 'No-op probe', abstract: 'Stays as it is.', doi: '10.5555/noop-probe' } });
      const { id } = expectData<{ createArticle: { work: { id: string } } }>(res).createArticle.work;
      article = expectData<{ work: ArticleView }>(await gql(READ, { id })).work;
    });

    it('with only the version: answers the unchanged work, no new version, no outbox record', async () => {
      const records = await outboxRecords(article.id);
      expect(records).toBe(1); // the create's
      const res = await gql(UPDATE, { id: article.id, input: { version: 1 } });
      const { work, sync } = expectData<{ updateArticle: { work: ArticleView; sync: { store: string; state: string }[] } }>(res).updateArticle;
      expect(work).toEqual(article);
      expect(sync).toEqual([{ store: 'POSTGRES', state: 'APPLIED' }]);
      expect(expectData<{ work: ArticleView }>(await gql(READ, { id: article.id })).work).toEqual(article);
      expect(await outboxRecords(article.id)).toBe(records);
    });

    it('with every field given as it already is (blanks and case aside): the same', async () => {
      const input = { version: 1, title: ` ${article.title}\u200b`, abstract: article.abstract, doi: 'https://doi.org/10.5555/NOOP-PROBE', language: 'EN', publicationDate: article.publicationDate };
      const res = await gql(UPDATE, { id: article.id, input });
      expect(expectData<{ updateArticle: { work: ArticleView } }>(res).updateArticle.work).toEqual(article);
      expect(await outboxRecords(article.id)).toBe(1);
    });

    it('a real change still bumps the version and records it (control); the stale version is then a CONFLICT, no-op or not', async () => {
      const res = await gql(UPDATE, { id: article.id, input: { version: 1, title: 'Changed title' } });
      expect(expectData<{ updateArticle: { work: ArticleView } }>(res).updateArticle.work).toMatchObject({ version: 2, title: 'Changed title' });
      expect(await outboxRecords(article.id)).toBe(2);
      expectTypedError(await gql(UPDATE, { id: article.id, input: { version: 1 } }), { code: 'CONFLICT' });
    });
  });
});
