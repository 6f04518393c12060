import type { TrendInterval, TrendRange, TrendSubject } from '../datasources/TrendStore';
import { BadUserInputError } from '../src/core/errors';
import type { TrendSubjectInput } from '../src/generated/graphql';
import { requireId } from './inputs';

export const MIN_YEAR = 1000;
export const MAX_YEAR = 3000;
export const MAX_TREND_YEARS = 200;

/** A validated range: years within MIN_YEAR..MAX_YEAR, from ≤ to, at most MAX_TREND_YEARS years. */
export function toTrendRange(from: number, to: number, interval: TrendInterval): TrendRange {
  for (const [name, year] of [['from', from], ['to', to]] as const) {
    if (year < MIN_YEAR || year > MAX_YEAR) throw new BadUserInputError(`${name} must be a year between ${MIN_YEAR} and ${MAX_YEAR} (got ${year})`, name);
  }
  if (from > to) throw new BadUserInputError(`from (${from}) must not be after to (${to})`, 'from');
  if (to - from + 1 > MAX_TREND_YEARS) throw new BadUserInputError(`a trend spans at most ${MAX_TREND_YEARS} years (got ${to - from + 1})`, 'to');
  return { from, to, interval };
}

/** The one subject of a trend: exactly one of workId, authorId, topicId. */
export function toTrendSubject(input: TrendSubjectInput): TrendSubject {
  const given = (['workId', 'authorId', 'topicId'] as const).filter((k) => input[k] != null);
  if (given.length !== 1) {
    throw new BadUserInputError(`subject needs exactly one of workId, authorId, topicId (got ${given.length === 0 ? 'none' : given.join(', ')})`, 'subject');
  }
  if (input.workId != null) return { kind: 'work', id: requireId(input.workId, 'W', 'subject.workId') };
  if (input.authorId != null) return { kind: 'author', id: requireId(input.authorId, 'A', 'subject.authorId') };
  return { kind: 'topic', id: requireId(input.topicId as string, 'T', 'subject.topicId') };
}
