import { lastById } from '../../writes/catalogBatchRows';
import type { CatalogBatch } from '../../writes/catalogWrite';
import type { CopyTransaction } from '../CopyExecutor';
import { catalogRows, deleteChildren, mergeEntities, type CatalogTable, type RowSource } from './catalogMergeSql';
import { copyLine, copyText, textArrayLiteral } from './copyText';

/** Tables merged from staging (ON CONFLICT needs a set to merge from); children are replaced, so they are copied straight in. */
const STAGED = ['institutions', 'sources', 'topics', 'authors', 'works'] as const satisfies readonly CatalogTable[];

/** The staging table of `table`: temporary (never WAL-logged), dropped at COMMIT. Names come from the fixed table list only. */
const stagingTable = (table: CatalogTable) => `catalog_stage_${table}`;

/** Merge statements read the staged JSON documents, with the same column list as the JSON-parameter path. */
const staged: RowSource = (table, columns) => ({
  from: `${stagingTable(table)} s CROSS JOIN LATERAL jsonb_to_record(s.doc) AS x(${columns})`,
  params: [],
});

/**
 * Writes a catalog batch through COPY (the caller owns the transaction). Institutions, sources, topics, authors
 * and works are streamed as JSON documents into temporary staging tables and merged set-based with the very
 * statements of the parameterised path (INSERT … SELECT … ON CONFLICT DO UPDATE, see catalogMergeSql). The
 * batch's works then lose their bylines, topics and references (deleteChildren), and the new ones are copied
 * straight into authorships, work_topics and work_references: a replacement needs no merge, and those rows are
 * most of a batch (20 references a work).
 */
export async function copyCatalogBatch(tx: CopyTransaction, batch: CatalogBatch): Promise<void> {
  const rows = catalogRows(batch);
  for (const table of STAGED) {
    if (rows[table].length === 0) continue;
    await tx.query(`CREATE TEMPORARY TABLE ${stagingTable(table)} (doc jsonb NOT NULL) ON COMMIT DROP`);
    // JSON never holds a raw tab or newline: the document is one text field once its backslashes are doubled.
    await tx.copyIn(`COPY ${stagingTable(table)} (doc) FROM STDIN`, rows[table].map((row) => copyText(JSON.stringify(row))));
  }
  await mergeEntities(tx, rows, staged);
  await deleteChildren(tx, rows);
  const works = lastById(batch.works);
  const authorships = works.flatMap((w) =>
    w.authorships.map((a) => copyLine([w.id, a.position, a.authorId, a.rawAuthorName, a.authorPosition, textArrayLiteral(a.institutionIds)])),
  );
  const topics = works.flatMap((w) => w.topics.map((t) => copyLine([w.id, t.topicId, t.score])));
  const references = works.flatMap((w) => w.referencedWorkIds.map((cited) => copyLine([w.id, cited])));
  if (authorships.length > 0) {
    await tx.copyIn('COPY authorships (work_id, position, author_id, raw_author_name, author_position, institution_ids) FROM STDIN', authorships);
  }
  if (topics.length > 0) await tx.copyIn('COPY work_topics (work_id, topic_id, score) FROM STDIN', topics);
  if (references.length > 0) await tx.copyIn('COPY work_references (citing_id, cited_id) FROM STDIN', references);
}

