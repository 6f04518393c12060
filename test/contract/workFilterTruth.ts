import type { WorkFilter } from '../../datasources/types';
import { byteOrder, sampleGroundTruth } from '../support/sampleGroundTruth';
import { type TruthFilterWork, workFilterGroundTruth } from '../support/workFilterGroundTruth';

/**
 * The issue-15 WorkFilter fields over ground truth (data/sample's JSON, never the gateway's output), as
 * `workFilterSql` and `workFilterQuery` state them, and a set of filters that exercises each field on the sample —
 * alone and combined with `and`/`or` — for the search contract and the works-list tests on both backends.
 */
const extra = workFilterGroundTruth();
const loaded = new Set(sampleGroundTruth().works.keys());

const has = (list: readonly string[], value: string) => list.includes(value);

/** Whether work `id` satisfies the issue-15 fields of `f` (the other fields are the caller's). */
export function satisfiesNewFields(id: string, f: WorkFilter): boolean {
  const w = extra.get(id) as TruthFilterWork;
  if (f.language != null && (w.language === null || !f.language.includes(w.language))) return false;
  if (f.sourceId != null && w.sourceId !== f.sourceId) return false;
  if (f.institutionId != null && !has(w.institutionIds, f.institutionId)) return false;
  if (f.countryCode != null && !w.countryCodes.some((c) => f.countryCode?.includes(c))) return false;
  if (f.hasDoi != null && w.hasDoi !== f.hasDoi) return false;
  if (f.hasAbstract != null && w.hasAbstract !== f.hasAbstract) return false;
  if (f.cites != null && !has(w.referencedWorkIds, f.cites)) return false;
  if (f.citedBy != null) {
    const citing = extra.get(f.citedBy);
    if (!citing || !loaded.has(f.citedBy) || !has(citing.referencedWorkIds, id)) return false;
  }
  const date = f.publicationDate;
  if (date?.gte != null && (w.publicationDate === null || w.publicationDate < date.gte)) return false;
  if (date?.lte != null && (w.publicationDate === null || w.publicationDate > date.lte)) return false;
  if (f.topicField != null && !has(w.topicFields, f.topicField)) return false;
  if (f.topicSubfield != null && !has(w.topicSubfields, f.topicSubfield)) return false;
  if (f.topicDomain != null && !has(w.topicDomains, f.topicDomain)) return false;
  return true;
}

function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || byteOrder(a[0], b[0]))[0]?.[0] as string;
}

/** Filters on every issue-15 field with values the sample holds (and some it does not), alone and combined. */
export function newFieldFilters(): [string, WorkFilter][] {
  const all = [...extra.values()];
  const source = mostFrequent(all.flatMap((w) => (w.sourceId ? [w.sourceId] : [])));
  const institution = mostFrequent(all.flatMap((w) => w.institutionIds));
  const countries = [...new Set(all.flatMap((w) => w.countryCodes))].sort(byteOrder);
  const country = mostFrequent(all.flatMap((w) => w.countryCodes));
  const rareCountry = countries.find((c) => all.filter((w) => w.countryCodes.includes(c)).length === 1) as string;
  const cited = mostFrequent(all.flatMap((w) => w.referencedWorkIds));
  const citedLoaded = mostFrequent(all.flatMap((w) => w.referencedWorkIds.filter((r) => loaded.has(r))));
  // The loaded work citing the most loaded works.
  const citing = [...all].sort((a, b) => b.referencedWorkIds.filter((r) => loaded.has(r)).length - a.referencedWorkIds.filter((r) => loaded.has(r)).length || byteOrder(a.id, b.id))[0]?.id as string;
  const dates = all.flatMap((w) => (w.publicationDate ? [w.publicationDate] : [])).sort(byteOrder);
  const midDate = dates[Math.floor(dates.length / 2)] as string;
  const field = mostFrequent(all.flatMap((w) => w.topicFields));
  const subfield = mostFrequent(all.flatMap((w) => w.topicSubfields));
  const domains = [...new Set(all.flatMap((w) => w.topicDomains))].sort(byteOrder);
  const domain = mostFrequent(all.flatMap((w) => w.topicDomains));
  return [
    ['language en', { language: ['en'] }],
    ['language fr (none)', { language: ['fr'] }],
    ['language en or fr', { language: ['fr', 'en'] }],
    ['language empty list', { language: [] }],
    ['sourceId', { sourceId: source }],
    ['institutionId', { institutionId: institution }],
    ['countryCode', { countryCode: [country] }],
    ['countryCode, two', { countryCode: [rareCountry, country] }],
    ['countryCode empty list', { countryCode: [] }],
    ['hasDoi true', { hasDoi: true }],
    ['hasDoi false', { hasDoi: false }],
    ['hasAbstract true', { hasAbstract: true }],
    ['hasAbstract false', { hasAbstract: false }],
    ['cites (a work not necessarily loaded)', { cites: cited }],
    ['cites a loaded work', { cites: citedLoaded }],
    ['citedBy', { citedBy: citing }],
    ['citedBy a work not loaded', { citedBy: all.flatMap((w) => w.referencedWorkIds).find((r) => !loaded.has(r)) as string }],
    ['publicationDate range', { publicationDate: { gte: dates[0] as string, lte: midDate } }],
    ['publicationDate gte', { publicationDate: { gte: midDate } }],
    ['publicationDate lte, one day', { publicationDate: { gte: midDate, lte: midDate } }],
    ['topicField', { topicField: field }],
    ['topicSubfield', { topicSubfield: subfield }],
    ['topicDomain', { topicDomain: domain }],
    ['topicDomain, another', { topicDomain: domains.find((d) => d !== domain) as string }],
    ['topicField, case differs (exact: none)', { topicField: field.toUpperCase() }],
    ['and/or of new fields', { and: [{ topicDomain: domain }], or: [{ countryCode: [country] }, { hasAbstract: false }] }],
    ['or across old and new', { or: [{ citedBy: citing }, { cites: cited, isOpenAccess: true }, { institutionId: institution }] }],
    ['nested and within or', { hasDoi: true, or: [{ and: [{ language: ['en'] }, { publicationDate: { lte: midDate } }] }, { sourceId: source }] }],
  ];
}
