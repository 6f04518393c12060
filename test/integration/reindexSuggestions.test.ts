import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { suggestionIndexOf } from '../../datasources/elasticsearch/suggestionIndexMapping';
import { isTransientPgError } from '../../datasources/postgres/isTransientPgError';
import { PostgresSearchIndex } from '../../datasources/postgres/PostgresSearchIndex';
import type { SqlExecutor } from '../../datasources/postgres/SqlExecutor';
import type { SuggestionKind } from '../../datasources/SearchIndex';
import { autocompleteWords, type AutocompleteWords } from '../../datasources/shared/autocompleteWords';
import { StorePolicy } from '../../datasources/shared/StorePolicy';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { samplePaths } from '../../src/seed/samplePaths';
import { seedCatalog } from '../../src/seed/seedCatalog';
import type { Stores } from '../../src/stores';
import { type ReindexReport, reindexProjections } from '../../src/writes/reindex';
import { openStoresWithSql } from '../support/openStoresWithSql';
import { storeEndpoints } from '../support/storeEndpoints';
import { describeStore } from './support/describeStore';
import { deleteIndexFamily } from './support/elasticIndexFamily';
import { createThrowawayDatabase } from './support/throwawayDatabase';

const logger = createLogger('silent');
const SAMPLE_DIR = path.join(__dirname, '..', '..', 'data', 'sample');
const short = (url: string) => url.replace(/^https:\/\/openalex\.org\//, '').toUpperCase();

/** The sample's documents (a `.json` file is one, a `.jsonl` line is one), read with JSON.parse only. */
function sampleDocuments(dir = SAMPLE_DIR): unknown[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return sampleDocuments(full);
      if (name.endsWith('.jsonl')) return readFileSync(full, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
      return name.endsWith('.json') ? [JSON.parse(readFileSync(full, 'utf8')) as unknown] : [];
    });
}

/* eslint-disable @typescript-eslint/no-explicit-any -- raw OpenAlex JSON */
/**
 * Institutions and sources the sample knows only from their own records (the snapshot's lines): no work names them
 * — no byline's institutions, no work's primary source — and no author lists them as a last-known institution. So
 * the batches of the works never carry them: only the entity tables do.
 */
function unreachableEntities(): { institution: Map<string, string>; source: Map<string, string> } {
  const named = new Set<string>();
  const records = { institution: new Map<string, string>(), source: new Map<string, string>() };
  const addWork = (w: any) => {
    if (w.primary_location?.source?.id) named.add(short(w.primary_location.source.id));
    for (const a of w.authorships ?? []) for (const i of a.institutions ?? []) named.add(short(i.id));
  };
  for (const doc of sampleDocuments() as any[]) {
    const id = typeof doc.id === 'string' ? short(doc.id) : '';
    if (id.startsWith('W')) addWork(doc);
    else if (id.startsWith('I')) records.institution.set(id, doc.display_name);
    else if (id.startsWith('S')) records.source.set(id, doc.display_name);
    for (const i of doc.details?.last_known_institutions ?? []) named.add(short(i.id));
    for (const w of doc.works ?? doc.results ?? []) addWork(w);
  }
  for (const map of Object.values(records)) for (const id of [...map.keys()]) if (named.has(id)) map.delete(id);
  return records;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Each entity table and the suggestion kind of its rows. */
const TABLES: readonly (readonly [SuggestionKind, string])[] = [
  ['author', 'authors'],
  ['institution', 'institutions'],
  ['source', 'sources'],
  ['topic', 'topics'],
];

/**
 * `npm run reindex -- --store elasticsearch` rebuilds the entity suggestions from the entity tables themselves: after
 * seeding the sample and rebuilding, the suggestion index holds exactly one document per row of each entity table
 * (counts and ids as PostgreSQL's), including the institutions and sources that only their own snapshot records name,
 * and autocomplete answers those the same on both stores.
 */
describeStore(['postgres', 'elasticsearch'], 'reindex rebuilds every entity suggestion from the entity tables', () => {
  const index = `works_sugg_${randomBytes(6).toString('hex')}`;
  const suggestions = suggestionIndexOf(index);
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let stores: Stores;
  let sql: SqlExecutor;
  let admin: Client;
  let postgresSearch: PostgresSearchIndex;
  let report: ReindexReport | undefined;

  beforeAll(async () => {
    admin = new Client({ node: storeEndpoints.elasticsearch });
    database = await createThrowawayDatabase();
    const opened = await openStoresWithSql(
      loadConfig({ DATABASE_URL: database.url, SEED: 'none', ELASTICSEARCH_URL: storeEndpoints.elasticsearch, ELASTICSEARCH_INDEX: index, LOG_LEVEL: 'silent' }),
      logger,
    );
    stores = opened.stores;
    sql = opened.sql;
    postgresSearch = new PostgresSearchIndex(sql, new StorePolicy('postgres', isTransientPgError));
    await seedCatalog(samplePaths(), stores.catalogWriter, { projections: stores.projections });
    // The rebuild writes a new generation of both indices (the seed's suggestions go with the old one).
    [report] = await reindexProjections(stores.snapshot, stores.projections.filter((p) => p.store === 'elasticsearch'));
    await admin.indices.refresh({ index: suggestions });
  }, 240_000);

  afterAll(async () => {
    await stores?.close();
    await database?.drop();
    if (admin) await deleteIndexFamily(admin, index);
    await admin?.close();
  });

  /** The ids of the suggestion documents of `kind`, in byte order. */
  async function suggestionIds(kind: SuggestionKind): Promise<string[]> {
    const res = await admin.search<{ id: string }>({ index: suggestions, size: 10_000, query: { term: { kind } }, _source: ['id'] });
    return res.hits.hits.map((h) => h._source?.id as string).sort();
  }

  it.each(TABLES)('holds one %s suggestion per row of the table, with the same ids', async (kind, table) => {
    const [count] = await sql.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table}`);
    const ids = (await sql.query<{ id: string }>(`SELECT id FROM ${table}`)).map((r) => r.id).sort();
    expect(count?.n).toBeGreaterThan(0);
    const indexed = await suggestionIds(kind);
    expect(indexed).toHaveLength(count?.n as number);
    expect(indexed).toEqual(ids);
  });

  it('holds no document but those of the entity rows, and reports how many it wrote', async () => {
    const [row] = await sql.query<{ n: number }>(`SELECT ((SELECT count(*) FROM authors) + (SELECT count(*) FROM institutions) + (SELECT count(*) FROM sources) + (SELECT count(*) FROM topics))::integer AS n`);
    expect((await admin.count({ index: suggestions })).count).toBe(row?.n);
    expect(report?.entities).toBe(row?.n);
  });

  it.each(['institution', 'source'] as const)('suggests the %ss only their own records name, as PostgreSQL does', async (kind) => {
    const onlyOwnRecord = unreachableEntities()[kind];
    expect(onlyOwnRecord.size).toBeGreaterThan(0);
    let probed = 0;
    for (const [id, name] of [...onlyOwnRecord].sort(([a], [b]) => (a < b ? -1 : 1))) {
      // The first four letters of the name's first word, where that word is plain ASCII (both analyzers cut it alike).
      const first = name.split(/\s+/)[0] ?? '';
      if (!/^[A-Za-z]{4,}$/.test(first)) continue;
      const words = autocompleteWords(first.slice(0, 4)) as AutocompleteWords;
      const onPostgres = await postgresSearch.suggest(kind, words, 50);
      const onElasticsearch = await stores.search.suggest(kind, words, 50);
      expect({ id, ids: onPostgres.map((s) => s.id) }).toEqual({ id, ids: expect.arrayContaining([id]) });
      expect({ id, prefix: words.prefix, answer: onElasticsearch }).toEqual({ id, prefix: words.prefix, answer: onPostgres });
      probed += 1;
    }
    expect(probed).toBeGreaterThan(3);
  });
});
