import { createHash } from 'node:crypto';
import type { WorkFilter } from '../../datasources/types';
import { satisfies } from '../contract/searchIndexContract';
import { newFieldFilters } from '../contract/workFilterTruth';
import { byteOrder, namedAuthorIds, sampleGroundTruth, type TruthWork } from './sampleGroundTruth';
import type { TestGateway } from './testGateway';

interface WorkNode {
  id: string;
  doi: string | null;
  title: string | null;
  titleMarkup: string | null;
  abstract: string | null;
  publicationYear: number | null;
  publicationDate: string | null;
  type: string | null;
  citedByCount: number;
  isOpenAccess: boolean;
  authorships: { position: number; rawAuthorName: string; author: { id: string; displayName: string } | null }[];
  referencedWorkIds: string[];
  topics: { topic: { id: string } }[];
}

interface BylineNode {
  position: number;
  authorPosition: string | null;
  rawAuthorName: string;
  author: { id: string } | null;
  institutions: { id: string }[];
}

const BYLINE_FIELDS = 'position authorPosition rawAuthorName author { id } institutions { id }';

const asBylineNode = (a: TruthWork['authorships'][number]): BylineNode => ({
  position: a.position,
  authorPosition: a.authorPosition,
  rawAuthorName: a.rawAuthorName,
  author: a.authorId === null ? null : { id: a.authorId },
  institutions: a.institutionIds.map((id) => ({ id })),
});

interface Connection<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const WORK_FIELDS = `id doi title titleMarkup abstract publicationYear publicationDate type citedByCount isOpenAccess
  authorships { position rawAuthorName author { id displayName } } referencedWorkIds topics { topic { id } }`;

const asApi = (w: TruthWork): WorkNode => ({
  id: w.id,
  doi: w.doi,
  title: w.title,
  titleMarkup: w.titleMarkup,
  abstract: w.abstract,
  publicationYear: w.publicationYear,
  publicationDate: w.publicationDate,
  type: w.type,
  citedByCount: w.citedByCount,
  isOpenAccess: w.isOpenAccess,
  authorships: w.authorships.map((a) => ({
    position: a.position,
    rawAuthorName: a.rawAuthorName,
    author: a.authorId === null ? null : { id: a.authorId, displayName: a.displayName as string },
  })),
  referencedWorkIds: w.referencedWorkIds,
  topics: w.topicIds.map((id) => ({ topic: { id } })),
});

/** Walks a connection to the end, `pageSize` at a time; returns the nodes in order and the pages' totalCounts. */
async function walk<T>(
  gateway: TestGateway,
  field: string,
  args: string,
  selection: string,
  pageSize: number,
): Promise<{ nodes: T[]; totals: number[] }> {
  const nodes: T[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await gateway.gql<Record<string, Connection<T>>>(
      `query($after: String) { ${field}(${args} first: ${pageSize}, after: $after) { totalCount edges { cursor node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(res.errors).toBeUndefined();
    const conn = res.data?.[field] as Connection<T>;
    totals.push(conn.totalCount);
    nodes.push(...conn.edges.map((e) => e.node));
    if (!conn.pageInfo.hasNextPage) return { nodes, totals };
    expect(conn.pageInfo.endCursor).toBe(conn.edges.at(-1)?.cursor);
    after = conn.pageInfo.endCursor;
  }
  throw new Error('connection did not end within 100 pages');
}

/**
 * The read API checked against ground truth computed from the sample's JSON. Declared inside a describe of
 * the caller, which starts a gateway seeded with the sample (embedded: PGlite + LRU; integration:
 * PostgreSQL + Redis) and hands it over through `gateway()`.
 */
export function readApiSuite(gateway: () => TestGateway): void {
  const truth = sampleGroundTruth();

  it('serves every work of the sample exactly as in the source JSON: title, authors in order, references, …', async () => {
    const { nodes, totals } = await walk<WorkNode>(gateway(), 'works', 'sort: [TITLE_ASC],', WORK_FIELDS, 200);
    expect(totals.every((t) => t === truth.works.size)).toBe(true);
    expect(nodes).toHaveLength(truth.works.size);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const work of truth.works.values()) {
      const { topics, ...rest } = byId.get(work.id) ?? ({ id: `${work.id} (missing)` } as WorkNode);
      const { topics: expectedTopics, ...expected } = asApi(work);
      expect(rest).toEqual(expected);
      expect(topics?.map((t) => t.topic.id).sort()).toEqual(expectedTopics.map((t) => t.topic.id).sort());
    }
  });

  it('serves every byline entry in place: position, author position, printed name, institutions; no author where OpenAlex had none', async () => {
    // Pages of 20: each work's byline (up to 100 entries) with their institutions (up to 20) stays under the cost limit.
    const { nodes } = await walk<{ id: string; authorships: BylineNode[] }>(gateway(), 'works', 'sort: [TITLE_ASC],', `id authorships { ${BYLINE_FIELDS} }`, 20);
    const byId = new Map(nodes.map((n) => [n.id, n.authorships]));
    for (const work of truth.works.values()) expect({ id: work.id, byline: byId.get(work.id) }).toEqual({ id: work.id, byline: work.authorships.map(asBylineNode) });
    // The sample holds such names (data/sample/works/), and the API shows them with a null author.
    const unattached = nodes.flatMap((n) => n.authorships.filter((a) => a.author === null).map((a) => `${n.id}#${a.position} ${a.rawAuthorName}`));
    const expected = [...truth.works.values()].flatMap((w) => w.authorships.filter((a) => a.authorId === null).map((a) => `${w.id}#${a.position} ${a.rawAuthorName}`));
    expect(expected.length).toBeGreaterThan(0);
    expect(unattached.sort()).toEqual(expected.sort());
  });

  it('counts a work with unattached byline names for each author it names, and those names for nobody', async () => {
    const works = [...truth.works.values()];
    const withUnattached = works.filter((w) => w.authorships.some((a) => a.authorId === null));
    expect(withUnattached.length).toBeGreaterThan(0);
    for (const work of withUnattached) {
      expect(namedAuthorIds(work).length).toBeLessThan(work.authorships.length);
      for (const authorId of namedAuthorIds(work)) {
        const res = await gateway().gql<{ author: { worksCount: number; works: Connection<{ id: string }> }; works: Connection<{ id: string }> }>(
          `query($id: ID!) { author(id: $id) { worksCount works(first: 200) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }
             works(filter: { authorId: $id }, first: 200) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
          { id: authorId },
        );
        expect(res.errors).toBeUndefined();
        const expected = works.filter((w) => namedAuthorIds(w).includes(authorId)).map((w) => w.id).sort();
        const ids = (c: Connection<{ id: string }> | undefined) => ({ total: c?.totalCount, ids: c?.edges.map((e) => e.node.id).sort() });
        expect({ authorId, ...ids(res.data?.author.works) }).toEqual({ authorId, total: expected.length, ids: expected });
        expect({ authorId, ...ids(res.data?.works) }).toEqual({ authorId, total: expected.length, ids: expected });
        // A co-author known only from bylines counts the loaded works naming them.
        if (!truth.authors.has(authorId)) expect({ authorId, worksCount: res.data?.author.worksCount }).toEqual({ authorId, worksCount: expected.length });
      }
    }
  });

  it('finds a work by its id in short or URL form, case-insensitive', async () => {
    const work = [...truth.works.values()].find((w) => w.authorships.length >= 3) as TruthWork;
    for (const id of [work.id, `https://openalex.org/${work.id}`, `HTTPS://OPENALEX.ORG/${work.id.toLowerCase()}`, work.id.toLowerCase()]) {
      const res = await gateway().gql<{ work: WorkNode }>(`query($id: ID!) { work(id: $id) { ${WORK_FIELDS} } }`, { id });
      expect(res.errors).toBeUndefined();
      expect(res.data?.work.title).toBe(work.title);
      expect(res.data?.work.authorships.map((a) => a.author?.id ?? null)).toEqual(work.authorships.map((a) => a.authorId));
      expect(res.data?.work.referencedWorkIds).toEqual(work.referencedWorkIds);
    }
  });

  it('answers null for an unknown work and BAD_USER_INPUT for something that is not a work id', async () => {
    const unknown = await gateway().gql<{ work: null }>('{ work(id: "W1") { id } }');
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.work).toBeNull();
    const bad = await gateway().gql('{ work(id: "A5087940859") { id } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });

  it('refuses works(first: 500) with a clear BAD_USER_INPUT naming first and the cap', async () => {
    const res = await gateway().gql('{ works(first: 500) { totalCount } }');
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(res.errors?.[0]?.message).toMatch(/200/);
  });

  it('pages newest first with a stable id tie-break, every work exactly once', async () => {
    const { nodes } = await walk<{ id: string }>(gateway(), 'works', 'sort: [PUBLICATION_DATE_DESC],', 'id', 37);
    const expected = [...truth.works.values()]
      .sort((a, b) => byteOrder(b.publicationDate ?? '0001-01-01', a.publicationDate ?? '0001-01-01') || byteOrder(a.id, b.id))
      .map((w) => w.id);
    expect(nodes.map((n) => n.id)).toEqual(expected);
  });

  it('pages most cited first by default', async () => {
    const { nodes } = await walk<{ id: string }>(gateway(), 'works', '', 'id', 60);
    const expected = [...truth.works.values()].sort((a, b) => b.citedByCount - a.citedByCount || byteOrder(a.id, b.id)).map((w) => w.id);
    expect(nodes.map((n) => n.id)).toEqual(expected);
  });

  it('filters by year range, author, type and open access, DOI and citations, with AND/OR composition', async () => {
    const works = [...truth.works.values()];
    const authors = [...truth.authors.keys()];
    const [a1, a2] = authors as [string, string];
    const hasAuthor = (w: TruthWork, id: string) => w.authorships.some((a) => a.authorId === id);
    const withDoi = works.find((w) => w.doi !== null) as TruthWork;
    const cases: [string, (w: TruthWork) => boolean][] = [
      ['{ publicationYear: { gte: 2020, lte: 2022 } }', (w) => w.publicationYear !== null && w.publicationYear >= 2020 && w.publicationYear <= 2022],
      [`{ authorId: "https://openalex.org/${a1}" }`, (w) => hasAuthor(w, a1)],
      ['{ type: ["article"], isOpenAccess: true }', (w) => w.type === 'article' && w.isOpenAccess],
      ['{ citedByCount: { gte: 100 } }', (w) => w.citedByCount >= 100],
      [`{ or: [{ authorId: "${a1}" }, { authorId: "${a2}" }] }`, (w) => hasAuthor(w, a1) || hasAuthor(w, a2)],
      [`{ and: [{ authorId: "${a1}" }, { authorId: "${a2}" }] }`, (w) => hasAuthor(w, a1) && hasAuthor(w, a2)],
      [`{ doi: "${(withDoi.doi as string).toUpperCase()}" }`, (w) => w.id === withDoi.id],
      [`{ publicationYear: { gte: 2015 }, or: [{ isOpenAccess: true }, { citedByCount: { gte: 50 } }] }`, (w) => (w.publicationYear ?? 0) >= 2015 && (w.isOpenAccess || w.citedByCount >= 50)],
    ];
    for (const [filter, predicate] of cases) {
      const { nodes, totals } = await walk<{ id: string }>(gateway(), 'works', `filter: ${filter},`, 'id', 200);
      const expected = works.filter(predicate).map((w) => w.id).sort();
      expect({ filter, ids: nodes.map((n) => n.id).sort(), total: totals[0] }).toEqual({ filter, ids: expected, total: expected.length });
    }
  });

  it.each(newFieldFilters())('filters works by the issue-15 field(s) %s exactly as the sample JSON says, paging the whole set', async (_label, filter) => {
    const expected = [...truth.works.values()].filter((w) => satisfies(w, filter)).map((w) => w.id).sort(byteOrder);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res = await gateway().gql<{ works: Connection<{ id: string }> }>(
        'query($filter: WorkFilter, $after: String) { works(filter: $filter, first: 100, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { filter, after },
      );
      expect(res.errors).toBeUndefined();
      const conn = res.data?.works as Connection<{ id: string }>;
      expect(conn.totalCount).toBe(expected.length);
      seen.push(...conn.edges.map((e) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen.sort(byteOrder)).toEqual(expected);
  });

  it('takes URL ids and any-case codes in the new filter fields, and names a malformed one in BAD_USER_INPUT', async () => {
    const [, byUrl] = newFieldFilters().find(([label]) => label === 'institutionId') as [string, WorkFilter];
    const urlForm = { institutionId: `https://openalex.org/${byUrl.institutionId as string}`, countryCode: ['sa'], language: ['EN'] };
    const expected = [...truth.works.values()].filter((w) => satisfies(w, { ...byUrl, countryCode: ['SA'], language: ['en'] })).length;
    const ok = await gateway().gql<{ works: { totalCount: number } }>('query($f: WorkFilter) { works(filter: $f, first: 0) { totalCount } }', { f: urlForm });
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.works.totalCount).toBe(expected);
    for (const [filter, argument] of [
      ['{ publicationDate: { gte: "2021-02-30" } }', 'filter.publicationDate.gte'],
      ['{ or: [{ countryCode: ["XX"] }] }', 'filter.or[0].countryCode[0]'],
      ['{ citedBy: "A5087940859" }', 'filter.citedBy'],
      ['{ language: ["eng"] }', 'filter.language[0]'],
    ]) {
      const res = await gateway().gql(`{ works(filter: ${filter}) { totalCount } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });

  describe('sampleWorks', () => {
    /** The expected sample, recomputed here: md5 hex of `<seed>:<id>` in byte order, ties by id, over the filtered sample JSON. */
    const expectedSample = (size: number, seed: number, filter?: WorkFilter) =>
      [...truth.works.values()]
        .filter((w) => satisfies(w, filter))
        .map((w) => ({ id: w.id, key: createHash('md5').update(`${seed}:${w.id}`).digest('hex') }))
        .sort((a, b) => byteOrder(a.key, b.key) || byteOrder(a.id, b.id))
        .slice(0, size)
        .map((w) => w.id);
    const sample = (variables: Record<string, unknown>) =>
      gateway().gql<{ sampleWorks: { id: string }[] }>('query($size: Int!, $seed: Int, $filter: WorkFilter) { sampleWorks(size: $size, seed: $seed, filter: $filter) { id } }', variables);
    const post = (body: unknown) =>
      fetch(gateway().url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    it.each<[number, number, WorkFilter | undefined]>([
      [10, 42, undefined],
      [10, -7, undefined],
      [200, 0, undefined],
      [5, 2147483647, { language: ['en'], hasAbstract: true }],
      [25, 3, { or: [{ countryCode: ['SA'] }, { publicationYear: { lte: 2000 } }] }],
      [20, 9, { type: ['book-chapter-that-no-work-has'] }],
    ])('size %d, seed %d, filter %j: the works md5(seed:id) orders first, computed from the sample JSON', async (size, seed, filter) => {
      const res = await sample({ size, seed, filter });
      expect(res.errors).toBeUndefined();
      expect(res.data?.sampleWorks.map((w) => w.id)).toEqual(expectedSample(size, seed, filter));
      const again = await sample({ size, seed, filter });
      expect(again.data?.sampleWorks).toEqual(res.data?.sampleWorks);
    });

    it('is cacheable with a seed and no-store without one (whose answer is still a sample of the filtered works)', async () => {
      const seeded = await post({ query: '{ sampleWorks(size: 3, seed: 1) { id } }' });
      expect(seeded.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
      const unseeded = await post({ query: '{ sampleWorks(size: 200, filter: { hasDoi: false }) { id } }' });
      expect(unseeded.headers.get('cache-control')).toBe('no-store');
      const body = (await unseeded.json()) as { data: { sampleWorks: { id: string }[] } };
      const ids = body.data.sampleWorks.map((w) => w.id);
      expect([...ids].sort(byteOrder)).toEqual(expectedSample(200, 0, { hasDoi: false }).sort(byteOrder));
    });

    it('refuses a size outside 1–200 naming size, and a bad filter naming the field', async () => {
      for (const size of [0, 201, -1]) {
        const res = await sample({ size, seed: 1 });
        expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'size' });
      }
      const bad = await sample({ size: 3, seed: 1, filter: { countryCode: ['ZZZ'] } });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.countryCode[0]' });
    });
  });

  it('rejects a cursor it did not make, or one made for another order, naming after', async () => {
    const first = await gateway().gql<{ works: Connection<{ id: string }> }>('{ works(first: 1) { pageInfo { endCursor } } }');
    const cursor = first.data?.works.pageInfo.endCursor as string;
    for (const [args, pattern] of [
      [`after: "${cursor}", sort: [TITLE_ASC]`, /different sort order/],
      ['after: "not-a-cursor"', /not a cursor/],
    ] as const) {
      const res = await gateway().gql(`{ works(first: 1, ${args}) { totalCount } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
      expect(res.errors?.[0]?.message).toMatch(pattern);
    }
  });

  it('serves each sample author with OpenAlex counts and their loaded works', async () => {
    for (const author of truth.authors.values()) {
      const res = await gateway().gql<{
        author: { id: string; displayName: string; worksCount: number; citedByCount: number; hIndex: number; works: Connection<{ id: string }> };
      }>(`query($id: ID!) { author(id: $id) { id displayName worksCount citedByCount hIndex works(first: 200) { totalCount edges { node { id } } } } }`, {
        id: `https://openalex.org/${author.id}`,
      });
      expect(res.errors).toBeUndefined();
      const loaded = [...truth.works.values()].filter((w) => w.authorships.some((a) => a.authorId === author.id));
      const { works, ...fields } = res.data?.author ?? ({} as never);
      expect(fields).toEqual({ id: author.id, displayName: author.displayName, worksCount: author.worksCount, citedByCount: author.citedByCount, hIndex: author.hIndex });
      expect(works.totalCount).toBe(loaded.length);
      expect(works.edges.map((e) => e.node.id).sort()).toEqual(loaded.map((w) => w.id).sort());
    }
  });

  it('lists authors by name, paging without gaps or repeats', async () => {
    const { nodes, totals } = await walk<{ id: string; displayName: string }>(gateway(), 'authors', 'sort: [DISPLAY_NAME_ASC],', 'id displayName', 100);
    const everyone = new Map<string, string>();
    // Names OpenAlex could not attach to an author are nobody: they add no author.
    for (const w of truth.works.values()) for (const a of w.authorships) if (a.authorId !== null && !everyone.has(a.authorId)) everyone.set(a.authorId, a.displayName as string);
    for (const a of truth.authors.values()) everyone.set(a.id, a.displayName);
    expect(totals[0]).toBe(everyone.size);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(everyone.size);
    const names = nodes.map((n) => n.displayName.toLowerCase());
    expect(names).toEqual([...names].sort(byteOrder));
  });
}
