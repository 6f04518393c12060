import type { AuthorshipWrite, AuthorWrite, CatalogBatch, CitationsInYear, WorkWrite } from '../../datasources/writes/catalogWrite';
import type { InstitutionRecord, SourceRecord, TopicRecord } from '../../datasources/types';
import { abstractFromInvertedIndex } from './abstractFromInvertedIndex';
import { plainText } from '../core/domain/plainText';
import { normalizeDoi } from '../core/domain/doi';
import { normalizePmid } from '../core/domain/pmid';
import { readIssn } from '../core/domain/issn';
import { normalizeOrcid } from '../core/domain/orcid';
import { isOaStatus, type OaStatus } from '../core/domain/oaStatus';
import {
  arrayAt,
  idAt,
  objectAt,
  optionalCount,
  optionalDate,
  optionalNumber,
  optionalObject,
  optionalString,
  requiredString,
} from './fields';
import { InvalidRecordError } from './InvalidRecordError';
import type { OpenAlexEntity } from './openAlexInput';

/**
 * Maps one raw OpenAlex entity to what it writes to the catalog. Pure; throws InvalidRecordError naming the
 * field when the record cannot be loaded, so a malformed record is rejected whole before anything is written.
 * A byline entry OpenAlex could not attach to an author (`"author": {"id": null, …}`) is kept in its position
 * with its name (`raw_author_name`, else `author.display_name`) and institutions, naming no author.
 */
export function catalogBatchFromOpenAlex(entity: OpenAlexEntity): CatalogBatch {
  const record = objectAt(entity.record, 'record');
  switch (entity.kind) {
    case 'work':
      return workBatch(record);
    case 'author': {
      // Newer records have a list; older ones a single `last_known_institution` object (or null).
      const single = record['last_known_institution'];
      const list =
        record['last_known_institutions'] != null
          ? arrayAt(record['last_known_institutions'], 'last_known_institutions')
          : single != null
            ? [single]
            : [];
      const parsed = list.map((inst, i) => institution(objectAt(inst, `last_known_institutions[${i}]`), `last_known_institutions[${i}]`));
      const author: AuthorWrite = {
        id: idAt(record['id'], 'A', 'id'),
        displayName: requiredString(record['display_name'], 'display_name'),
        orcid: record['orcid'] == null ? null : (normalizeOrcid(record['orcid']) ?? null),
        worksCount: optionalCount(record['works_count'], 'works_count'),
        citedByCount: optionalCount(record['cited_by_count'], 'cited_by_count'),
        hIndex: optionalCount(optionalObject(record['summary_stats'], 'summary_stats')?.['h_index'], 'summary_stats.h_index'),
        institutionIds: parsed.map((i) => i.id),
        complete: true,
      };
      return { works: [], authors: [author], institutions: parsed, sources: [], topics: [] };
    }
    case 'institution':
      return { works: [], authors: [], institutions: [institution(record, 'record')], sources: [], topics: [] };
    case 'source':
      return { works: [], authors: [], institutions: [], sources: [source(record, 'record')], topics: [] };
    case 'topic':
      return { works: [], authors: [], institutions: [], sources: [], topics: [topic(record, 'record')] };
    default:
      return unsupportedEntityKind(entity.kind);
  }
}

function workBatch(record: Record<string, unknown>): CatalogBatch {
  const institutions: InstitutionRecord[] = [];
  const authors: AuthorWrite[] = [];
  const authorships = arrayAt(record['authorships'], 'authorships').map((raw, i): AuthorshipWrite => {
    const field = `authorships[${i}]`;
    const a = objectAt(raw, field);
    const person = objectAt(a['author'], `${field}.author`);
    const insts = arrayAt(a['institutions'], `${field}.institutions`).map((inst, j) =>
      institution(objectAt(inst, `${field}.institutions[${j}]`), `${field}.institutions[${j}]`),
    );
    institutions.push(...insts);
    const author = bylineAuthor(person, `${field}.author`);
    if (author) authors.push(author);
    const rawAuthorName = nonBlank(optionalString(a['raw_author_name'], `${field}.raw_author_name`)) ?? author?.displayName ?? unattachedName(person, field);
    return {
      position: i + 1,
      authorPosition: optionalString(a['author_position'], `${field}.author_position`, 20),
      authorId: author?.id ?? null,
      rawAuthorName,
      institutionIds: [...new Set(insts.map((inst) => inst.id))],
    };
  });

  const topics: TopicRecord[] = [];
  const workTopics = arrayAt(record['topics'], 'topics').map((raw, i) => {
    const t = topic(objectAt(raw, `topics[${i}]`), `topics[${i}]`);
    topics.push(t);
    return { topicId: t.id, score: optionalNumber(objectAt(raw, `topics[${i}]`)['score'], `topics[${i}].score`) ?? 0 };
  });
  const primaryTopicRaw = optionalObject(record['primary_topic'], 'primary_topic');
  const primaryTopic = primaryTopicRaw ? topic(primaryTopicRaw, 'primary_topic') : null;
  if (primaryTopic) topics.push(primaryTopic);

  const location = optionalObject(record['primary_location'], 'primary_location');
  const sourceRaw = optionalObject(location?.['source'], 'primary_location.source');
  const workSource = sourceRaw ? source(sourceRaw, 'primary_location.source') : null;

  const countsByYear: CitationsInYear[] = arrayAt(record['counts_by_year'], 'counts_by_year').map((raw, i) => {
    const c = objectAt(raw, `counts_by_year[${i}]`);
    const year = optionalCount(c['year'], `counts_by_year[${i}].year`);
    if (year === null) throw new InvalidRecordError(`counts_by_year[${i}].year is missing`);
    return { year, citedByCount: optionalCount(c['cited_by_count'], `counts_by_year[${i}].cited_by_count`) ?? 0 };
  });

  const openAccess = optionalObject(record['open_access'], 'open_access');
  const bestLocation = optionalObject(record['best_oa_location'], 'best_oa_location');
  const titleMarkup = optionalString(record['title'] ?? record['display_name'], 'title');
  const work: WorkWrite = {
    id: idAt(record['id'], 'W', 'id'),
    doi: record['doi'] == null ? null : (normalizeDoi(record['doi']) ?? null),
    // A PMID in a form this gateway does not read is dropped rather than rejecting the work.
    pmid: normalizePmid(optionalObject(record['ids'], 'ids')?.['pmid']) ?? null,
    // Stored, indexed and served as plain text; the raw title is kept for those who render OpenAlex's markup.
    title: plainText(titleMarkup),
    titleMarkup,
    abstract: plainText(abstractFromInvertedIndex(record['abstract_inverted_index'])),
    publicationYear: optionalCount(record['publication_year'], 'publication_year'),
    publicationDate: optionalDate(record['publication_date'], 'publication_date'),
    type: optionalString(record['type'], 'type', 100),
    language: optionalString(record['language'], 'language', 20),
    citedByCount: optionalCount(record['cited_by_count'], 'cited_by_count') ?? 0,
    isOpenAccess: openAccess?.['is_oa'] === true,
    // A status this gateway does not know yet is stored as unknown rather than rejecting the work.
    oaStatus: oaStatusOf(optionalString(openAccess?.['oa_status'], 'open_access.oa_status', 100)),
    oaUrl:
      optionalString(openAccess?.['oa_url'], 'open_access.oa_url') ??
      optionalString(bestLocation?.['pdf_url'], 'best_oa_location.pdf_url') ??
      optionalString(bestLocation?.['landing_page_url'], 'best_oa_location.landing_page_url'),
    sourceId: workSource?.id ?? null,
    primaryTopicId: primaryTopic?.id ?? null,
    referencedWorkIds: [...new Set(arrayAt(record['referenced_works'], 'referenced_works').map((id, i) => idAt(id, 'W', `referenced_works[${i}]`)))],
    relatedWorkIds: [...new Set(arrayAt(record['related_works'], 'related_works').map((id, i) => idAt(id, 'W', `related_works[${i}]`)))],
    countsByYear,
    authorships,
    topics: dedupeBy(workTopics, (t) => t.topicId),
  };
  return { works: [work], authors, institutions, sources: workSource ? [workSource] : [], topics };
}

function oaStatusOf(value: string | null): OaStatus | null {
  return isOaStatus(value) ? value : null;
}

/**
 * The author a byline entry names, seen only in a byline (so incomplete), or null when OpenAlex could not attach
 * the name to an author: it publishes such entries with `"id": null` (a missing `id` is malformed, as is an id
 * that is not an A… id).
 */
function bylineAuthor(person: Record<string, unknown>, field: string): AuthorWrite | null {
  if ('id' in person && person['id'] === null) return null;
  return {
    id: idAt(person['id'], 'A', `${field}.id`),
    displayName: requiredString(person['display_name'], `${field}.display_name`),
    orcid: person['orcid'] == null ? null : (normalizeOrcid(person['orcid']) ?? null),
    worksCount: null,
    citedByCount: null,
    hIndex: null,
    institutionIds: [],
    complete: false,
  };
}

/** The name of an unattached byline entry without `raw_author_name`: its `author.display_name`, which it must have. */
function unattachedName(person: Record<string, unknown>, field: string): string {
  const name = nonBlank(optionalString(person['display_name'], `${field}.author.display_name`));
  if (name === null) throw new InvalidRecordError(`${field} has no author id and no name (raw_author_name, author.display_name)`);
  return name;
}

function nonBlank(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value;
}

function institution(r: Record<string, unknown>, field: string): InstitutionRecord {
  return {
    id: idAt(r['id'], 'I', `${field}.id`),
    displayName: requiredString(r['display_name'], `${field}.display_name`),
    ror: optionalString(r['ror'], `${field}.ror`, 200),
    countryCode: optionalString(r['country_code'], `${field}.country_code`, 10),
    type: optionalString(r['type'], `${field}.type`, 100),
  };
}

function source(r: Record<string, unknown>, field: string): SourceRecord {
  return {
    id: idAt(r['id'], 'S', `${field}.id`),
    displayName: requiredString(r['display_name'], `${field}.display_name`),
    issnL: optionalString(r['issn_l'], `${field}.issn_l`, 20),
    issns: issnsAt(r['issn'], `${field}.issn`),
    type: optionalString(r['type'], `${field}.type`, 100),
    hostOrganizationName: optionalString(r['host_organization_name'], `${field}.host_organization_name`, 1000),
  };
}

/** OpenAlex `issn` (a list, or null): each ISSN as OpenAlex prints it (hyphenated, capital X); one that is no ISSN is dropped. */
function issnsAt(value: unknown, field: string): string[] {
  if (value == null) return [];
  const issns = arrayAt(value, field).flatMap((raw, i) => {
    const text = optionalString(raw, `${field}[${i}]`, 20);
    const reading = text === null ? null : readIssn(text);
    return reading !== null && 'issn' in reading ? [reading.issn] : [];
  });
  return [...new Set(issns)];
}

function topic(r: Record<string, unknown>, field: string): TopicRecord {
  const name = (key: string) => optionalString(optionalObject(r[key], `${field}.${key}`)?.['display_name'], `${field}.${key}.display_name`, 1000);
  return {
    id: idAt(r['id'], 'T', `${field}.id`),
    displayName: requiredString(r['display_name'], `${field}.display_name`),
    subfield: name('subfield'),
    field: name('field'),
    domain: name('domain'),
  };
}

function dedupeBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

function unsupportedEntityKind(value: never): never {
  throw new InvalidRecordError(`unsupported entity kind ${String(value)}`);
}
