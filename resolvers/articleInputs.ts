import type { ArticleFields, ArticlePatch, BylineEntry } from '../datasources/writes/articleWrite';
import { readDisplayText } from '../src/core/domain/displayText';
import { readDoi } from '../src/core/domain/doi';
import { isIso639_1 } from '../src/core/domain/iso639_1';
import { mintId } from '../src/core/domain/mintedId';
import { type OpenAlexPrefix, toShortId } from '../src/core/domain/openAlexId';
import { hasValidOrcidChecksum, normalizeOrcid } from '../src/core/domain/orcid';
import { BadUserInputError, type InputProblem } from '../src/core/errors';
import type { CreateArticleInput, NewAuthorInput, UpdateArticleInput } from '../src/generated/graphql';

/** Limits of article inputs (also stated in schema/article.graphql). */
export const ARTICLE_LIMITS = {
  titleLength: 1_000,
  abstractLength: 20_000,
  authorNameLength: 300,
  authors: 100,
  references: 2_000,
  topics: 10,
  firstYear: 1500,
} as const;

/**
 * The validated fields of a new article, with new authors given minted ids. Every problem is reported at once,
 * each naming its field (`input.doi`, `input.newAuthors[1].orcid`); ids of other entities are checked for
 * existence later, in the write's transaction.
 */
export function parseCreateArticleInput(input: CreateArticleInput, today: Date = new Date()): ArticleFields {
  const p = new Problems();
  const fields: ArticleFields = {
    title: p.title(input.title),
    abstract: p.abstract(input.abstract),
    publicationDate: p.date(input.publicationDate, today),
    doi: p.doi(input.doi),
    byline: p.byline(input.authorIds, input.newAuthors),
    referencedWorkIds: p.ids('input.referencedWorkIds', input.referencedWorkIds ?? [], 'W', ARTICLE_LIMITS.references),
    topicIds: p.ids('input.topicIds', input.topicIds ?? [], 'T', ARTICLE_LIMITS.topics),
    isOpenAccess: input.isOpenAccess ?? false,
    language: p.language(input.language),
  };
  p.throwIfAny();
  return fields;
}

/** The validated version and patch of an update: only the fields present in `input` are in the patch. */
export function parseUpdateArticleInput(input: UpdateArticleInput, today: Date = new Date()): { version: number; patch: ArticlePatch } {
  const p = new Problems();
  const has = (key: keyof UpdateArticleInput) => Object.prototype.hasOwnProperty.call(input, key) && input[key] !== undefined;
  const patch: { -readonly [K in keyof ArticleFields]?: ArticleFields[K] } = {};
  if (!Number.isInteger(input.version) || input.version < 1) p.add('input.version', 'must be a version number (1 or more) read from Work.version');
  if (has('title')) patch.title = p.title(input.title);
  if (has('abstract')) patch.abstract = p.abstract(input.abstract);
  if (has('publicationDate')) patch.publicationDate = p.date(input.publicationDate, today);
  if (has('doi')) patch.doi = p.doi(input.doi);
  // Either list replaces the whole byline: a byline is one ordered list, never patched piecemeal.
  if (has('authorIds') || has('newAuthors')) patch.byline = p.byline(input.authorIds, input.newAuthors);
  if (has('referencedWorkIds')) patch.referencedWorkIds = p.ids('input.referencedWorkIds', input.referencedWorkIds ?? [], 'W', ARTICLE_LIMITS.references);
  if (has('topicIds')) patch.topicIds = p.ids('input.topicIds', input.topicIds ?? [], 'T', ARTICLE_LIMITS.topics);
  if (has('isOpenAccess')) {
    if (input.isOpenAccess === null) p.add('input.isOpenAccess', 'cannot be null');
    else patch.isOpenAccess = input.isOpenAccess as boolean;
  }
  if (has('language')) patch.language = p.language(input.language);
  p.throwIfAny();
  return { version: input.version, patch };
}

/** Collects problems while normalising each field (a field with a problem yields a placeholder never written). */
class Problems {
  private readonly list: InputProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw BadUserInputError.of(this.list);
  }

  title(value: string | null | undefined): string {
    const title = this.text('input.title', value, ARTICLE_LIMITS.titleLength);
    if (title === null) this.add('input.title', 'is required and cannot be empty');
    return title ?? '';
  }

  abstract(value: string | null | undefined): string | null {
    return this.text('input.abstract', value, ARTICLE_LIMITS.abstractLength, { lines: true });
  }

  date(value: string | null | undefined, today: Date): string {
    const field = 'input.publicationDate';
    if (value == null) {
      this.add(field, 'is required');
      return '';
    }
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    const lastYear = today.getUTCFullYear() + 1;
    if (!match) this.add(field, `must be an ISO date YYYY-MM-DD (got "${value}")`);
    else {
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) this.add(field, `${value} is not a calendar day`);
      else if (year < ARTICLE_LIMITS.firstYear || year > lastYear) this.add(field, `year must be between ${ARTICLE_LIMITS.firstYear} and ${lastYear} (got ${year})`);
    }
    return value.trim();
  }

  doi(value: string | null | undefined): string | null {
    if (value == null || value.trim() === '') return null;
    const reading = readDoi(value);
    if ('doi' in reading) return reading.doi;
    this.add('input.doi', `${reading.problem}: a DOI is bare (10.1234/abc), doi:10.1234/abc or https://doi.org/10.1234/abc (got ${quoted(value)})`);
    return null;
  }

  language(value: string | null | undefined): string | null {
    if (value == null || value.trim() === '') return null;
    const language = value.trim().toLowerCase();
    if (!/^[a-z]{2}$/.test(language)) this.add('input.language', `must be an ISO 639-1 code of two letters such as en (got ${quoted(value)})`);
    else if (!isIso639_1(language)) this.add('input.language', `${language} is not an ISO 639-1 language code (two letters such as en, fr, zh)`);
    return language;
  }

  byline(authorIds: readonly string[] | null | undefined, newAuthors: readonly NewAuthorInput[] | null | undefined): BylineEntry[] {
    const existing = this.ids('input.authorIds', authorIds ?? [], 'A', ARTICLE_LIMITS.authors).map((authorId): BylineEntry => ({ kind: 'existing', authorId }));
    const created = (newAuthors ?? []).map((author, i): BylineEntry => this.newAuthor(author, `input.newAuthors[${i}]`));
    const byline = [...existing, ...created];
    const given = (authorIds ?? []).length + (newAuthors ?? []).length;
    if (given === 0) this.add('input.authorIds', 'an article needs at least one author (authorIds or newAuthors)');
    else if (byline.length > ARTICLE_LIMITS.authors) this.add('input.newAuthors', `at most ${ARTICLE_LIMITS.authors} authors in all (got ${byline.length})`);
    return byline;
  }

  ids(field: string, values: readonly string[], prefix: OpenAlexPrefix, max: number): string[] {
    if (values.length > max) {
      this.add(field, `at most ${max} ids (got ${values.length})`);
      return [];
    }
    const ids: string[] = [];
    values.forEach((value, i) => {
      const id = toShortId(value, prefix);
      if (id === undefined) this.add(`${field}[${i}]`, `must be an id such as ${prefix}123 (got "${value}")`);
      else if (ids.includes(id)) this.add(`${field}[${i}]`, `${id} is listed twice`);
      else ids.push(id);
    });
    return ids;
  }

  private newAuthor(author: NewAuthorInput, path: string): BylineEntry {
    const displayName = this.text(`${path}.displayName`, author.displayName, ARTICLE_LIMITS.authorNameLength);
    if (displayName === null) this.add(`${path}.displayName`, 'is required and cannot be empty');
    let orcid: string | null = null;
    if (author.orcid != null && author.orcid.trim() !== '') {
      orcid = normalizeOrcid(author.orcid) ?? null;
      if (orcid === null) this.add(`${path}.orcid`, `must be an ORCID such as 0000-0002-1825-0097 (got "${author.orcid}")`);
      else if (!hasValidOrcidChecksum(orcid)) this.add(`${path}.orcid`, `${orcid} has a wrong check digit`);
    }
    return { kind: 'new', authorId: mintId('A'), displayName: displayName ?? '', orcid };
  }

  /**
   * Display text (src/core/domain/displayText.ts): invisible characters at the ends dropped, `null` when absent or showing
   * nothing (blanks, zero-width spaces); control characters (`lines`: but tab and line breaks), a NUL or an unpaired
   * surrogate, or more than `max` characters, are problems.
   */
  private text(field: string, value: string | null | undefined, max: number, options: { lines?: boolean } = {}): string | null {
    if (value == null) return null;
    const reading = readDisplayText(value, options);
    if ('problem' in reading) {
      this.add(field, reading.problem);
      return value; // a placeholder, never written
    }
    const length = reading.text === null ? 0 : [...reading.text].length;
    if (length > max) this.add(field, `at most ${max} characters (got ${length})`);
    return reading.text;
  }
}

/** A value for a message: JSON-quoted (control characters visible as escapes), cut at 80 characters. */
function quoted(value: string): string {
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 80)}…` : json;
}
