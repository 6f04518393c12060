import type { AuthorWrite } from '../../writes/catalogWrite';
import type { InstitutionRecord, SourceRecord } from '../../types';

/**
 * One row per id, folding a batch's sightings of an entity in order with the very rules the merge statements
 * apply to a row already stored (catalogMergeSql's ON CONFLICT clauses). A batch of any size therefore writes
 * what the same records upserted one at a time would: the result never depends on where batches begin and end.
 */
function foldById<T extends { readonly id: string }>(rows: readonly T[], fold: (stored: T, incoming: T) => T): T[] {
  const byId = new Map<string, T>();
  for (const row of rows) {
    const stored = byId.get(row.id);
    byId.set(row.id, stored === undefined ? row : fold(stored, row));
  }
  return [...byId.values()];
}

export const foldInstitutions = (rows: readonly InstitutionRecord[]): InstitutionRecord[] =>
  foldById(rows, (stored, incoming) => ({
    ...incoming,
    ror: incoming.ror ?? stored.ror,
    countryCode: incoming.countryCode ?? stored.countryCode,
    type: incoming.type ?? stored.type,
  }));

export const foldSources = (rows: readonly SourceRecord[]): SourceRecord[] =>
  foldById(rows, (stored, incoming) => ({
    ...incoming,
    issnL: incoming.issnL ?? stored.issnL,
    issns: incoming.issns.length > 0 ? incoming.issns : stored.issns,
    type: incoming.type ?? stored.type,
    hostOrganizationName: incoming.hostOrganizationName ?? stored.hostOrganizationName,
  }));

/** A complete record's counts and institutions overwrite; a byline sighting only fills what is unknown. */
export const foldAuthors = (rows: readonly AuthorWrite[]): AuthorWrite[] =>
  foldById(rows, (stored, incoming) => ({
    id: incoming.id,
    displayName: incoming.worksCount !== null || stored.worksCount === null ? incoming.displayName : stored.displayName,
    orcid: incoming.orcid ?? stored.orcid,
    worksCount: incoming.worksCount ?? stored.worksCount,
    citedByCount: incoming.citedByCount ?? stored.citedByCount,
    hIndex: incoming.hIndex ?? stored.hIndex,
    institutionIds: incoming.worksCount !== null ? incoming.institutionIds : stored.institutionIds,
    complete: incoming.complete || stored.complete,
  }));
