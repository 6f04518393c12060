import { allowedError, allowedSeqScan } from '../../bench/explain/allowedSeqScans';
import { describeSeqScans } from '../../bench/explain/describeSeqScans';
import { type ExplainReport, explainCanonicalQueries } from '../../bench/explain/explainCanonicalQueries';
import { describeStore } from './support/describeStore';
import { createThrowawayDatabase } from './support/throwawayDatabase';

/**
 * Works in the generated corpus. The issue asks for 100,000; on the 2-core machine the seed alone then takes minutes,
 * so CI uses 20,000 (seed ≈ 25–46 s, the whole file 2–3 min with issue 15's reads, longer on a loaded machine): enough
 * that every guarded table is far past the size where PostgreSQL reads a table whole because it fits a few pages (works
 * 20,000 rows, authorships ≈ 88,000, work_references ≈ 453,000, work_topics ≈ 57,000), so a missing index shows as a
 * Seq Scan. The 100k check is `npm run bench:explain -- --works 100000` (README "Benchmarks").
 */
const WORKS = 20_000;

/**
 * Issue 14, part 6: every statement the gateway sends for the canonical queries (bench/explain/canonicalQueries.ts),
 * explained on a generated corpus in real PostgreSQL after VACUUM ANALYZE, reads works, authorships, work_references
 * and work_topics through an index. The only allowed sequential scans are listed, with their row counts, in
 * bench/explain/allowedSeqScans.ts.
 */
describeStore('postgres', 'plans of the canonical queries on a generated corpus', () => {
  let report: ExplainReport | undefined;
  let drop: (() => Promise<void>) | undefined;
  const got = (): ExplainReport => report as ExplainReport;

  beforeAll(async () => {
    const db = await createThrowawayDatabase('gateway_explain');
    drop = db.drop;
    report = await explainCanonicalQueries({ databaseUrl: db.url, works: WORKS });
  }, 300_000);
  afterAll(async () => {
    await drop?.();
  });

  it('loads the whole corpus', () => {
    expect(got().works).toBe(WORKS);
    expect(got().rows['works']).toBe(WORKS);
    expect(got().rows['work_references']).toBeGreaterThan(10 * WORKS);
  });

  it('answers every canonical query (a hub walk past the deadline excepted) and explains what each sent', () => {
    expect(got().errors.filter((e) => !allowedError(e))).toEqual([]);
    const queries = new Set(got().statements.map((s) => s.query));
    for (const name of ['work by id', 'works sorted TITLE_DESC, page 2', 'works filtered by topicId', 'author works, page 2', 'hub citedBy, page 2',
      'citations depth 3', 'search with facets', 'autocomplete', 'author trend', 'topic trend', 'co-authors, page 2']) {
      expect(queries).toContain(name);
    }
    // Issue 15's reads (bench/explain/webAppQueries.ts): each new filter field, group-by on every field three ways,
    // samples, multi-word autocomplete of every kind, the entity roots, the subgraph and the lookups.
    for (const field of ['language', 'sourceId', 'institutionId', 'countryCode', 'hasDoi', 'hasAbstract', 'hasAbstract false', 'cites', 'citedBy', 'publicationDate',
      'topicField', 'topicSubfield', 'topicDomain']) {
      expect(queries).toContain(`works filtered by ${field}, page 2`);
    }
    for (const field of ['YEAR', 'TYPE', 'OPEN_ACCESS', 'TOPIC', 'FIELD', 'SUBFIELD', 'DOMAIN', 'SOURCE', 'INSTITUTION', 'AUTHOR', 'LANGUAGE', 'COUNTRY']) {
      for (const over of ['all works', 'a search', 'a filter']) expect(queries).toContain(`group by ${field} over ${over}`);
    }
    for (const name of ['sample works', 'sample works filtered', 'autocomplete, two words', 'autocomplete authors', 'autocomplete topics',
      'autocomplete institutions', 'autocomplete sources', 'topic top authors', 'topics list, page 2', 'topics filtered by field', 'source page, page 2',
      'sources list, page 2', 'institution page, page 2', 'institutions list, page 2', 'institutions filtered by country', 'author top topics',
      'citation subgraph depth 1', 'citation subgraph depth 2', 'related and referenced works', 'work by doi', 'author by orcid', 'institution by ror',
      'source by issn']) {
      expect(queries).toContain(name);
    }
  });

  it('finds no sequential scan of works, authorships, work_references or work_topics (naming the statement and its plan)', () => {
    // On failure the message holds each offending statement, its parameters and its whole plan.
    expect(describeSeqScans(got()).join('\n\n')).toBe('');
  });

  it('allows only the hub reads and the reads of every work (bench/explain/allowedSeqScans.ts), and only because the hubs really are that large', () => {
    const allowed = got().statements.filter((s) => s.seqScans.length > 0 && allowedSeqScan(s, got()) !== undefined);
    for (const s of allowed) {
      expect(s.query).toMatch(/^(topic (works|trend|top authors)|author trend|citations depth 3|source page|group by \w+ over (all works|a filter)$|sample works$)/);
    }
    expect(got().topicWorks / WORKS).toBeGreaterThanOrEqual(0.25);
    expect(got().authorWorks / WORKS).toBeGreaterThanOrEqual(0.04);
    expect(got().sourceWorks / WORKS).toBeGreaterThanOrEqual(0.04);
  });
});
