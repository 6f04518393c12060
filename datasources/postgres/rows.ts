import { isOaStatus } from '../../src/core/domain/oaStatus';
import type {
  AuthorRecord,
  AuthorshipRecord,
  InstitutionRecord,
  SourceRecord,
  TopicRecord,
  WorkRecord,
  WorkSummary,
  WorkTopicRecord,
} from '../types';

/** Row shapes as PostgreSQL returns them, and their mapping to the store-neutral records. */
export interface WorkRow extends WorkSummaryRow {
  abstract: string | null;
  /** Comma-joined (idListSql). */
  referenced_work_ids: string | null;
  /** Comma-joined (idListSql). */
  related_work_ids: string | null;
}

/** A work row of a list page (WORK_SUMMARY_COLUMNS). */
export interface WorkSummaryRow {
  id: string;
  doi: string | null;
  title: string | null;
  pmid?: string | null;
  title_markup?: string | null;
  publication_year: number | null;
  publication_date: string | null;
  type: string | null;
  language: string | null;
  cited_by_count: number;
  is_open_access: boolean;
  source_id: string | null;
  primary_topic_id: string | null;
  oa_status: string | null;
  oa_url: string | null;
  version: number;
}

/** The ids of a comma-joined id list (idListSql); none for an empty or null one. */
export function idsFromList(list: string | null): string[] {
  return list ? list.split(',') : [];
}

export const toWorkSummary = (r: WorkSummaryRow): WorkSummary => ({
  summary: true,
  id: r.id,
  doi: r.doi,
  title: r.title,
  pmid: r.pmid ?? null,
  titleMarkup: r.title_markup ?? null,
  publicationYear: r.publication_year,
  publicationDate: r.publication_date,
  type: r.type,
  language: r.language,
  citedByCount: r.cited_by_count,
  isOpenAccess: r.is_open_access,
  sourceId: r.source_id,
  primaryTopicId: r.primary_topic_id,
  oaStatus: isOaStatus(r.oa_status) ? r.oa_status : null,
  oaUrl: r.oa_url,
  version: r.version,
});

export const toWork = (r: WorkRow): WorkRecord => {
  const { summary: _summary, ...fields } = toWorkSummary(r);
  return { ...fields, abstract: r.abstract, referencedWorkIds: idsFromList(r.referenced_work_ids), relatedWorkIds: idsFromList(r.related_work_ids) };
};

export interface AuthorRow {
  id: string;
  display_name: string;
  orcid: string | null;
  works_count: number;
  cited_by_count: number | null;
  h_index: number | null;
  institution_ids: string[];
}

export const toAuthor = (r: AuthorRow): AuthorRecord => ({
  id: r.id,
  displayName: r.display_name,
  orcid: r.orcid,
  worksCount: r.works_count,
  citedByCount: r.cited_by_count,
  hIndex: r.h_index,
  institutionIds: r.institution_ids,
});

export interface AuthorshipRow {
  work_id: string;
  position: number;
  author_position: string | null;
  /** NULL for a byline name OpenAlex could not attach to an author. */
  author_id: string | null;
  raw_author_name: string;
  institution_ids: string[];
}

export const toAuthorship = (r: AuthorshipRow): AuthorshipRecord => ({
  workId: r.work_id,
  position: r.position,
  authorPosition: r.author_position,
  authorId: r.author_id,
  rawAuthorName: r.raw_author_name,
  institutionIds: r.institution_ids,
});

export interface WorkTopicRow {
  work_id: string;
  topic_id: string;
  score: number;
}

export const toWorkTopic = (r: WorkTopicRow): WorkTopicRecord => ({ workId: r.work_id, topicId: r.topic_id, score: r.score });

export interface TopicRow {
  id: string;
  display_name: string;
  subfield: string | null;
  field: string | null;
  domain: string | null;
}

export const toTopic = (r: TopicRow): TopicRecord => ({
  id: r.id,
  displayName: r.display_name,
  subfield: r.subfield,
  field: r.field,
  domain: r.domain,
});

export interface SourceRow {
  id: string;
  display_name: string;
  issn_l: string | null;
  issns: string[];
  type: string | null;
  host_organization_name: string | null;
}

export const toSource = (r: SourceRow): SourceRecord => ({
  id: r.id,
  displayName: r.display_name,
  issnL: r.issn_l,
  issns: r.issns,
  type: r.type,
  hostOrganizationName: r.host_organization_name,
});

export interface InstitutionRow {
  id: string;
  display_name: string;
  ror: string | null;
  country_code: string | null;
  type: string | null;
}

export const toInstitution = (r: InstitutionRow): InstitutionRecord => ({
  id: r.id,
  displayName: r.display_name,
  ror: r.ror,
  countryCode: r.country_code,
  type: r.type,
});
