import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { byteOrder } from './sampleGroundTruth';

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

const SAMPLE_DIR = path.join(__dirname, '..', '..', 'data', 'sample');
const short = (url: string) => url.replace(/^https:\/\/openalex\.org\//, '').toUpperCase();

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return files(full);
      return name.endsWith('.json') || name.endsWith('.jsonl') ? [full] : [];
    });
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
  const addInstitution = (i: any) => institutions.set(short(i.id), { id: short(i.id), ror: i.ror ?? null, countryCode: i.country_code ?? null, type: i.type ?? null });
  const addSource = (s: any) => sources.set(short(s.id), { id: short(s.id), type: s.type ?? null, issnL: s.issn_l ?? null, issns: s.issn ?? [] });
  const addOrcid = (orcid: string | null | undefined, authorId: string) => {
    if (orcid) orcids.set(orcid, (orcids.get(orcid) ?? new Set()).add(authorId));
  };
  const addWork = (w: any) => {
    const source = w.primary_location?.source ?? null;
    if (source) addSource(source);
    for (const t of [...(w.topics ?? []), ...(w.primary_topic ? [w.primary_topic] : [])]) {
      topics.set(short(t.id), { id: short(t.id), displayName: t.display_name, subfield: t.subfield.display_name, field: t.field.display_name, domain: t.domain.display_name });
    }
    const entries = (w.authorships ?? []).map((a: any) => {
      for (const i of a.institutions ?? []) addInstitution(i);
      const authorId = a.author.id === null ? null : short(a.author.id);
      if (authorId !== null) addOrcid(a.author.orcid, authorId);
      return { authorId, institutionIds: [...new Set<string>((a.institutions ?? []).map((i: any) => short(i.id)))] };
    });
    works.set(short(w.id), {
      id: short(w.id),
      doi: w.doi ? String(w.doi).replace(/^https:\/\/doi\.org\//i, '').toLowerCase() : null,
      pmid: w.ids?.pmid ? String(w.ids.pmid) : null,
      publicationYear: w.publication_year ?? null,
      countsByYear: w.counts_by_year ?? [],
      sourceId: source ? short(source.id) : null,
      topicIds: [...new Set<string>((w.topics ?? []).map((t: any) => short(t.id)))],
      authorIds: [...new Set<string>(entries.flatMap((e: { authorId: string | null }) => (e.authorId === null ? [] : [e.authorId])))],
      entries,
    });
  };
  for (const file of files(SAMPLE_DIR)) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.jsonl')) {
      for (const r of text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as any)) {
        const id = short(String(r.id));
        if (id.startsWith('W')) addWork(r);
        else if (id.startsWith('I')) addInstitution(r);
        else if (id.startsWith('S')) addSource(r);
      }
      continue;
    }
    const doc = JSON.parse(text) as any;
    if (doc.details) {
      addOrcid(doc.details.orcid, short(doc.details.id));
      for (const i of doc.details.last_known_institutions ?? []) addInstitution(i);
    }
    for (const w of doc.works ?? doc.results ?? []) addWork(w);
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
