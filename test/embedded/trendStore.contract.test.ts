import type { CatalogBatch } from '../../datasources/writes/catalogWrite';
import { trendStoreContract } from '../contract/trendStoreContract';
import { CountingSqlExecutor } from '../support/CountingSqlExecutor';
import { namedAuthorIds, sampleGroundTruth } from '../support/sampleGroundTruth';
import { workWrite } from '../support/workWrite';
import { embeddedCatalog } from './support/embeddedCatalog';

describe('PostgresTrendStore on embedded PGlite (shipped sample)', () => {
  let counting: CountingSqlExecutor;
  const catalog = embeddedCatalog({ wrapSql: (sql) => (counting = new CountingSqlExecutor(sql)) });
  const trends = () => catalog().trends;

  it('is the PostgreSQL backend', () => {
    expect(trends().backend).toBe('postgresql');
  });

  trendStoreContract('PostgreSQL on PGlite', trends);

  it('answers 20 authors with one statement, and one statement per kind of subject', async () => {
    const authorIds = [...new Set([...sampleGroundTruth().works.values()].flatMap(namedAuthorIds))].slice(0, 20);
    expect(authorIds).toHaveLength(20);
    const range = { from: 2000, to: 2026, interval: 'YEAR' } as const;
    counting.statements.length = 0;
    const series = await trends().trends(
      authorIds.map((id) => ({ kind: 'author', id })),
      range,
    );
    expect(series).toHaveLength(20);
    expect(counting.statements).toHaveLength(1);
    counting.statements.length = 0;
    await trends().trends(
      [
        { kind: 'work', id: 'W1' },
        { kind: 'author', id: 'A1' },
        { kind: 'topic', id: 'T1' },
        { kind: 'author', id: 'A2' },
      ],
      range,
    );
    expect(counting.statements).toHaveLength(3);
  });

  it('counts a work once for an author named twice on its byline, and follows a reloaded work', async () => {
    const work = workWrite({
      id: 'W9000000001',
      title: 'Synthetic',
      publicationYear: 2019,
      publicationDate: '2019-05-01',
      type: 'article',
      language: 'en',
      citedByCount: 7,
      countsByYear: [
        { year: 2020, citedByCount: 3 },
        { year: 2021, citedByCount: 4 },
      ],
      authorships: [1, 2].map((position) => ({ position, authorPosition: null, authorId: 'A9000000001', rawAuthorName: 'Twice', institutionIds: [] })),
    });
    const author = { id: 'A9000000001', displayName: 'Twice', orcid: null, worksCount: null, citedByCount: null, hIndex: null, institutionIds: [], complete: false };
    const batch: CatalogBatch = { works: [work], authors: [author], institutions: [], sources: [], topics: [] };
    await catalog().stores.catalogWriter.upsert(batch);
    const range = { from: 2018, to: 2021, interval: 'YEAR' } as const;
    const subjects = [
      { kind: 'author', id: 'A9000000001' },
      { kind: 'work', id: 'W9000000001' },
    ] as const;
    const expected = [
      { period: 2018, works: 0, citations: 0 },
      { period: 2019, works: 1, citations: 0 },
      { period: 2020, works: 0, citations: 3 },
      { period: 2021, works: 0, citations: 4 },
    ];
    expect(await trends().trends(subjects, range)).toEqual([expected, expected]);

    await catalog().stores.catalogWriter.upsert({ ...batch, works: [{ ...work, publicationYear: 2018, countsByYear: [{ year: 2021, citedByCount: 9 }] }] });
    const moved = [
      { period: 2018, works: 1, citations: 0 },
      { period: 2019, works: 0, citations: 0 },
      { period: 2020, works: 0, citations: 0 },
      { period: 2021, works: 0, citations: 9 },
    ];
    expect(await trends().trends(subjects, range)).toEqual([moved, moved]);
  });
});
