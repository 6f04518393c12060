import { hasValidOrcidChecksum, normalizeOrcid } from '../../../../../src/core/domain/orcid';

// ORCID's own examples ("Structure of the ORCID Identifier", support.orcid.org).
const VALID = ['0000-0002-1825-0097', '0000-0001-5109-3700', '0000-0002-1694-233X'];

/** The 16 characters of a bare ORCID without dashes, and back. */
const chars = (orcid: string) => orcid.replaceAll('-', '').split('');
const format = (c: readonly string[]) => [0, 4, 8, 12].map((i) => c.slice(i, i + 4).join('')).join('-');

describe('hasValidOrcidChecksum', () => {
  it.each(VALID)('accepts the documented example %s', (orcid) => {
    expect(hasValidOrcidChecksum(orcid)).toBe(true);
  });

  it('accepts a lower-case x check character and no dashes', () => {
    expect(hasValidOrcidChecksum('0000-0002-1694-233x')).toBe(true);
    expect(hasValidOrcidChecksum('0000000218250097')).toBe(true);
  });

  it.each(VALID)('refuses every single-character change of %s', (orcid) => {
    const original = chars(orcid);
    original.forEach((c, i) => {
      const alternatives = i === 15 ? '0123456789X' : '0123456789';
      for (const other of alternatives) {
        if (other === c) continue;
        const changed = [...original];
        changed[i] = other;
        expect({ orcid: format(changed), valid: hasValidOrcidChecksum(format(changed)) }).toEqual({ orcid: format(changed), valid: false });
      }
    });
  });

  it.each(VALID)('refuses every swap of two different adjacent characters of %s', (orcid) => {
    const original = chars(orcid);
    let swaps = 0;
    for (let i = 0; i < 15; i++) {
      if (original[i] === original[i + 1]) continue;
      const swapped = [...original];
      [swapped[i], swapped[i + 1]] = [original[i + 1] as string, original[i] as string];
      expect({ orcid: format(swapped), valid: hasValidOrcidChecksum(format(swapped)) }).toEqual({ orcid: format(swapped), valid: false });
      swaps++;
    }
    expect(swaps).toBeGreaterThan(3);
  });

  it('refuses a wrong check digit', () => {
    expect(hasValidOrcidChecksum('0000-0002-1825-0096')).toBe(false);
    expect(hasValidOrcidChecksum('0000-0002-1825-009X')).toBe(false);
    expect(hasValidOrcidChecksum('0000-0002-1694-2330')).toBe(false);
  });

  it.each(['', '0000-0002-1825-009', '0000-0002-1825-00977', '0000-0002-1825-00A7', '000X-0002-1825-0097', 'https://orcid.org/0000-0002-1825-0097'])(
    'refuses the malformed %j',
    (value) => {
      expect(hasValidOrcidChecksum(value)).toBe(false);
    },
  );

  it('accepts what normalizeOrcid answers for a valid ORCID in URL form', () => {
    const bare = normalizeOrcid('https://orcid.org/0000-0002-1694-233x');
    expect(bare).toBe('0000-0002-1694-233X');
    expect(hasValidOrcidChecksum(bare as string)).toBe(true);
  });
});
