import { type BylineAuthor } from './authorPool';
import { corpusDoi, corpusWorkId, openAlexUrl } from './corpusIds';
import { type SampleWork } from './sampleRecords';

/** What makes a generated work differ from the sample record it is grown from. */
export interface WorkPlan {
  /** The work's number (1-based; its id is corpusWorkId(number)). */
  readonly number: number;
  readonly publicationYear: number;
  /** One author per byline entry of the template that names an author, in byline order. */
  readonly authors: readonly BylineAuthor[];
  /** Numbers of the generated works it cites. */
  readonly citedWorkNumbers: readonly number[];
  /** References kept from the template, outside the corpus and the sample (URL form). */
  readonly externalReferences: readonly string[];
  /** How many generated works cite it. */
  readonly citedByInCorpus: number;
  /** No `counts_by_year` entry is moved past this year. */
  readonly horizonYear: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** `date` (YYYY-MM-DD) moved to `year`, 29 February becoming the 28th in a common year; anything else unchanged. */
function movedDate(date: unknown, year: number): unknown {
  if (typeof date !== 'string') return date;
  const match = /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const day = match[1] === '02' && match[2] === '29' && !isLeapYear(year) ? '28' : match[2];
  return `${String(year).padStart(4, '0')}-${match[1]}-${day}`;
}

/** Orders OpenAlex work URLs by their numeric id, as OpenAlex lists `referenced_works`. */
function byNumericId(a: string, b: string): number {
  const x = a.slice(a.lastIndexOf('W') + 1);
  const y = b.slice(b.lastIndexOf('W') + 1);
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/**
 * The generated work: the template's record, field for field in its order and sizes (abstract, topics, primary
 * location, institutions… untouched), with
 * - a new id (`id`, `ids.openalex`, `cited_by_api_url`) and, where the template has a DOI, a DOI of its own
 *   (`doi`, `ids.doi`; the template's `mag`/`pmid`/`pmcid` ids are dropped: they name the real article);
 * - `title` and `display_name` followed by ` (number)`, so that every title is distinct;
 * - `publication_year` and `publication_date` moved to the planned year, and `counts_by_year` moved by as many
 *   years (entries past the horizon dropped, their citations taken off `cited_by_count`);
 * - `cited_by_count` raised by the citations from the corpus (the template's count stands for citations from
 *   outside it); `counts_by_year` counts only those outside citations;
 * - every byline entry that names an author naming the planned author instead, with no ORCID (a made-up person has
 *   none) and as `raw_author_name` too (it was the template author's name); `corresponding_author_ids` follow;
 * - `referenced_works` (and its count): the cited generated works and the kept external references, by id.
 * Pure: the template is not modified (unchanged nested values are shared with it).
 */
export function growWork(template: SampleWork, plan: WorkPlan): Json {
  const source = template.record;
  const id = corpusWorkId(plan.number);
  const url = openAlexUrl(id);
  const doi = source['doi'] == null ? null : corpusDoi(id);
  const shift = plan.publicationYear - template.publicationYear;
  const work: Json = { ...source };

  work['id'] = url;
  if ('doi' in source) work['doi'] = doi;
  for (const key of ['title', 'display_name']) {
    if (typeof source[key] === 'string') work[key] = `${source[key] as string} (${plan.number})`;
  }
  work['publication_year'] = plan.publicationYear;
  if ('publication_date' in source) work['publication_date'] = movedDate(source['publication_date'], plan.publicationYear);
  if (isObject(source['ids'])) {
    const ids: Json = {};
    for (const key of Object.keys(source['ids'])) {
      if (key === 'openalex') ids[key] = url;
      else if (key === 'doi' && doi !== null) ids[key] = doi;
    }
    work['ids'] = ids;
  }
  if ('cited_by_api_url' in source) work['cited_by_api_url'] = `https://api.openalex.org/works?filter=cites:${id}`;

  let dropped = 0;
  if (Array.isArray(source['counts_by_year'])) {
    work['counts_by_year'] = source['counts_by_year'].flatMap((entry: unknown) => {
      if (!isObject(entry) || typeof entry['year'] !== 'number') return [entry];
      const year = entry['year'] + shift;
      if (year <= plan.horizonYear) return [{ ...entry, year }];
      dropped += typeof entry['cited_by_count'] === 'number' ? entry['cited_by_count'] : 0;
      return [];
    });
  }
  const outside = typeof source['cited_by_count'] === 'number' ? source['cited_by_count'] : 0;
  work['cited_by_count'] = Math.max(0, outside - dropped) + plan.citedByInCorpus;

  const newAuthorUrl = new Map<string, string>();
  let next = 0;
  if (Array.isArray(source['authorships'])) {
    work['authorships'] = source['authorships'].map((entry: unknown) => {
      if (!isObject(entry) || !isObject(entry['author']) || entry['author']['id'] == null) return entry;
      const author = plan.authors[next++];
      if (author === undefined) throw new RangeError(`the plan of work ${plan.number} has fewer authors than ${template.id} has attached byline entries`);
      const authorUrl = openAlexUrl(author.id);
      if (typeof entry['author']['id'] === 'string') newAuthorUrl.set(entry['author']['id'], authorUrl);
      const replaced: Json = { ...entry, author: { ...entry['author'], id: authorUrl, display_name: author.displayName, orcid: null } };
      if ('raw_author_name' in entry) replaced['raw_author_name'] = author.displayName;
      return replaced;
    });
  }
  if (Array.isArray(source['corresponding_author_ids'])) {
    work['corresponding_author_ids'] = source['corresponding_author_ids'].flatMap((a: unknown) => {
      const mapped = typeof a === 'string' ? newAuthorUrl.get(a) : undefined;
      return mapped === undefined ? [] : [mapped];
    });
  }

  const references = [...plan.externalReferences, ...plan.citedWorkNumbers.map((n) => openAlexUrl(corpusWorkId(n)))].sort(byNumericId);
  work['referenced_works'] = references;
  if ('referenced_works_count' in source) work['referenced_works_count'] = references.length;
  return work;
}
