import { type CatalogBatch, emptyBatch, type WorkWrite } from '../../datasources/writes/catalogWrite';
import type { SearchIndex } from '../../datasources/SearchIndex';

/**
 * The highlight contract of a SearchIndex: whatever a title or abstract holds — the private-use characters
 * U+E000…U+E002 (which PostgreSQL's ts_headline markers are), markup such as `<em>` itself, quotes and ampersands
 * — its snippets are the text HTML-escaped with exactly the matched terms in `<em>…</em>`, on every backend alike.
 * Expected snippets are written out here by hand, not computed with the gateway's code. Its words are made up, so
 * the work it writes (through `write`, into the index under test) matches nothing else.
 */
const TITLE = 'Zyxquaplex \uE000vorbtank\uE001 of <em>plimsalt</em> & "qwelbrine" \uE002 drumcave';
const ABSTRACT = 'Qwelbrine \uE001 held in zyxquaplex \uE000 and <b>vorbtank</b> drumcaves.';

/** The work the contract searches for. */
export function markerWork(id: string): WorkWrite {
  return {
    id,
    doi: null,
    title: TITLE,
    abstract: ABSTRACT,
    publicationYear: 2024,
    publicationDate: '2024-02-02',
    type: 'article',
    language: 'en',
    citedByCount: 0,
    isOpenAccess: false,
    sourceId: null,
    primaryTopicId: null,
    referencedWorkIds: [],
    relatedWorkIds: [],
    oaStatus: null,
    oaUrl: null,
    countsByYear: [],
    authorships: [],
    topics: [],
  };
}

export function highlightContract(name: string, index: () => SearchIndex, write: (batch: CatalogBatch) => Promise<void>, workId = 'W9900000012'): void {
  describe(`SearchIndex highlight contract: ${name}`, () => {
    beforeAll(() => write({ ...emptyBatch(), works: [markerWork(workId)] }));

    it('highlights terms next to marker characters and keeps the text, markup and markers as escaped text', async () => {
      const res = await index().search('zyxquaplex vorbtank', undefined, { first: 5, sort: [] });
      expect(res.page.edges.map((e) => e.node.workId)).toEqual([workId]);
      const highlights = Object.fromEntries(res.page.edges[0]?.node.highlights.map((h) => [h.field, h.snippets]) ?? []);
      expect(highlights['title']).toEqual(['<em>Zyxquaplex</em> \uE000<em>vorbtank</em>\uE001 of &lt;em&gt;plimsalt&lt;/em&gt; &amp; &quot;qwelbrine&quot; \uE002 drumcave']);
      // Abstracts come as fragments, whose ends each backend picks (PostgreSQL stops at the last word).
      expect(highlights['abstract']).toEqual([expect.stringContaining('Qwelbrine \uE001 held in <em>zyxquaplex</em> \uE000 and &lt;b&gt;<em>vorbtank</em>&lt;/b&gt; drumcaves')]);
    });

    it('never turns the text\'s own characters or markup into highlights', async () => {
      const res = await index().search('qwelbrine', undefined, { first: 5, sort: [] });
      const snippets = res.page.edges[0]?.node.highlights.flatMap((h) => h.snippets) ?? [];
      expect(snippets.join(' ').match(/<em>/g)).toHaveLength(2); // the title's and the abstract's qwelbrine
      for (const snippet of snippets) expect(snippet.replace(/<em>qwelbrine<\/em>/gi, '')).not.toMatch(/<(?!\/?em>)|<em>(?!qwelbrine)/i);
    });
  });
}
