import type { CatalogBatch } from '../writes/catalogWrite';
import type { TopicRecord } from '../types';

/** What a work's document needs from the records around it: its institutions' countries and its topics' hierarchy. */
export interface WorkDocumentLookups {
  /** ISO 3166-1 alpha-2 code of the institution (uppercase), null when unknown or not in the batch. */
  countryOf(institutionId: string): string | null;
  topicOf(topicId: string): TopicRecord | undefined;
}

/**
 * The lookups of a catalog batch, resolved as the catalog writer resolves repeats: an institution's country is
 * the last one the batch gives (a later record without one keeps the earlier, `COALESCE`), a topic is its last
 * record. Projections are handed batches that carry the institutions and topics of their works (the seed's
 * records carry them inline; `readCatalogBatch` reads them).
 */
export function workDocumentLookups(batch: Pick<CatalogBatch, 'institutions' | 'topics'>): WorkDocumentLookups {
  const countries = new Map<string, string>();
  for (const i of batch.institutions) if (i.countryCode != null && i.countryCode !== '') countries.set(i.id, i.countryCode.toUpperCase());
  const topics = new Map(batch.topics.map((t) => [t.id, t]));
  return {
    countryOf: (id) => countries.get(id) ?? null,
    topicOf: (id) => topics.get(id),
  };
}

