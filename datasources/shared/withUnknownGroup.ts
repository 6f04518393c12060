import type { WorkGroupRecord } from '../workGroups';

/**
 * The groups of known values (already in order: count descending, then key) with the unknown group (key null)
 * placed by its count after every known group of the same count, cut to `first`. The unknown group is left out
 * when it counts no work. Both SearchIndex backends finish a group-by with it, so they order the unknown alike.
 */
export function withUnknownGroup(known: readonly WorkGroupRecord[], unknownCount: number | undefined, first: number): WorkGroupRecord[] {
  const groups = known.slice(0, first);
  if (unknownCount === undefined || unknownCount <= 0) return groups;
  const at = groups.findIndex((g) => g.count < unknownCount);
  groups.splice(at === -1 ? groups.length : at, 0, { key: null, count: unknownCount });
  return groups.slice(0, first);
}
