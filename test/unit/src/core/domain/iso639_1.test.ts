import { existsSync, readFileSync } from 'node:fs';
import { ISO_639_1_CODES, isIso639_1 } from '../../../../../src/core/domain/iso639_1';

// Debian's iso-codes, the registration authority's list as distributions ship it; read when installed.
const ISO_CODES_JSON = '/usr/share/iso-codes/json/iso_639-2.json';

describe('ISO 639-1 codes', () => {
  it('hold the languages OpenAlex uses and refuse two-letter strings that are none', () => {
    for (const code of ['en', 'fr', 'de', 'zh', 'ja', 'pt', 'ru', 'es', 'bh', 'zu']) expect(isIso639_1(code)).toBe(true);
    for (const code of ['xx', 'qq', 'zz', 'eng', 'EN', 'e', '']) expect(isIso639_1(code)).toBe(false);
    expect(ISO_639_1_CODES.size).toBe(184);
  });

  (existsSync(ISO_CODES_JSON) ? it : it.skip)(`are exactly the alpha_2 codes of ${ISO_CODES_JSON}`, () => {
    const entries = (JSON.parse(readFileSync(ISO_CODES_JSON, 'utf8')) as { '639-2': { alpha_2?: string }[] })['639-2'];
    const reference = [...new Set(entries.flatMap((e) => (e.alpha_2 ? [e.alpha_2] : [])))].sort();
    expect([...ISO_639_1_CODES].sort()).toEqual(reference);
  });
});
