import type DataLoader from 'dataloader';

/**
 * The record `key` names where the catalog guarantees one exists (a foreign key, an edge or hit of a projection
 * kept in step with the catalog). Null means that guarantee broke: an internal error saying `what` was missing,
 * which the client sees as INTERNAL_SERVER_ERROR and the log as its cause.
 */
export async function loadExisting<K, V>(loader: DataLoader<K, V | null>, key: K, what: string): Promise<V> {
  const record = await loader.load(key);
  if (record === null) throw new Error(`${what} is missing from the catalog`);
  return record;
}
