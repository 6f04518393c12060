import { lastById } from '../../writes/catalogBatchRows';
import type { CatalogBatch, WorkWrite } from '../../writes/catalogWrite';
import type { CopyTransaction } from '../CopyExecutor';
import { catalogRows, deleteChildren, mergeEntities, WORK_WRITE_COLUMNS, type CatalogTable, type RowSource } from './catalogMergeSql';
import { copyLine, copyText, textArrayLiteral } from './copyText';

/** Tables merged from staging (ON CONFLICT needs a set to merge from); children are replaced, so they are copied straight in. */
const STAGED = ['institutions', 'sources', 'topics', 'authors', 'works'] as const satisfies readonly CatalogTable[];

export interface CopyBatchOptions {
  /**
   * The catalog was empty when the load began (a bulk load): a batch none of whose works is stored yet copies them
   * straight into works instead of staging and merging them (the rows are the same as the merge's: version 1,
   * updated_at now()). A batch with a work stored already (met in an earlier batch) takes the merge.
   */
  readonly worksMayBeNew?: boolean;
}

/** A work as a COPY line of WORK_WRITE_COLUMNS, in their order: the values the works merge statement would insert. */
export function workLine(w: WorkWrite): string {
  return copyLine([
    w.id,
    w.doi,
    w.pmid ?? null,
    w.title,
    w.titleMarkup ?? null,
    w.abstract,
    w.publicationYear,
    w.publicationDate,
    w.type,
    w.language,
    w.citedByCount,
    w.isOpenAccess ? 't' : 'f',
    w.sourceId,
    w.primaryTopicId,
    textArrayLiteral(w.referencedWorkIds),
    JSON.stringify(w.countsByYear),
    textArrayLiteral(w.relatedWorkIds),
    w.oaStatus,
    w.oaUrl,
  ]);
}

/** True if any of `ids` is a stored work (read through the primary key). */
async function anyWorkExists(tx: CopyTransaction, ids: readonly string[]): Promise<boolean> {
  const [row] = await tx.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM works WHERE id = ANY($1::text[])) AS any', [ids]);
  return row?.any !== false;
}

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
 * most of a batch (20 references a work). With `worksMayBeNew`, a batch of works none of which is stored yet copies
 * them straight into works and deletes no children (they have none).
 */
export async function copyCatalogBatch(tx: CopyTransaction, batch: CatalogBatch, options: CopyBatchOptions = {}): Promise<void> {
  const all = catalogRows(batch);
  const fresh = options.worksMayBeNew === true && all.workIds.length > 0 && !(await anyWorkExists(tx, all.workIds));
  // Fresh works need no merge and have no children to lose: they are copied straight into works below.
  const rows = fresh ? { ...all, works: [], workIds: [] } : all;
  for (const table of STAGED) {
    if (rows[table].length === 0) continue;
    await tx.query(`CREATE TEMPORARY TABLE ${stagingTable(table)} (doc jsonb NOT NULL) ON COMMIT DROP`);
    // JSON never holds a raw tab or newline: the document is one text field once its backslashes are doubled.
    await tx.copyIn(`COPY ${stagingTable(table)} (doc) FROM STDIN`, rows[table].map((row) => copyText(JSON.stringify(row))));
  }
  await mergeEntities(tx, rows, staged);
  await deleteChildren(tx, rows);
  const works = lastById(batch.works);
  if (fresh) await tx.copyIn(`COPY works (${WORK_WRITE_COLUMNS}) FROM STDIN`, works.map(workLine));
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

