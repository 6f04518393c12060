import { entityGroundTruth, type Ranked } from './entityGroundTruth';
import { byteOrder } from './sampleGroundTruth';
import type { TestGateway } from './testGateway';
import { testToken } from './testTokens';

interface Connection<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

type Gateway = () => TestGateway;

/** Walks a root or nested connection to its end, `first` at a time; the nodes in order and every page's total. */
async function walk<T>(gateway: TestGateway, query: string, pick: (data: never) => Connection<T>, variables: Record<string, unknown> = {}) {
  const nodes: T[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const res = await gateway.gql(query, { ...variables, after });
    expect(res.errors).toBeUndefined();
    const connection = pick(res.data as never);
    nodes.push(...connection.edges.map((e) => e.node));
    totals.push(connection.totalCount);
    if (!connection.pageInfo.hasNextPage) return { nodes, totals };
    after = connection.pageInfo.endCursor;
  }
  throw new Error('paging did not end within 200 pages');
}

const byWorksThenId = <T extends { id: string }>(count: (e: T) => number) => (a: T, b: T) => count(b) - count(a) || byteOrder(a.id, b.id);
const ranked = (list: { works: number; author?: { id: string }; topic?: { id: string } }[]): Ranked[] =>
  list.map((r) => ({ id: (r.author ?? r.topic)?.id as string, works: r.works }));

/**
 * Topics, sources and institutions as roots, lookups by external id, `viewer`, an author's top topics and paged
 * co-authors, checked through the gateway's HTTP API against ground truth from data/sample's JSON
 * (entityGroundTruth). Run by the embedded tier (PGlite) and the integration tier (PostgreSQL + Redis).
 */
export function entityApiSuite(gateway: Gateway): void {
  const truth = entityGroundTruth();

  describe('topics, sources and institutions as roots', () => {
    const kinds = [
      { root: 'topics', one: 'topic', all: truth.topics, worksOf: truth.worksOf.topic, topAuthorsOf: truth.topAuthorsOf.topic, prefix: 'T' },
      { root: 'sources', one: 'source', all: truth.sources, worksOf: truth.worksOf.source, topAuthorsOf: truth.topAuthorsOf.source, prefix: 'S' },
      { root: 'institutions', one: 'institution', all: truth.institutions, worksOf: truth.worksOf.institution, topAuthorsOf: truth.topAuthorsOf.institution, prefix: 'I' },
    ] as const;

    it.each(kinds)('$root: every one, most loaded works first then id, paged with cursors and one total', async (kind) => {
      const expected = [...kind.all.keys()].map((id) => ({ id, n: kind.worksOf(id).length })).sort(byWorksThenId((e) => e.n));
      const { nodes, totals } = await walk<{ id: string }>(
        gateway(),
        `query($after: String) { ${kind.root}(first: 9, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
        (d: Record<string, Connection<{ id: string }>>) => d[kind.root] as Connection<{ id: string }>,
      );
      expect(nodes.map((n) => n.id)).toEqual(expected.map((e) => e.id));
      expect(new Set(totals)).toEqual(new Set([kind.all.size]));
    });

    it.each(kinds)('$one(id:) in short and URL form with its works (most cited first) and top authors', async (kind) => {
      const ids = [...kind.all.keys()].sort((a, b) => kind.worksOf(b).length - kind.worksOf(a).length || byteOrder(a, b)).slice(0, 4);
      for (const id of ids) {
        for (const form of [id, `https://openalex.org/${id.toLowerCase()}`]) {
          const res = await gateway().gql<Record<string, { id: string; works: Connection<{ id: string }> & { nodes: { id: string; citedByCount: number }[] }; topAuthors: { author: { id: string }; works: number }[] }>>(
            `query($id: ID!) { e: ${kind.one}(id: $id) { id works(first: 200) { totalCount nodes { id citedByCount } } topAuthors(first: 200) { author { id } works } } }`,
            { id: form },
          );
          expect(res.errors).toBeUndefined();
          const e = res.data?.['e'];
          expect(e?.id).toBe(id);
          expect(e?.works.totalCount).toBe(kind.worksOf(id).length);
          expect(new Set(e?.works.nodes.map((w) => w.id))).toEqual(new Set(kind.worksOf(id).map((w) => w.id)));
          const counts = e?.works.nodes.map((w) => w.citedByCount) ?? [];
          expect(counts).toEqual([...counts].sort((a, b) => b - a));
          expect(ranked(e?.topAuthors ?? [])).toEqual(kind.topAuthorsOf(id));
        }
      }
      const top3 = await gateway().gql<Record<string, { topAuthors: unknown[] }>>(`query($id: ID!) { e: ${kind.one}(id: $id) { topAuthors(first: 3) { works } } }`, { id: ids[0] });
      expect(top3.data?.['e']?.topAuthors).toHaveLength(Math.min(3, kind.topAuthorsOf(ids[0] as string).length));
      const unknown = await gateway().gql<Record<string, unknown>>(`{ e: ${kind.one}(id: "${kind.prefix}1") { id } }`);
      expect(unknown.errors).toBeUndefined();
      expect(unknown.data?.['e']).toBeNull();
    });

    it('pages an entity’s works with cursors: every work once, in order', async () => {
      const topic = [...truth.topics.keys()].sort((a, b) => truth.worksOf.topic(b).length - truth.worksOf.topic(a).length)[0] as string;
      const { nodes, totals } = await walk<{ id: string; publicationDate: string | null }>(
        gateway(),
        'query($id: ID!, $after: String) { topic(id: $id) { works(first: 7, after: $after, sort: [PUBLICATION_DATE_DESC]) { totalCount edges { cursor node { id publicationDate } } pageInfo { hasNextPage endCursor } } } }',
        (d: { topic: { works: Connection<{ id: string; publicationDate: string | null }> } }) => d.topic.works,
        { id: topic },
      );
      expect(nodes.map((n) => n.id).sort()).toEqual(truth.worksOf.topic(topic).map((w) => w.id).sort());
      const dates = nodes.map((n) => n.publicationDate ?? '0001-01-01');
      expect(dates).toEqual([...dates].sort().reverse());
      expect(new Set(totals)).toEqual(new Set([truth.worksOf.topic(topic).length]));
    });

    it('filters topics by field, subfield, domain and name; sources by type; institutions by country and type', async () => {
      const topics = [...truth.topics.values()];
      const sample = topics[0];
      if (!sample) throw new Error('the sample has no topics');
      const cases: [string, Record<string, string>, string[]][] = [
        ['topics', { field: sample.field.toUpperCase() }, topics.filter((t) => t.field === sample.field).map((t) => t.id)],
        ['topics', { subfield: sample.subfield, domain: sample.domain }, topics.filter((t) => t.subfield === sample.subfield && t.domain === sample.domain).map((t) => t.id)],
        ['topics', { nameContains: 'OIL' }, topics.filter((t) => t.displayName.toLowerCase().includes('oil')).map((t) => t.id)],
        ['sources', { type: 'Journal' }, [...truth.sources.values()].filter((s) => s.type === 'journal').map((s) => s.id)],
        ['institutions', { countryCode: 'sa' }, [...truth.institutions.values()].filter((i) => i.countryCode === 'SA').map((i) => i.id)],
        ['institutions', { type: 'company', countryCode: 'US' }, [...truth.institutions.values()].filter((i) => i.type === 'company' && i.countryCode === 'US').map((i) => i.id)],
      ];
      for (const [root, filter, expected] of cases) {
        expect(expected.length).toBeGreaterThan(0);
        const type = { topics: 'TopicFilter', sources: 'SourceFilter', institutions: 'InstitutionFilter' }[root];
        const res = await gateway().gql<Record<string, { totalCount: number; nodes: { id: string }[] }>>(
          `query($f: ${type}) { r: ${root}(filter: $f, first: 200) { totalCount nodes { id } } }`,
          { f: filter },
        );
        expect(res.errors).toBeUndefined();
        expect({ root, filter, ids: res.data?.['r']?.nodes.map((n) => n.id).sort() }).toEqual({ root, filter, ids: [...expected].sort() });
        expect(res.data?.['r']?.totalCount).toBe(expected.length);
      }
    });

    it('sorts topics by display name (case-insensitive, then id)', async () => {
      const res = await gateway().gql<{ topics: { nodes: { id: string; displayName: string }[] } }>('{ topics(sort: [DISPLAY_NAME_ASC], first: 200) { nodes { id displayName } } }');
      const expected = [...truth.topics.values()].sort((a, b) => byteOrder(a.displayName.toLowerCase(), b.displayName.toLowerCase()) || byteOrder(a.id, b.id));
      expect(res.data?.topics.nodes.map((n) => n.id)).toEqual(expected.map((t) => t.id));
    });

    it('gives a topic its trend: works published per year among its loaded works', async () => {
      const topic = [...truth.topics.keys()][0] as string;
      const res = await gateway().gql<{ topic: { trend: { points: { period: number; works: number; citations: number }[] } } }>(
        'query($id: ID!) { topic(id: $id) { trend(from: 2015, to: 2024) { points { period works citations } } } }',
        { id: topic },
      );
      expect(res.errors).toBeUndefined();
      const works = truth.worksOf.topic(topic);
      expect(res.data?.topic.trend.points).toEqual(
        Array.from({ length: 10 }, (_, i) => 2015 + i).map((year) => ({
          period: year,
          works: works.filter((w) => w.publicationYear === year).length,
          citations: works.reduce((sum, w) => sum + w.countsByYear.filter((c) => c.year === year).reduce((s, c) => s + c.cited_by_count, 0), 0),
        })),
      );
    });
  });

  describe('cursors', () => {
    it('refuses a cursor made for another list or order, or forged, as BAD_USER_INPUT on after', async () => {
      const works = await gateway().gql<{ works: { pageInfo: { endCursor: string } } }>('{ works(first: 1) { pageInfo { endCursor } } }');
      const topics = await gateway().gql<{ topics: { pageInfo: { endCursor: string } } }>('{ topics(first: 1) { pageInfo { endCursor } } }');
      const forged = Buffer.from(JSON.stringify({ s: 'coauthors', v: [2 ** 40, 'A1'] })).toString('base64url');
      const cases: [string, string | undefined][] = [
        ['query($a: String) { topics(first: 1, after: $a) { nodes { id } } }', works.data?.works.pageInfo.endCursor],
        ['query($a: String) { sources(first: 1, after: $a) { nodes { id } } }', topics.data?.topics.pageInfo.endCursor],
        ['query($a: String) { institutions(first: 1, after: $a) { nodes { id } } }', 'not a cursor'],
        ['query($a: String) { topics(sort: [DISPLAY_NAME_ASC], first: 1, after: $a) { nodes { id } } }', topics.data?.topics.pageInfo.endCursor],
        ['query($a: String) { author(id: "A5087940859") { coauthorsConnection(first: 1, after: $a) { nodes { sharedWorks } } } }', forged],
        ['query($a: String) { author(id: "A5087940859") { coauthorsConnection(first: 1, after: $a) { nodes { sharedWorks } } } }', topics.data?.topics.pageInfo.endCursor],
      ];
      for (const [query, after] of cases) {
        const res = await gateway().gql(query, { a: after });
        expect({ query, code: res.errors?.[0]?.extensions.code, argument: res.errors?.[0]?.extensions['argument'] }).toEqual({ query, code: 'BAD_USER_INPUT', argument: 'after' });
      }
    });
  });

  describe('lookups by external id', () => {
    it('work(doi:) in bare, doi: and URL form, case-insensitive', async () => {
      const works = [...truth.works.values()].filter((w) => w.doi !== null).slice(0, 20);
      for (const w of works) {
        for (const form of [w.doi as string, `doi:${(w.doi as string).toUpperCase()}`, `https://doi.org/${w.doi as string}`, `http://dx.doi.org/${w.doi as string}`]) {
          const res = await gateway().gql<{ work: { id: string } | null }>('query($d: String!) { work(doi: $d) { id } }', { d: form });
          expect({ form, id: res.data?.work?.id }).toEqual({ form, id: w.id });
        }
      }
    });

    it('work(pmid:) by digits, pmid: and PubMed URL (the smallest id of works sharing one), and Work.pmid as OpenAlex gives it', async () => {
      const byPmid = new Map<string, string[]>();
      for (const w of truth.works.values()) if (w.pmid !== null) byPmid.set(w.pmid, [...(byPmid.get(w.pmid) ?? []), w.id]);
      expect(byPmid.size).toBeGreaterThan(20);
      for (const [url, ids] of byPmid) {
        const digits = /^https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/(\d+)$/.exec(url)?.[1] as string;
        const expected = [...ids].sort(byteOrder)[0];
        for (const form of [digits, `pmid:${digits}`, url, `https://www.ncbi.nlm.nih.gov/pubmed/${digits}/`]) {
          const res = await gateway().gql<{ work: { id: string; pmid: string } | null }>('query($p: String!) { work(pmid: $p) { id pmid } }', { p: form });
          expect({ form, found: res.data?.work }).toEqual({ form, found: { id: expected, pmid: url } });
        }
      }
      const without = [...truth.works.values()].filter((w) => w.pmid === null).slice(0, 5);
      for (const w of without) expect((await gateway().gql<{ work: { pmid: string | null } }>(`{ work(id: "${w.id}") { pmid } }`)).data?.work).toEqual({ pmid: null });
    });

    it('author(orcid:) bare, lowercase x and URL form', async () => {
      const orcids = [...truth.orcids].filter(([, ids]) => ids.size === 1).slice(0, 15);
      expect(orcids.some(([orcid]) => orcid.endsWith('X'))).toBe(true);
      for (const [url, ids] of orcids) {
        const bare = url.replace('https://orcid.org/', '');
        for (const form of [bare, bare.toLowerCase(), url, `orcid:${bare}`]) {
          const res = await gateway().gql<{ author: { id: string } | null }>('query($o: String!) { author(orcid: $o) { id } }', { o: form });
          expect({ form, id: res.data?.author?.id }).toEqual({ form, id: [...ids][0] });
        }
      }
    });

    it('institution(ror:) bare, uppercase and URL form', async () => {
      const institutions = [...truth.institutions.values()].filter((i) => i.ror !== null);
      expect(institutions.length).toBeGreaterThan(100);
      for (const i of institutions) {
        const bare = (i.ror as string).replace('https://ror.org/', '');
        for (const form of [bare, bare.toUpperCase(), i.ror as string]) {
          const res = await gateway().gql<{ institution: { id: string; ror: string } | null }>('query($r: String!) { institution(ror: $r) { id ror } }', { r: form });
          expect({ form, found: res.data?.institution }).toEqual({ form, found: { id: i.id, ror: i.ror } });
        }
      }
    });

    it('source(issn:) by ISSN-L or any ISSN, with or without hyphen', async () => {
      const sources = [...truth.sources.values()];
      const issns = [...new Set(sources.flatMap((s) => [...(s.issnL ? [s.issnL] : []), ...s.issns]))];
      expect(sources.some((s) => s.issns.some((x) => x !== s.issnL))).toBe(true);
      for (const issn of issns) {
        const expected =
          sources.filter((s) => s.issnL === issn).sort((a, b) => byteOrder(a.id, b.id))[0] ?? sources.filter((s) => s.issns.includes(issn)).sort((a, b) => byteOrder(a.id, b.id))[0];
        for (const form of [issn, issn.replace('-', '').toLowerCase()]) {
          const res = await gateway().gql<{ source: { id: string } | null }>('query($i: String!) { source(issn: $i) { id } }', { i: form });
          expect({ form, id: res.data?.source?.id }).toEqual({ form, id: expected?.id });
        }
      }
    });

    it('answers null for well-formed ids nobody has', async () => {
      const res = await gateway().gql<Record<string, unknown>>(
        '{ w: work(doi: "10.5555/no-such-work") { id } p: work(pmid: "99999999") { id } a: author(orcid: "0000-0002-1825-0097") { id } i: institution(ror: "05dxps055") { id } s: source(issn: "1234-5679") { id } }',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ w: null, p: null, a: null, i: null, s: null });
    });

    it('refuses malformed external ids and anything but exactly one of id and the external id, naming the argument', async () => {
      const cases: [string, string][] = [
        ['{ work(doi: "10.1/x") { id } }', 'doi'],
        ['{ author(orcid: "0000-0002-1825-0098") { id } }', 'orcid'],
        ['{ institution(ror: "02ztp3209") { id } }', 'ror'],
        ['{ institution(ror: "https://ror.org/ozztp3208") { id } }', 'ror'],
        ['{ source(issn: "0921-4527") { id } }', 'issn'],
        ['{ source(issn: "0921-45266") { id } }', 'issn'],
        ['{ work { id } }', 'id'],
        ['{ work(id: "W1", doi: "10.1234/x") { id } }', 'id'],
        ['{ work(pmid: "PMC5001") { id } }', 'pmid'],
        ['{ work(pmid: "0") { id } }', 'pmid'],
        ['{ work(doi: "10.1234/x", pmid: "5001") { id } }', 'id'],
        ['{ author(id: "A1", orcid: "0000-0002-1825-0097") { id } }', 'id'],
        ['{ source(id: "X1") { id } }', 'id'],
      ];
      for (const [query, argument] of cases) {
        const res = await gateway().gql(query);
        expect({ query, code: res.errors?.[0]?.extensions.code, argument: res.errors?.[0]?.extensions['argument'] }).toEqual({ query, code: 'BAD_USER_INPUT', argument });
      }
    });
  });

  describe('viewer', () => {
    it('is null for an anonymous request and the token’s principal otherwise, never cached', async () => {
      expect((await gateway().gql('{ viewer { id role } }')).data).toEqual({ viewer: null });
      const editor = await gateway().gql('{ viewer { id role } }', undefined, { token: await testToken('editor', { subject: 'editor-7' }) });
      expect(editor.data).toEqual({ viewer: { id: 'editor-7', role: 'editor' } });
      const res = await fetch(gateway().url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await testToken('admin')}` },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
      expect(await res.json()).toEqual({ data: { viewer: { role: 'admin' } } });
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('is UNAUTHENTICATED for a token that is not valid', async () => {
      const res = await gateway().gql('{ viewer { id } }', undefined, { token: await testToken('editor', { secret: 'another-secret-of-at-least-thirty-two-bytes!' }) });
      expect(res.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('an author’s top topics and paged co-authors', () => {
    const authors = ['A5087940859', 'A5005897140', 'A5025636051'];

    it('ranks the topics of an author’s loaded works, most works first then id', async () => {
      for (const id of authors) {
        const res = await gateway().gql<{ author: { topTopics: { topic: { id: string }; works: number }[] } }>(
          'query($id: ID!) { author(id: $id) { topTopics(first: 200) { topic { id } works } } }',
          { id },
        );
        expect(res.errors).toBeUndefined();
        expect(ranked(res.data?.author.topTopics ?? [])).toEqual(truth.topTopicsOf(id));
      }
    });

    it('pages co-authors with cursors in the order of the coauthors list', async () => {
      for (const id of authors) {
        const { nodes, totals } = await walk<{ author: { id: string }; sharedWorks: number }>(
          gateway(),
          'query($id: ID!, $after: String) { author(id: $id) { coauthorsConnection(first: 6, after: $after) { totalCount edges { cursor node { author { id } sharedWorks } } pageInfo { hasNextPage endCursor } } } }',
          (d: { author: { coauthorsConnection: Connection<{ author: { id: string }; sharedWorks: number }> } }) => d.author.coauthorsConnection,
          { id },
        );
        const shared = new Map<string, Set<string>>();
        for (const w of truth.works.values()) {
          if (!w.authorIds.includes(id)) continue;
          for (const other of w.authorIds) if (other !== id) shared.set(other, (shared.get(other) ?? new Set()).add(w.id));
        }
        const expected = [...shared].map(([other, set]) => ({ author: { id: other }, sharedWorks: set.size })).sort((a, b) => b.sharedWorks - a.sharedWorks || byteOrder(a.author.id, b.author.id));
        expect(nodes).toEqual(expected);
        expect(new Set(totals)).toEqual(new Set([expected.length]));
        const list = await gateway().gql<{ author: { coauthors: unknown[] } }>('query($id: ID!) { author(id: $id) { coauthors(first: 200) { author { id } sharedWorks } } }', { id });
        expect(list.data?.author.coauthors).toEqual(expected.slice(0, 200));
      }
    });
  });
}
