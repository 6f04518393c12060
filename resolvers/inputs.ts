import type { AuthorFilter as AuthorFilterRecord, WorkFilter as WorkFilterRecord } from '../datasources/types';
import { readDoi } from '../src/core/domain/doi';
import { normalizeOrcid } from '../src/core/domain/orcid';
import { BadUserInputError } from '../src/core/errors';
import type { AuthorFilter, WorkFilter } from '../src/generated/graphql';
import { requireId } from './requireId';
import { toWorkFilterFields } from './workFilterFields';

export { requireId };

const MAX_FILTER_DEPTH = 5;
const MAX_FILTER_NODES = 50;

/** A work filter with ids and DOIs normalised; bounded in depth and size so one request cannot build a huge query. */
export function toWorkFilter(filter: WorkFilter | null | undefined, argument = 'filter'): WorkFilterRecord | undefined {
  if (filter == null) return undefined;
  let nodes = 0;
  const convert = (f: WorkFilter, path: string, depth: number): WorkFilterRecord => {
    if (depth > MAX_FILTER_DEPTH) throw new BadUserInputError(`${path} nests and/or deeper than ${MAX_FILTER_DEPTH} levels`, path);
    if (++nodes > MAX_FILTER_NODES) throw new BadUserInputError(`${argument} has more than ${MAX_FILTER_NODES} nested filters`, argument);
    checkRange(f.publicationYear, `${path}.publicationYear`);
    checkRange(f.citedByCount, `${path}.citedByCount`);
    let doi: string | undefined;
    if (f.doi != null) {
      const reading = readDoi(f.doi);
      if ('problem' in reading) throw new BadUserInputError(`${path}.doi ${reading.problem} (got ${JSON.stringify(f.doi.slice(0, 80))})`, `${path}.doi`);
      doi = reading.doi;
    }
    return {
      publicationYear: f.publicationYear,
      citedByCount: f.citedByCount,
      type: f.type,
      isOpenAccess: f.isOpenAccess,
      doi,
      authorId: f.authorId == null ? undefined : requireId(f.authorId, 'A', `${path}.authorId`),
      topicId: f.topicId == null ? undefined : requireId(f.topicId, 'T', `${path}.topicId`),
      ...toWorkFilterFields(f, path),
      and: f.and?.map((sub, i) => convert(sub, `${path}.and[${i}]`, depth + 1)),
      or: f.or?.map((sub, i) => convert(sub, `${path}.or[${i}]`, depth + 1)),
    };
  };
  return convert(filter, argument, 1);
}

/** An author filter with the ORCID and institution id normalised. */
export function toAuthorFilter(filter: AuthorFilter | null | undefined): AuthorFilterRecord | undefined {
  if (filter == null) return undefined;
  checkRange(filter.worksCount, 'filter.worksCount');
  checkRange(filter.citedByCount, 'filter.citedByCount');
  let orcid: string | undefined;
  if (filter.orcid != null) {
    orcid = normalizeOrcid(filter.orcid);
    if (orcid === undefined) throw new BadUserInputError(`filter.orcid is not an ORCID such as 0000-0002-1825-0097 (got "${filter.orcid}")`, 'filter.orcid');
  }
  return {
    nameContains: filter.nameContains,
    orcid,
    institutionId: filter.institutionId == null ? undefined : requireId(filter.institutionId, 'I', 'filter.institutionId'),
    worksCount: filter.worksCount,
    citedByCount: filter.citedByCount,
  };
}

function checkRange(range: { gte?: number | null; lte?: number | null } | null | undefined, path: string): void {
  if (range?.gte != null && range.lte != null && range.gte > range.lte) {
    throw new BadUserInputError(`${path}: gte (${range.gte}) is greater than lte (${range.lte})`, path);
  }
}
