import { lastById, mergeAuthors } from '../../writes/catalogBatchRows';
import type { CatalogBatch } from '../../writes/catalogWrite';
import type { SqlExecutor } from '../SqlExecutor';

/**
 * Upserts a catalog batch with `tx` (the caller owns the transaction). Rows travel as one JSON parameter per
 * table (`jsonb_to_recordset`), so a batch of any size is a fixed number of statements and no value is ever
 * spliced into SQL text. A work's authorships, topics and references are replaced wholesale; an existing
 * work's `version` is incremented.
 */
export async function upsertCatalogBatch(tx: Pick<SqlExecutor, 'query'>, batch: CatalogBatch): Promise<void> {
  const works = lastById(batch.works);
  const authors = mergeAuthors(batch.authors);
  const workIds = works.map((w) => w.id);
  const json = (rows: readonly object[]) => JSON.stringify(rows);
  await tx.query(
    `INSERT INTO institutions (id, display_name, ror, country_code, type)
     SELECT id, "displayName", ror, "countryCode", type FROM jsonb_to_recordset($1::jsonb)
       AS x(id text, "displayName" text, ror text, "countryCode" text, type text)
     ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, ror = COALESCE(EXCLUDED.ror, institutions.ror),
       country_code = COALESCE(EXCLUDED.country_code, institutions.country_code), type = COALESCE(EXCLUDED.type, institutions.type)`,
    [json(lastById(batch.institutions))],
  );
  await tx.query(
    `INSERT INTO sources (id, display_name, issn_l, issns, type, host_organization_name)
     SELECT id, "displayName", "issnL", ARRAY(SELECT jsonb_array_elements_text(issns)), type, "hostOrganizationName"
     FROM jsonb_to_recordset($1::jsonb)
       AS x(id text, "displayName" text, "issnL" text, issns jsonb, type text, "hostOrganizationName" text)
     ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, issn_l = COALESCE(EXCLUDED.issn_l, sources.issn_l),
       issns = CASE WHEN cardinality(EXCLUDED.issns) > 0 THEN EXCLUDED.issns ELSE sources.issns END,
       type = COALESCE(EXCLUDED.type, sources.type),
       host_organization_name = COALESCE(EXCLUDED.host_organization_name, sources.host_organization_name)`,
    [json(lastById(batch.sources))],
  );
  await tx.query(
    `INSERT INTO topics (id, display_name, subfield, field, domain)
     SELECT id, "displayName", subfield, field, domain FROM jsonb_to_recordset($1::jsonb)
       AS x(id text, "displayName" text, subfield text, field text, domain text)
     ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, subfield = EXCLUDED.subfield,
       field = EXCLUDED.field, domain = EXCLUDED.domain`,
    [json(lastById(batch.topics))],
  );
  // A complete OpenAlex Author record overwrites; a byline sighting only fills what is unknown.
  await tx.query(
    `INSERT INTO authors (id, display_name, orcid, works_count, cited_by_count, h_index, institution_ids, updated_at)
     SELECT id, "displayName", orcid, "worksCount", "citedByCount", "hIndex",
       ARRAY(SELECT jsonb_array_elements_text("institutionIds")), now()
     FROM jsonb_to_recordset($1::jsonb)
       AS x(id text, "displayName" text, orcid text, "worksCount" integer, "citedByCount" integer, "hIndex" integer,
            "institutionIds" jsonb, complete boolean)
     ON CONFLICT (id) DO UPDATE SET
       display_name = CASE WHEN EXCLUDED.works_count IS NOT NULL OR authors.works_count IS NULL THEN EXCLUDED.display_name ELSE authors.display_name END,
       orcid = COALESCE(EXCLUDED.orcid, authors.orcid),
       works_count = COALESCE(EXCLUDED.works_count, authors.works_count),
       cited_by_count = COALESCE(EXCLUDED.cited_by_count, authors.cited_by_count),
       h_index = COALESCE(EXCLUDED.h_index, authors.h_index),
       institution_ids = CASE WHEN EXCLUDED.works_count IS NOT NULL THEN EXCLUDED.institution_ids ELSE authors.institution_ids END,
       updated_at = now()`,
    [json(authors)],
  );
  await tx.query(
    `INSERT INTO works (id, doi, title, title_markup, abstract, publication_year, publication_date, type, language, cited_by_count,
       is_open_access, source_id, primary_topic_id, referenced_work_ids, counts_by_year, related_work_ids, oa_status, oa_url, updated_at)
     SELECT id, doi, title, "titleMarkup", abstract, "publicationYear", "publicationDate"::date, type, language, "citedByCount",
       "isOpenAccess", "sourceId", "primaryTopicId", ARRAY(SELECT jsonb_array_elements_text("referencedWorkIds")), "countsByYear",
       ARRAY(SELECT jsonb_array_elements_text("relatedWorkIds")), "oaStatus", "oaUrl", now()
     FROM jsonb_to_recordset($1::jsonb)
       AS x(id text, doi text, title text, "titleMarkup" text, abstract text, "publicationYear" integer, "publicationDate" text, type text,
            language text, "citedByCount" integer, "isOpenAccess" boolean, "sourceId" text, "primaryTopicId" text,
            "referencedWorkIds" jsonb, "countsByYear" jsonb, "relatedWorkIds" jsonb, "oaStatus" text, "oaUrl" text)
     ON CONFLICT (id) DO UPDATE SET doi = EXCLUDED.doi, title = EXCLUDED.title, title_markup = EXCLUDED.title_markup, abstract = EXCLUDED.abstract,
       publication_year = EXCLUDED.publication_year, publication_date = EXCLUDED.publication_date, type = EXCLUDED.type,
       language = EXCLUDED.language, cited_by_count = EXCLUDED.cited_by_count, is_open_access = EXCLUDED.is_open_access,
       source_id = EXCLUDED.source_id, primary_topic_id = EXCLUDED.primary_topic_id,
       referenced_work_ids = EXCLUDED.referenced_work_ids, counts_by_year = EXCLUDED.counts_by_year,
       related_work_ids = EXCLUDED.related_work_ids, oa_status = EXCLUDED.oa_status, oa_url = EXCLUDED.oa_url,
       version = works.version + 1, updated_at = now()`,
    [json(works.map(({ authorships: _a, topics: _t, ...work }) => work))],
  );
  // Children are replaced wholesale: a reloaded work keeps no stale byline, topic or reference.
  for (const table of ['authorships', 'work_topics']) {
    await tx.query(`DELETE FROM ${table} WHERE work_id = ANY($1::text[])`, [workIds]);
  }
  await tx.query('DELETE FROM work_references WHERE citing_id = ANY($1::text[])', [workIds]);
  await tx.query(
    `INSERT INTO authorships (work_id, position, author_id, raw_author_name, author_position, institution_ids)
     SELECT "workId", position, "authorId", "rawAuthorName", "authorPosition", ARRAY(SELECT jsonb_array_elements_text("institutionIds"))
     FROM jsonb_to_recordset($1::jsonb)
       AS x("workId" text, position integer, "authorId" text, "rawAuthorName" text, "authorPosition" text, "institutionIds" jsonb)`,
    [json(works.flatMap((w) => w.authorships.map((a) => ({ workId: w.id, ...a }))))],
  );
  await tx.query(
    `INSERT INTO work_topics (work_id, topic_id, score)
     SELECT "workId", "topicId", score FROM jsonb_to_recordset($1::jsonb) AS x("workId" text, "topicId" text, score double precision)`,
    [json(works.flatMap((w) => w.topics.map((t) => ({ workId: w.id, ...t }))))],
  );
  await tx.query(
    `INSERT INTO work_references (citing_id, cited_id)
     SELECT "citingId", "citedId" FROM jsonb_to_recordset($1::jsonb) AS x("citingId" text, "citedId" text)`,
    [json(works.flatMap((w) => w.referencedWorkIds.map((citedId) => ({ citingId: w.id, citedId }))))],
  );
}
