import { lastById, mergeAuthors } from '../writes/catalogBatchRows';
import type { AuthorWrite, CatalogBatch, WorkWrite } from '../writes/catalogWrite';

/** The properties of a loaded (:Work) node. */
export type WorkRow = Pick<WorkWrite, 'id' | 'title' | 'publicationDate' | 'citedByCount'>;

/** What an (:Author) node is set from. */
export type AuthorRow = Pick<AuthorWrite, 'id' | 'displayName' | 'complete'>;

export interface CitesRow {
  readonly citingId: string;
  readonly citedId: string;
  readonly position: number;
}

export interface AuthoredRow {
  readonly workId: string;
  readonly authorId: string;
  readonly position: number;
}

/** The rows of one or more batches, ready to be written in one transaction. */
export interface GraphRows {
  readonly works: WorkRow[];
  readonly authors: AuthorRow[];
  readonly cites: CitesRow[];
  readonly authored: AuthoredRow[];
  /** Every author an AUTHORED edge of any version of the works pointed at (see Neo4jBulkRows). */
  readonly authorIds: string[];
}

/** The rows of one batch as the live path writes them: last work wins, authors merged as every writer merges them. */
export function graphRowsOf(batch: CatalogBatch): GraphRows {
  const works = lastById(batch.works);
  const authored = works.flatMap(authoredOf);
  return {
    works: works.map(workRow),
    authors: mergeAuthors(batch.authors).map(authorRow),
    cites: works.flatMap(citesOf),
    authored,
    authorIds: [...new Set(authored.map((a) => a.authorId))],
  };
}

/**
 * Bulk applies gathered for one larger transaction, folded so that writing them at once leaves the graph exactly as
 * applying them one after another (the live path, one transaction per batch) does:
 * - a work met again replaces its earlier version (a reload drops the earlier references and bylines; a stub only the
 *   earlier version cited would have gone with its last edge, so it is never created);
 * - authors fold across batches the way APPLY_CYPHER.authors updates a stored node — a complete record sets the name,
 *   a byline sighting sets it unless the author is already complete — while within one batch `mergeAuthors` rules
 *   (first sighting kept), as on the live path;
 * - an author node that an earlier version's AUTHORED edge created stays (the live path drops the edge, not the node),
 *   so every author id any version named is kept for a stub MERGE.
 */
export class Neo4jBulkRows {
  private works = new Map<string, WorkWrite>();
  private authors = new Map<string, AuthorRow>();
  private authorIds = new Set<string>();

  /** Works and authors gathered. */
  get size(): number {
    return this.works.size + this.authors.size;
  }

  add(batch: CatalogBatch): void {
    const rows = graphRowsOf(batch);
    for (const work of lastById(batch.works)) {
      this.works.delete(work.id); // re-inserted last: the order of first-time loads is kept, a reload moves to the end
      this.works.set(work.id, work);
    }
    for (const author of rows.authors) {
      const stored = this.authors.get(author.id);
      this.authors.set(author.id, stored === undefined ? author : foldAuthor(stored, author));
    }
    for (const id of rows.authorIds) this.authorIds.add(id);
  }

  /** The folded rows, and an empty buffer. */
  take(): GraphRows {
    const works = [...this.works.values()];
    const authored = works.flatMap(authoredOf);
    const rows: GraphRows = {
      works: works.map(workRow),
      authors: [...this.authors.values()],
      cites: works.flatMap(citesOf),
      authored,
      authorIds: [...this.authorIds],
    };
    this.clear();
    return rows;
  }

  clear(): void {
    this.works = new Map();
    this.authors = new Map();
    this.authorIds = new Set();
  }
}

/** `next` applied over `stored` as APPLY_CYPHER.authors applies a row over a node. */
export function foldAuthor(stored: AuthorRow, next: AuthorRow): AuthorRow {
  if (!next.complete && stored.complete) return stored;
  return { id: next.id, displayName: next.displayName, complete: next.complete || stored.complete };
}

function workRow(w: WorkWrite): WorkRow {
  return { id: w.id, title: w.title, publicationDate: w.publicationDate, citedByCount: w.citedByCount };
}

function authorRow(a: AuthorWrite): AuthorRow {
  return { id: a.id, displayName: a.displayName, complete: a.complete };
}

/** CITES edges of a work: each referenced id once, at the 1-based position of its first mention. */
function citesOf(work: WorkWrite): CitesRow[] {
  const seen = new Set<string>();
  const out: CitesRow[] = [];
  work.referencedWorkIds.forEach((citedId, i) => {
    if (seen.has(citedId)) return;
    seen.add(citedId);
    out.push({ citingId: work.id, citedId, position: i + 1 });
  });
  return out;
}

/** AUTHORED edges of a work: one per byline entry that names an author (unattached names have none). */
function authoredOf(work: WorkWrite): AuthoredRow[] {
  return work.authorships.flatMap((a) => (a.authorId === null ? [] : [{ workId: work.id, authorId: a.authorId, position: a.position }]));
}
