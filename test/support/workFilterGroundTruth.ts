import { sampleRecords, shortId } from './sampleRecords';

/**
 * The sample's works with what the extra WorkFilter fields read, computed straight from data/sample's JSON with
 * JSON.parse and none of the gateway's code (as sampleGroundTruth and entityGroundTruth do). A work found in
 * several files counts once (the last file in name order wins); an institution's country is the last non-null one
 * any record gives (the sample never disagrees with itself).
 */
export interface TruthFilterWork {
  id: string;
  language: string | null;
  sourceId: string | null;
  /** Distinct institutions of every byline entry (entries naming no author included). */
  institutionIds: string[];
  /** Distinct uppercase country codes of those institutions. */
  countryCodes: string[];
  hasDoi: boolean;
  /** The abstract rebuilt from `abstract_inverted_index` has at least one word. */
  hasAbstract: boolean;
  /** `referenced_works`, short ids, loaded here or not. */
  referencedWorkIds: string[];
  publicationDate: string | null;
  /** Display names of the work's `topics`' field, subfield and domain, distinct. */
  topicFields: string[];
  topicSubfields: string[];
  topicDomains: string[];
  /** `ids.pmid` as digits, or null. */
  pmid: string | null;
}

const distinct = (values: string[]) => [...new Set(values)];

/* eslint-disable @typescript-eslint/no-explicit-any -- raw OpenAlex JSON */
function load(): Map<string, TruthFilterWork> {
  const raw = new Map<string, any>();
  const countries = new Map<string, string>();
  const addInstitution = (i: any) => {
    if (i.country_code) countries.set(shortId(i.id), String(i.country_code).toUpperCase());
  };
  const addWork = (w: any) => {
    raw.set(shortId(w.id), w);
    for (const a of w.authorships ?? []) for (const i of a.institutions ?? []) addInstitution(i);
  };
  for (const { kind, json } of sampleRecords()) {
    if (kind === 'work') addWork(json);
    else if (kind === 'institution') addInstitution(json);
    else if (kind === 'author') for (const i of json.last_known_institutions ?? []) addInstitution(i);
  }
  const works = new Map<string, TruthFilterWork>();
  for (const [id, w] of raw) {
    const institutionIds = distinct((w.authorships ?? []).flatMap((a: any) => (a.institutions ?? []).map((i: any) => shortId(i.id))));
    const topics: any[] = w.topics ?? [];
    const pmid = w.ids?.pmid ? String(w.ids.pmid).replace(/^https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\//, '') : null;
    works.set(id, {
      id,
      language: w.language ?? null,
      sourceId: w.primary_location?.source ? shortId(w.primary_location.source.id) : null,
      institutionIds,
      countryCodes: distinct(institutionIds.flatMap((i) => countries.get(i) ?? [])),
      hasDoi: Boolean(w.doi),
      hasAbstract: w.abstract_inverted_index != null && Object.values(w.abstract_inverted_index).some((p: any) => p.length > 0),
      referencedWorkIds: (w.referenced_works ?? []).map(shortId),
      publicationDate: w.publication_date ?? null,
      topicFields: distinct(topics.map((t) => t.field.display_name)),
      topicSubfields: distinct(topics.map((t) => t.subfield.display_name)),
      topicDomains: distinct(topics.map((t) => t.domain.display_name)),
      pmid,
    });
  }
  return works;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

let cached: Map<string, TruthFilterWork> | undefined;

/** The sample's works by short id, with the values the extra WorkFilter fields and the search document read. */
export function workFilterGroundTruth(): Map<string, TruthFilterWork> {
  return (cached ??= load());
}
