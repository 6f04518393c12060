import { lastById } from '../../writes/catalogBatchRows';
import type { CatalogBatch } from '../../writes/catalogWrite';
import type { SqlExecutor, SqlParam } from '../SqlExecutor';
import { foldAuthors, foldInstitutions, foldSources } from './foldCatalogRows';

/** The tables a catalog batch writes, in the order they are merged (parents before children). */
export const CATALOG_TABLES = ['institutions', 'sources', 'topics', 'authors', 'works', 'authorships', 'work_topics', 'work_references'] as const;
export type CatalogTable = (typeof CATALOG_TABLES)[number];

/**
 * The columns of `works` a write sets, in the order both writers give them: the works merge below and the direct
 * COPY of an empty-catalog load (copyCatalogBatch). The rest (version, updated_at, search_vector) take defaults.
 */
export const WORK_WRITE_COLUMNS = `id, doi, pmid, title, title_markup, abstract, publication_year, publication_date, type, language, cited_by_count,
       is_open_access, source_id, primary_topic_id, referenced_work_ids, counts_by_year, related_work_ids, oa_status, oa_url`;

/**
 * A batch as one list of JSON-ready rows per table, one row per id: a work or topic met twice is its last
 * sighting (the merge overwrites them), institutions, sources and authors are folded with the merge's own rules.
 */
export type CatalogRows = { readonly [T in CatalogTable]: readonly object[] } & { readonly workIds: readonly string[] };

/** Where a merge statement reads a table's rows from: the SQL text after FROM (ending in `AS x(columns)`), and its parameters. */
export type RowSource = (table: CatalogTable, columns: string) => { readonly from: string; readonly params: readonly SqlParam[] };

/** The rows `batch` writes, per table. Per-batch only: memory is bounded by the batch, never by the input. */
export function catalogRows(batch: CatalogBatch): CatalogRows {
  const works = lastById(batch.works);
  return {
    institutions: foldInstitutions(batch.institutions),
    sources: foldSources(batch.sources),
    topics: lastById(batch.topics),
    authors: foldAuthors(batch.authors),
    works: works.map(({ authorships: _a, topics: _t, ...work }) => work),
    authorships: works.flatMap((w) => w.authorships.map((a) => ({ workId: w.id, ...a }))),
    work_topics: works.flatMap((w) => w.topics.map((t) => ({ workId: w.id, ...t }))),
    work_references: works.flatMap((w) => w.referencedWorkIds.map((citedId) => ({ citingId: w.id, citedId }))),
    workIds: works.map((w) => w.id),
  };
}

/** Runs a merge statement over `table`'s rows (none: nothing to run). */
function runner(tx: Pick<SqlExecutor, 'query'>, rows: CatalogRows, source: RowSource) {
  return async (table: CatalogTable, columns: string, sql: (from: string) => string) => {
    if (rows[table].length === 0) return;
    const { from, params } = source(table, columns);
    await tx.query(sql(from), params);
  };
}

/**
 * Merges a batch's institutions, sources, topics, authors and works into the catalog with `tx` (the caller owns
 * the transaction), reading each table's rows from `source` — a JSON parameter (`jsonb_to_recordset`) or a
 * staging table filled by COPY: the same statements either way, so both paths write the same rows. No value is
 * ever spliced into SQL text. An existing work's `version` is incremented.
 */
export async function mergeEntities(tx: Pick<SqlExecutor, 'query'>, rows: CatalogRows, source: RowSource): Promise<void> {
  const run = runner(tx, rows, source);
  await run(
    'institutions',
    'id text, "displayName" text, ror text, "countryCode" text, type text',
    (from) => `INSERT INTO institutions (id, display_name, ror, country_code, type)
     SELECT id, "displayName", ror, "countryCode", type FROM ${from}
     ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, ror = COALESCE(EXCLUDED.ror, institutions.ror),
       country_code = COALESCE(EXCLUDED.country_code, institutions.country_code), type = COALESCE(EXCLUDED.type, institutions.type)`,
  );
  await run(
    'sources',
    'id text, "displayName" text, "issnL" text, issns jsonb, type text, "hostOrganizationName" text',
    (from) => `INSERT INTO sources (id, display_name, issn_l, issns, type, host_organization_name)
     SELECT id, "displayName", "issnL", ARRAY(SELECT jsonb_array_elements_text(issns)), type, "hostOrganizationName"
     FROM ${from}
     ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, issn_l = COALESCE(EXCLUDED.issn_l, sources.issn_l),
       issns = CASE WHEN cardinality(EXCLUDED.issns) > 0 THEN EXCLUDED.issns ELSE sources.issns END,
       type = COALESCE(EXCLUDED.type, sources.type),
       host_organization_name = COALESCE(EXCLUDED.host_organization_name, sources.host_organization_name)`,
  );
  await run(
    'topics',
    'id text, "displayName" text, subfield text, field text, domain text',
    (from) => `INSERT INTO topics (id, display_name, subfield, field, domain)
     SELECT id, "displayName", subfield, field, domain FROM ${from}
     ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, subfield = EXCLUDED.subfield,
       field = EXCLUDED.field, domain = EXCLUDED.domain`,
  );
  // A complete OpenAlex Author record overwrites; a byline sighting only fills what is unknown.
  await run(
    'authors',
    `id text, "displayName" text, orcid text, "worksCount" integer, "citedByCount" integer, "hIndex" integer,
            "institutionIds" jsonb, complete boolean`,
    (from) => `INSERT INTO authors (id, display_name, orcid, works_count, cited_by_count, h_index, institution_ids, updated_at)
     SELECT id, "displayName", orcid, "worksCount", "citedByCount", "hIndex",
       ARRAY(SELECT jsonb_array_elements_text("institutionIds")), now()
     FROM ${from}
     ON CONFLICT (id) DO UPDATE SET
       display_name = CASE WHEN EXCLUDED.works_count IS NOT NULL OR authors.works_count IS NULL THEN EXCLUDED.display_name ELSE authors.display_name END,
       orcid = COALESCE(EXCLUDED.orcid, authors.orcid),
       works_count = COALESCE(EXCLUDED.works_count, authors.works_count),
       cited_by_count = COALESCE(EXCLUDED.cited_by_count, authors.cited_by_count),
       h_index = COALESCE(EXCLUDED.h_index, authors.h_index),
       institution_ids = CASE WHEN EXCLUDED.works_count IS NOT NULL THEN EXCLUDED.institution_ids ELSE authors.institution_ids END,
       updated_at = now()`,
  );
  await run(
    'works',
    `id text, doi text, pmid text, title text, "titleMarkup" text, abstract text, "publicationYear" integer, "publicationDate" text, type text,
            language text, "citedByCount" integer, "isOpenAccess" boolean, "sourceId" text, "primaryTopicId" text,
            "referencedWorkIds" jsonb, "countsByYear" jsonb, "relatedWorkIds" jsonb, "oaStatus" text, "oaUrl" text`,
    (from) => `INSERT INTO works (${WORK_WRITE_COLUMNS}, updated_at)
     SELECT id, doi, pmid, title, "titleMarkup", abstract, "publicationYear", "publicationDate"::date, type, language, "citedByCount",
       "isOpenAccess", "sourceId", "primaryTopicId", ARRAY(SELECT jsonb_array_elements_text("referencedWorkIds")), "countsByYear",
       ARRAY(SELECT jsonb_array_elements_text("relatedWorkIds")), "oaStatus", "oaUrl", now()
     FROM ${from}
     ON CONFLICT (id) DO UPDATE SET doi = EXCLUDED.doi, pmid = EXCLUDED.pmid, title = EXCLUDED.title, title_markup = EXCLUDED.title_markup, abstract = EXCLUDED.abstract,
       publication_year = EXCLUDED.publication_year, publication_date = EXCLUDED.publication_date, type = EXCLUDED.type,
       language = EXCLUDED.language, cited_by_count = EXCLUDED.cited_by_count, is_open_access = EXCLUDED.is_open_access,
       source_id = EXCLUDED.source_id, primary_topic_id = EXCLUDED.primary_topic_id,
       referenced_work_ids = EXCLUDED.referenced_work_ids, counts_by_year = EXCLUDED.counts_by_year,
       related_work_ids = EXCLUDED.related_work_ids, oa_status = EXCLUDED.oa_status, oa_url = EXCLUDED.oa_url,
       version = works.version + 1, updated_at = now()`,
  );
}

/** Children are replaced wholesale: the batch's works lose every byline, topic and reference before theirs are inserted. */
export async function deleteChildren(tx: Pick<SqlExecutor, 'query'>, rows: CatalogRows): Promise<void> {
  if (rows.workIds.length === 0) return;
  for (const table of ['authorships', 'work_topics']) {
    await tx.query(`DELETE FROM ${table} WHERE work_id = ANY($1::text[])`, [rows.workIds]);
  }
  await tx.query('DELETE FROM work_references WHERE citing_id = ANY($1::text[])', [rows.workIds]);
}

/** Inserts the batch's authorships, work topics and references (after deleteChildren), read from `source`. */
export async function insertChildren(tx: Pick<SqlExecutor, 'query'>, rows: CatalogRows, source: RowSource): Promise<void> {
  const run = runner(tx, rows, source);
  await run(
    'authorships',
    '"workId" text, position integer, "authorId" text, "rawAuthorName" text, "authorPosition" text, "institutionIds" jsonb',
    (from) => `INSERT INTO authorships (work_id, position, author_id, raw_author_name, author_position, institution_ids)
     SELECT "workId", position, "authorId", "rawAuthorName", "authorPosition", ARRAY(SELECT jsonb_array_elements_text("institutionIds"))
     FROM ${from}`,
  );
  await run('work_topics', '"workId" text, "topicId" text, score double precision', (from) => `INSERT INTO work_topics (work_id, topic_id, score)
     SELECT "workId", "topicId", score FROM ${from}`);
  await run('work_references', '"citingId" text, "citedId" text', (from) => `INSERT INTO work_references (citing_id, cited_id)
     SELECT "citingId", "citedId" FROM ${from}`);
}
