import { readDoi } from '../src/core/domain/doi';
import { readIssn } from '../src/core/domain/issn';
import { readOrcid } from '../src/core/domain/orcid';
import { readPmid } from '../src/core/domain/pmid';
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

/** The digits of a `pmid` argument (bare, `pmid:` or PubMed URL form). */
export function requirePmid(value: string, argument: string): string {
  return required(readPmid(value), 'pmid', value, argument);
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
 * Which one of alternative arguments (`id` or `doi`, …) was given. None or more than one is a BAD_USER_INPUT naming
 * them all (`extensions.argument` the first, `extensions.problems` each).
 */
export function exactlyOne<N extends string>(
  args: Partial<Record<N, string | null | undefined>>,
  ...names: readonly [N, N, ...N[]]
): { readonly name: N; readonly value: string } {
  const given = names.filter((n) => args[n] != null);
  const only = given.length === 1 ? given[0] : undefined;
  if (only === undefined) {
    const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] as string}`;
    const pair = names.length === 2;
    const got = given.length === 0 ? (pair ? 'neither' : 'none') : pair ? 'both' : given.join(' and ');
    const message = `give exactly one of ${list} (got ${got})`;
    throw new BadUserInputError(message, names[0], names.map((field) => ({ field, message })));
  }
  return { name: only, value: args[only] as string };
}
