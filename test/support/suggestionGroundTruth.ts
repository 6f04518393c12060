import { byteOrder, sampleGroundTruth } from './sampleGroundTruth';
import { sampleRecords, shortId } from './sampleRecords';

/**
 * Ground truth for autocomplete, computed from data/sample's JSON with JSON.parse and none of the gateway's code:
 * every name each entity is given anywhere in the sample (bylines, dehydrated topics, sources and institutions,
 * Author records, the snapshot's records), an author's OpenAlex `cited_by_count` from its Author record, and the
 * words of a name (lowercased runs of letters, marks and digits).
 */
export type TruthKind = 'author' | 'topic' | 'institution' | 'source';

export interface TruthNamed {
  id: string;
  /** Every distinct display name the sample gives the entity (one, unless the sample disagrees with itself). */
  names: Set<string>;
  /** The Author record's name, which the catalog keeps over byline sightings. */
  recordName?: string;
  /** An author's Author-record `cited_by_count`; 0 without one (and for other kinds). */
  popularity: number;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- raw OpenAlex JSON */
function load(): Record<TruthKind, Map<string, TruthNamed>> {
  const kinds: Record<TruthKind, Map<string, TruthNamed>> = { author: new Map(), topic: new Map(), institution: new Map(), source: new Map() };
  const add = (kind: TruthKind, rawId: string, name: string | null | undefined) => {
    if (!name) return;
    const id = shortId(rawId);
    const entry = kinds[kind].get(id) ?? { id, names: new Set<string>(), popularity: 0 };
    entry.names.add(name);
    kinds[kind].set(id, entry);
  };
  const addWork = (w: any) => {
    const source = w.primary_location?.source;
    if (source) add('source', source.id, source.display_name);
    for (const t of [...(w.topics ?? []), ...(w.primary_topic ? [w.primary_topic] : [])]) add('topic', t.id, t.display_name);
    for (const a of w.authorships ?? []) {
      if (a.author?.id) add('author', a.author.id, a.author.display_name);
      for (const i of a.institutions ?? []) add('institution', i.id, i.display_name);
    }
  };
  for (const { kind, json } of sampleRecords()) {
    if (kind === 'work') addWork(json);
    else if (kind === 'institution' || kind === 'source') add(kind, json.id, json.display_name);
    else if (kind === 'author') {
      add('author', json.id, json.display_name);
      const entry = kinds.author.get(shortId(json.id)) as TruthNamed;
      entry.recordName = json.display_name;
      entry.popularity = json.cited_by_count ?? 0;
      for (const i of json.last_known_institutions ?? []) add('institution', i.id, i.display_name);
    }
  }
  return kinds;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

let cached: Record<TruthKind, Map<string, TruthNamed>> | undefined;

/** The sample's named entities per kind, by short id. */
export function suggestionGroundTruth(): Record<TruthKind, Map<string, TruthNamed>> {
  return (cached ??= load());
}

/** A name's words as the truth reads them: lowercased runs of letters, marks and digits. */
export const truthWords = (name: string) => name.toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).filter((w) => w.length > 0);

/** Whether `name` holds every word of `whole` and a word starting with `prefix`. */
export function truthMatches(name: string, whole: readonly string[], prefix: string): boolean {
  const words = truthWords(name);
  return whole.every((w) => words.includes(w)) && words.some((w) => w.startsWith(prefix));
}

/** A name's tie-break key: A–Z lowercased, compared in byte order. */
export const nameKey = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Works (with a title) as suggestions: id, title, cited-by count. */
export function truthTitles(): { id: string; name: string; popularity: number }[] {
  return [...sampleGroundTruth().works.values()].flatMap((w) => (w.title === null ? [] : [{ id: w.id, name: w.title, popularity: w.citedByCount }]));
}

/** Ranked by popularity, then name key in byte order, then id in byte order. */
export function ranked<T extends { id: string; name: string; popularity: number }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => b.popularity - a.popularity || byteOrder(nameKey(a.name), nameKey(b.name)) || byteOrder(a.id, b.id));
}
