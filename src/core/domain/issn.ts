// An ISSN (ISO 3297): seven digits and a check character (a digit or X, the MOD 11 checksum), printed as
// `NNNN-NNNC`. OpenAlex stores ISSNs with the hyphen and a capital X.
const ISSN = /^(?:issn:\s*)?(\d{4})-?(\d{3}[\dX])$/i;

/** An ISSN read from input: the hyphenated form with a capital X, or why the value is none. */
export type IssnReading = { readonly issn: string } | { readonly problem: string };

/**
 * Reads an ISSN with or without its hyphen (`0921-4526`, `09214526`) or an `issn:` prefix, `x` or `X`, surrounding
 * blanks ignored, and checks its check character.
 */
export function readIssn(value: string): IssnReading {
  const match = ISSN.exec(value.trim());
  if (!match) return { problem: 'is not an ISSN such as 0921-4526 (four digits, an optional hyphen, three digits and a check digit or X)' };
  const issn = `${match[1] as string}-${(match[2] as string).toUpperCase()}`;
  if (!hasValidIssnChecksum(issn)) return { problem: `${issn} has a wrong check digit` };
  return { issn };
}

/** Whether the last character of a hyphenated ISSN is its MOD 11 check character. */
export function hasValidIssnChecksum(issn: string): boolean {
  const chars = issn.replace('-', '');
  if (!/^\d{7}[\dX]$/i.test(chars)) return false;
  let total = 0;
  for (let i = 0; i < 7; i++) total += Number(chars[i]) * (8 - i);
  const result = (11 - (total % 11)) % 11;
  return chars[7]?.toUpperCase() === (result === 10 ? 'X' : String(result));
}
