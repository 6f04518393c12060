import type { Client } from '@elastic/elasticsearch';
import { familyPatterns } from '../../../datasources/elasticsearch/indexGenerations';
import { suggestionIndexOf } from '../../../datasources/elasticsearch/suggestionIndexMapping';

/**
 * The concrete indices a gateway configured with ELASTICSEARCH_INDEX=`name` holds: its works and suggestion aliases'
 * generations (`<name>_v<N>`, `<name>_suggestions_v<N>`), leftovers included, and legacy indices of the names
 * themselves. Sorted.
 */
export async function indexFamily(es: Client, name: string): Promise<string[]> {
  const res = await es.indices.get({ index: [name, suggestionIndexOf(name)].flatMap(familyPatterns), ignore_unavailable: true, allow_no_indices: true, features: 'aliases' });
  return Object.keys(res).sort();
}

/** Deletes every index of `indexFamily` (Elasticsearch refuses to delete through an alias, or by wildcard). */
export async function deleteIndexFamily(es: Client, name: string): Promise<void> {
  const indices = await indexFamily(es, name);
  if (indices.length > 0) await es.indices.delete({ index: indices, ignore_unavailable: true });
}
