import type { AuthorWrite } from './catalogWrite';

/**
 * One row per id, the last one seen winning — how every writer resolves a work (or institution, source, topic)
 * met twice in one batch (and what PostgreSQL needs: ON CONFLICT cannot touch a row twice in one statement).
 */
export function lastById<T extends { readonly id: string }>(rows: readonly T[]): T[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

/**
 * One author per id, as every writer merges them: a complete OpenAlex Author record beats byline sightings;
 * among sightings the first name is kept, and an ORCID seen later fills a missing one.
 */
export function mergeAuthors(authors: readonly AuthorWrite[]): AuthorWrite[] {
  const byId = new Map<string, AuthorWrite>();
  for (const author of authors) {
    const seen = byId.get(author.id);
    if (!seen || (author.complete && !seen.complete)) byId.set(author.id, author);
    else if (!seen.complete && seen.orcid === null && author.orcid !== null) byId.set(author.id, { ...seen, orcid: author.orcid });
  }
  return [...byId.values()];
}
