const ORCID = /^(?:https?:\/\/orcid\.org\/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/i;

/** The bare ORCID (`0000-0002-0738-2895`) of an ORCID in bare or URL form; `undefined` if malformed. */
export function normalizeOrcid(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ORCID.exec(value.trim());
  return match ? (match[1] as string).toUpperCase() : undefined;
}

/** The URL form of a bare ORCID, as OpenAlex shows it. */
export function orcidUrl(bare: string): string {
  return `https://orcid.org/${bare}`;
}

/**
 * Whether a bare ORCID's last character is its ISO 7064 MOD 11-2 check digit — the check ORCID itself applies,
 * which catches a mistyped digit or two swapped digits.
 */
export function hasValidOrcidChecksum(bare: string): boolean {
  const digits = bare.replaceAll('-', '');
  if (!/^\d{15}[\dX]$/i.test(digits)) return false;
  let total = 0;
  for (const ch of digits.slice(0, 15)) total = (total + Number(ch)) * 2;
  const result = (12 - (total % 11)) % 11;
  const check = result === 10 ? 'X' : String(result);
  return digits[15]?.toUpperCase() === check;
}

const ORCID_LOOKUP = /^(?:(?:https?:\/\/)?(?:www\.)?orcid\.org\/|orcid:)?(\d{4}-?\d{4}-?\d{4}-?\d{3}[\dX])\/?$/i;

/** An ORCID read from input: the bare hyphenated ORCID with a capital X, or why the value is none. */
export type OrcidReading = { readonly orcid: string } | { readonly problem: string };

/**
 * Reads an ORCID in the forms OpenAlex accepts for a lookup — bare (`0000-0002-1825-0097`, hyphens optional),
 * `orcid:` or URL form (`https://orcid.org/…`, http and www too), case-insensitive X — and checks its check digit.
 */
export function readOrcid(value: string): OrcidReading {
  const digits = ORCID_LOOKUP.exec(value.trim())?.[1]?.replaceAll('-', '').toUpperCase();
  if (digits === undefined) return { problem: 'is not an ORCID such as 0000-0002-1825-0097 or https://orcid.org/0000-0002-1825-0097' };
  const orcid = `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}-${digits.slice(12)}`;
  if (!hasValidOrcidChecksum(orcid)) return { problem: `${orcid} has a wrong check digit` };
  return { orcid };
}
