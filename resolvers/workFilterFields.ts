import type { DateRange as DateRangeRecord, WorkFilter as WorkFilterRecord } from '../datasources/types';
import { dateProblem } from '../datasources/shared/cursorValues';
import { isIso3166Alpha2 } from '../src/core/domain/iso3166_1';
import { isIso639_1 } from '../src/core/domain/iso639_1';
import { BadUserInputError } from '../src/core/errors';
import type { DateRange, WorkFilter } from '../src/generated/graphql';
import { requireId } from './requireId';

const quoted = (value: string) => JSON.stringify(value.slice(0, 80));

/**
 * The WorkFilter fields beyond the first ones (issue 15), validated and normalised for the datasources: ids to short
 * ids, language codes lowercased (ISO 639-1), country codes uppercased (ISO 3166-1 alpha-2), date bounds real
 * calendar days with `gte` ≤ `lte`. `path` names the filter (`filter`, `filter.or[1]`) in every BAD_USER_INPUT.
 */
export function toWorkFilterFields(f: WorkFilter, path: string): Partial<WorkFilterRecord> {
  return {
    language: f.language?.map((code, i) => languageCode(code, `${path}.language[${i}]`)),
    sourceId: f.sourceId == null ? undefined : requireId(f.sourceId, 'S', `${path}.sourceId`),
    institutionId: f.institutionId == null ? undefined : requireId(f.institutionId, 'I', `${path}.institutionId`),
    countryCode: f.countryCode?.map((code, i) => countryCode(code, `${path}.countryCode[${i}]`)),
    hasDoi: f.hasDoi,
    hasAbstract: f.hasAbstract,
    cites: f.cites == null ? undefined : requireId(f.cites, 'W', `${path}.cites`),
    citedBy: f.citedBy == null ? undefined : requireId(f.citedBy, 'W', `${path}.citedBy`),
    publicationDate: f.publicationDate == null ? undefined : dateRange(f.publicationDate, `${path}.publicationDate`),
    topicField: f.topicField,
    topicSubfield: f.topicSubfield,
    topicDomain: f.topicDomain,
  };
}

function languageCode(value: string, argument: string): string {
  const code = value.trim().toLowerCase();
  if (!/^[a-z]{2}$/.test(code)) throw new BadUserInputError(`${argument} must be an ISO 639-1 code of two letters such as en (got ${quoted(value)})`, argument);
  if (!isIso639_1(code)) throw new BadUserInputError(`${argument}: ${code} is not an ISO 639-1 language code (two letters such as en, fr, zh)`, argument);
  return code;
}

function countryCode(value: string, argument: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) throw new BadUserInputError(`${argument} must be an ISO 3166-1 alpha-2 country code such as SA (got ${quoted(value)})`, argument);
  if (!isIso3166Alpha2(code)) throw new BadUserInputError(`${argument}: ${code} is not an ISO 3166-1 alpha-2 country code (such as SA, US, CN)`, argument);
  return code;
}

function dateRange(range: DateRange, argument: string): DateRangeRecord {
  for (const bound of ['gte', 'lte'] as const) {
    const value = range[bound];
    const problem = value == null ? undefined : dateProblem(value);
    if (problem !== undefined) throw new BadUserInputError(`${argument}.${bound} ${problem}`, `${argument}.${bound}`);
  }
  if (range.gte != null && range.lte != null && range.gte > range.lte) {
    throw new BadUserInputError(`${argument}: gte (${range.gte}) is after lte (${range.lte})`, argument);
  }
  return { gte: range.gte, lte: range.lte };
}
