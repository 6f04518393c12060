import type { WorkGroupField } from '../../datasources/workGroups';
import { entityGroundTruth } from './entityGroundTruth';
import { byteOrder, namedAuthorIds, sampleGroundTruth, type TruthWork } from './sampleGroundTruth';
import { workFilterGroundTruth } from './workFilterGroundTruth';

/**
 * Group-by counts computed from data/sample's JSON (sampleGroundTruth, workFilterGroundTruth, entityGroundTruth: JSON.parse
 * and none of the gateway's code), for the group-by contract and the API tests.
 */
export interface TruthGroup {
  key: string | null;
  count: number;
}

/** The distinct values of `field` a work has, as the filter takes them. */
export function groupValues(work: TruthWork, field: WorkGroupField): string[] {
  const extra = workFilterGroundTruth().get(work.id);
  if (extra === undefined) throw new Error(`${work.id} has no filter truth`);
  const one = (v: string | null) => (v === null ? [] : [v]);
  switch (field) {
    case 'YEAR':
      return one(work.publicationYear === null ? null : String(work.publicationYear));
    case 'TYPE':
      return one(work.type);
    case 'OPEN_ACCESS':
      return [String(work.isOpenAccess)];
    case 'TOPIC':
      return [...new Set(work.topicIds)];
    case 'FIELD':
      return extra.topicFields;
    case 'SUBFIELD':
      return extra.topicSubfields;
    case 'DOMAIN':
      return extra.topicDomains;
    case 'SOURCE':
      return one(extra.sourceId);
    case 'INSTITUTION':
      return extra.institutionIds;
    case 'AUTHOR':
      return namedAuthorIds(work);
    case 'LANGUAGE':
      return one(extra.language);
    case 'COUNTRY':
      return extra.countryCodes;
  }
}

/**
 * The groups of `works`: every distinct value with how many works have it (and, with `includeUnknown`, the works
 * with none as key null when there are any), count descending, then the unknown group before no key of its count
 * (it comes after them), then key (years as numbers, other keys in byte order); the first `first`.
 */
export function truthGroups(works: readonly TruthWork[], field: WorkGroupField, includeUnknown: boolean, first: number): TruthGroup[] {
  const counts = new Map<string, number>();
  let unknown = 0;
  for (const w of works) {
    const values = groupValues(w, field);
    if (values.length === 0) unknown++;
    for (const v of new Set(values)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const groups: TruthGroup[] = [...counts].map(([key, count]) => ({ key, count }));
  if (includeUnknown && unknown > 0) groups.push({ key: null, count: unknown });
  const keyOrder = (a: string, b: string) => (field === 'YEAR' ? Number(a) - Number(b) : byteOrder(a, b));
  groups.sort((a, b) => b.count - a.count || (a.key === null ? 1 : b.key === null ? -1 : keyOrder(a.key, b.key)));
  return groups.slice(0, first);
}

/**
 * The display name the API gives a key: the topic's name, or the key itself for the fields that have no entity;
 * undefined for sources, institutions and authors, whose names the sample gives in several records.
 */
export function truthDisplayName(field: WorkGroupField, key: string | null): string | null | undefined {
  if (key === null) return null;
  switch (field) {
    case 'TOPIC':
      return entityGroundTruth().topics.get(key)?.displayName ?? null;
    case 'SOURCE':
    case 'INSTITUTION':
    case 'AUTHOR':
      return undefined;
    default:
      return key;
  }
}

/** The sample's works. */
export const truthWorks = (): TruthWork[] => [...sampleGroundTruth().works.values()];
