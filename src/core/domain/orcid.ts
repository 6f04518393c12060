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
