import { readDoi } from '../src/core/domain/doi';
import { readIssn } from '../src/core/domain/issn';
import { readOrcid } from '../src/core/domain/orcid';
import { readRor } from '../src/core/domain/ror';
import { BadUserInputError } from '../src/core/errors';

/** A reading of an external id: the normalised value, or why the input is none. */
type Reading = { readonly problem: string } | Record<string, string>;

function required(reading: Reading, key: string, value: string, argument: string): string {
  if ('problem' in reading) throw new BadUserInputError(`${argument} ${reading.problem} (got ${JSON.stringify(value.slice(0, 80))})`, argument);
  return reading[key] as string;
}

/** The bare lowercase DOI of a `doi` argument (bare, `doi:` or URL form); else BAD_USER_INPUT naming `argument`. */
export function requireDoi(value: string, argument: string): string {
  return required(readDoi(value), 'doi', value, argument);
}

/** The bare ORCID of an `orcid` argument (bare, `orcid:` or URL form, check digit verified). */
export function requireOrcid(value: string, argument: string): string {
  return required(readOrcid(value), 'orcid', value, argument);
}

/** The bare lowercase ROR id of a `ror` argument (bare, `ror:` or URL form, check digits verified). */
export function requireRor(value: string, argument: string): string {
  return required(readRor(value), 'ror', value, argument);
}

/** The hyphenated ISSN of an `issn` argument (with or without hyphen or `issn:`, check digit verified). */
export function requireIssn(value: string, argument: string): string {
  return required(readIssn(value), 'issn', value, argument);
}

/**
 * Which one of two alternative arguments (`id` or `doi`, …) was given. Neither or both is a BAD_USER_INPUT naming
 * both (`extensions.argument` the first, `extensions.problems` each).
 */
export function exactlyOne<A extends string, B extends string>(
  args: Partial<Record<A | B, string | null | undefined>>,
  first: A,
  second: B,
): { readonly name: A; readonly value: string } | { readonly name: B; readonly value: string } {
  const a = args[first];
  const b = args[second];
  if ((a == null) === (b == null)) {
    const message = `give exactly one of ${first} and ${second} (got ${a == null ? 'neither' : 'both'})`;
    throw new BadUserInputError(message, first, [
      { field: first, message },
      { field: second, message },
    ]);
  }
  return a != null ? { name: first, value: a } : { name: second, value: b as string };
}
