import { byteOrder } from './sampleGroundTruth';
import { sampleRecords, shortId } from './sampleRecords';

/**
 * Ground truth for topics, sources and institutions and for the external ids of the shipped sample, computed straight
 * from data/sample's JSON with JSON.parse and none of the gateway's code (as sampleGroundTruth does for works).
 * A work found in several files counts once (the last file in name order wins, as in sampleGroundTruth).
 */
export interface TruthTopic {
  id: string;
  displayName: string;
  subfield: string;
  field: string;
  domain: string;
}

export interface TruthSource {
  id: string;
  type: string | null;
  issnL: string | null;
  issns: string[];
}

export interface TruthInstitution {
  id: string;
  ror: string | null;
  countryCode: string | null;
  type: string | null;
}

interface TruthEntityWork {
  id: string;
  doi: string | null;
  /** `ids.pmid` exactly as the record gives it (a PubMed URL), or null. */
  pmid: string | null;
  publicationYear: number | null;
  countsByYear: { year: number; cited_by_count: number }[];
  sourceId: string | null;
  topicIds: string[];
  /** Attached authors, each once. */
  authorIds: string[];
  /** Per attached byline entry: its author and the institutions it names. */
  entries: { authorId: string | null; institutionIds: string[] }[];
}

/** An id ranked by distinct works, most first, then id in byte order. */
export interface Ranked {
  id: string;
  works: number;
}

/** Ranks the ids of (id, workId) pairs by their distinct works. */
export function rank(pairs: Iterable<readonly [string, string]>): Ranked[] {
  const works = new Map<string, Set<string>>();
  for (const [id, workId] of pairs) works.set(id, (works.get(id) ?? new Set()).add(workId));
  return [...works].map(([id, set]) => ({ id, works: set.size })).sort((a, b) => b.works - a.works || byteOrder(a.id, b.id));
}

/* eslint-disable @typescript-eslint/no-explicit-any -- raw OpenAlex JSON */
function load() {
  const works = new Map<string, TruthEntityWork>();
  const topics = new Map<string, TruthTopic>();
  const sources = new Map<string, TruthSource>();
  const institutions = new Map<string, TruthInstitution>();
  const orcids = new Map<string, Set<string>>();
  const addInstitution = (i: any) => institutions.set(shortId(i.id), { id: shortId(i.id), ror: i.ror ?? null, countryCode: i.country_code ?? null, type: i.type ?? null });
  const addSource = (s: any) => sources.set(shortId(s.id), { id: shortId(s.id), type: s.type ?? null, issnL: s.issn_l ?? null, issns: s.issn ?? [] });
  const addOrcid = (orcid: string | null | undefined, authorId: string) => {
    if (orcid) orcids.set(orcid, (orcids.get(orcid) ?? new Set()).add(authorId));
  };
  const addWork = (w: any) => {
    const source = w.primary_location?.source ?? null;
    if (source) addSource(source);
    for (const t of [...(w.topics ?? []), ...(w.primary_topic ? [w.primary_topic] : [])]) {
      topics.set(shortId(t.id), { id: shortId(t.id), displayName: t.display_name, subfield: t.subfield.display_name, field: t.field.display_name, domain: t.domain.display_name });
    }
    const entries = (w.authorships ?? []).map((a: any) => {
      for (const i of a.institutions ?? []) addInstitution(i);
      const authorId = a.author.id === null ? null : shortId(a.author.id);
      if (authorId !== null) addOrcid(a.author.orcid, authorId);
      return { authorId, institutionIds: [...new Set<string>((a.institutions ?? []).map((i: any) => shortId(i.id)))] };
    });
    works.set(shortId(w.id), {
      id: shortId(w.id),
      doi: w.doi ? String(w.doi).replace(/^https:\/\/doi\.org\//i, '').toLowerCase() : null,
      pmid: w.ids?.pmid ? String(w.ids.pmid) : null,
      publicationYear: w.publication_year ?? null,
      countsByYear: w.counts_by_year ?? [],
      sourceId: source ? shortId(source.id) : null,
      topicIds: [...new Set<string>((w.topics ?? []).map((t: any) => shortId(t.id)))],
      authorIds: [...new Set<string>(entries.flatMap((e: { authorId: string | null }) => (e.authorId === null ? [] : [e.authorId])))],
      entries,
    });
  };
  for (const { kind, json } of sampleRecords()) {
    if (kind === 'work') addWork(json);
    else if (kind === 'institution') addInstitution(json);
    else if (kind === 'source') addSource(json);
    else if (kind === 'author') {
      addOrcid(json.orcid, shortId(json.id));
      for (const i of json.last_known_institutions ?? []) addInstitution(i);
    }
  }
  return { works, topics, sources, institutions, orcids };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

let cached: ReturnType<typeof build> | undefined;

function build() {
  const { works, topics, sources, institutions, orcids } = load();
  const all = [...works.values()];
  const ofTopic = (id: string) => all.filter((w) => w.topicIds.includes(id));
  const ofSource = (id: string) => all.filter((w) => w.sourceId === id);
  const ofInstitution = (id: string) => all.filter((w) => w.entries.some((e) => e.institutionIds.includes(id)));
  return {
    works,
    topics,
    sources,
    institutions,
    /** ORCID URL → the author ids it names. */
    orcids,
    worksOf: { topic: ofTopic, source: ofSource, institution: ofInstitution },
    topAuthorsOf: {
      topic: (id: string) => rank(ofTopic(id).flatMap((w) => w.authorIds.map((a) => [a, w.id] as const))),
      source: (id: string) => rank(ofSource(id).flatMap((w) => w.authorIds.map((a) => [a, w.id] as const))),
      institution: (id: string) =>
        rank(all.flatMap((w) => w.entries.flatMap((e) => (e.authorId !== null && e.institutionIds.includes(id) ? [[e.authorId, w.id] as const] : [])))),
    },
    topTopicsOf: (authorId: string) => rank(all.filter((w) => w.authorIds.includes(authorId)).flatMap((w) => w.topicIds.map((t) => [t, w.id] as const))),
  };
}

/** The sample's entities and what the new reads answer for them, by short id. */
export function entityGroundTruth(): ReturnType<typeof build> {
  return (cached ??= build());
}
