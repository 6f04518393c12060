// A ROR id (https://ror.readme.io/docs/identifier): `0`, six characters of Crockford base32 (digits and letters
// but i, l, o, u), then a two-digit ISO 7064 MOD 97-10 checksum of the base32 number.
const ROR = /^(?:(?:https?:\/\/)?(?:www\.)?ror\.org\/|ror:)?(0[0-9a-hjkmnp-tv-z]{6}\d{2})\/?$/i;

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** A ROR id read from input: the bare lowercase id, or why the value is none. */
export type RorReading = { readonly ror: string } | { readonly problem: string };

/**
 * Reads a ROR id in bare (`02ztp3208`), `ror:` or URL form (`https://ror.org/02ztp3208`), case-insensitive,
 * surrounding blanks ignored, and checks its two check digits as ROR does.
 */
export function readRor(value: string): RorReading {
  const bare = ROR.exec(value.trim())?.[1]?.toLowerCase();
  if (bare === undefined) return { problem: 'is not a ROR id such as 02ztp3208 or https://ror.org/02ztp3208' };
  if (!hasValidRorChecksum(bare)) return { problem: `${bare} has wrong check digits` };
  return { ror: bare };
}

/** Whether the last two digits of a bare ROR id are the MOD 97-10 checksum of its base32 part. */
export function hasValidRorChecksum(bare: string): boolean {
  let number = 0n;
  for (const ch of bare.slice(1, 7).toLowerCase()) {
    const digit = CROCKFORD.indexOf(ch);
    if (digit < 0) return false;
    number = number * 32n + BigInt(digit);
  }
  const checksum = 98n - ((number * 100n) % 97n);
  return bare.slice(7) === checksum.toString().padStart(2, '0');
}

/** The URL form of a bare ROR id, as OpenAlex shows it. */
export function rorUrl(bare: string): string {
  return `https://ror.org/${bare}`;
}
