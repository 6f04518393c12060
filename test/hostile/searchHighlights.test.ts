import type { TestGateway } from '../support/testGateway';
import { testToken } from '../support/testTokens';
import { expectData, postGraphql } from './support/hostileHttp';
import { startProductionGateway } from './support/productionGateway';

// A title holding PostgreSQL's highlight markers (U+E000, U+E001), its fragment delimiter (U+E002) and markup.
const TITLE = 'Glorbnik \uE000saltcave\uE001 <em>trapped</em> & "bright" \uE002 glorbnik/saltcave';

interface Hit {
  node: { id: string; title: string };
  highlights: { field: string; snippets: string[] }[];
}

describe('search snippets of text holding the highlight markers (production mode, PostgreSQL search)', () => {
  let gateway: TestGateway;
  let id: string;

  beforeAll(async () => {
    gateway = await startProductionGateway();
    const editor = await testToken('editor');
    const res = await postGraphql(
      gateway.url,
      { query: 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { work { id title } } }', variables: { input: { title: TITLE, publicationDate: '2024-01-01', newAuthors: [{ displayName: 'Ada Probe' }] } } },
      { authorization: `Bearer ${editor}` },
    );
    const work = expectData<{ createArticle: { work: { id: string; title: string } } }>(res).createArticle.work;
    expect(work.title).toBe(TITLE);
    id = work.id;
  });
  afterAll(() => gateway?.stop());

  const search = async (query: string) => {
    const res = await postGraphql(gateway.url, { query: 'query($q: String!) { searchWorks(query: $q, first: 5) { edges { node { id title } highlights { field snippets } } } }', variables: { q: query } });
    return expectData<{ searchWorks: { edges: Hit[] } }>(res).searchWorks.edges;
  };

  it('highlights exactly the matched words and gives the text back escaped, markers and markup as text', async () => {
    const [hit, ...others] = await search('saltcave');
    expect(others).toEqual([]);
    expect(hit?.node).toEqual({ id, title: TITLE });
    expect(hit?.highlights).toEqual([
      { field: 'title', snippets: ['Glorbnik \uE000<em>saltcave</em>\uE001 &lt;em&gt;trapped&lt;/em&gt; &amp; &quot;bright&quot; \uE002 glorbnik/<em>saltcave</em>'] },
    ]);
  });

  it('a snippet read back (tags of matches removed, entities decoded) is the title itself', async () => {
    const [hit] = await search('glorbnik saltcave');
    const snippet = hit?.highlights.find((h) => h.field === 'title')?.snippets[0] ?? '';
    expect(snippet.match(/<em>/g)).toHaveLength(4);
    const text = snippet.replace(/<\/?em>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect(text).toBe(TITLE);
  });
});
