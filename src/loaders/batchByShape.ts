/**
 * A DataLoader batch function for keys that carry arguments (page size, cursor, range…): keys with the same
 * shape are answered by one call of `run` with their items (ids, subjects…), results put back in key order.
 */
export function batchByShape<K, V, I = string>(
  shapeOf: (key: K) => string,
  itemOf: (key: K) => I,
  run: (items: readonly I[], sample: K) => Promise<readonly V[]>,
): (keys: readonly K[]) => Promise<V[]> {
  return async (keys) => {
    const groups = new Map<string, number[]>();
    keys.forEach((key, i) => {
      const shape = shapeOf(key);
      const group = groups.get(shape);
      if (group) group.push(i);
      else groups.set(shape, [i]);
    });
    const results = new Array<V>(keys.length);
    await Promise.all(
      [...groups.values()].map(async (indexes) => {
        const answers = await run(
          indexes.map((i) => itemOf(keys[i] as K)),
          keys[indexes[0] as number] as K,
        );
        indexes.forEach((keyIndex, n) => {
          results[keyIndex] = answers[n] as V;
        });
      }),
    );
    return results;
  };
}
