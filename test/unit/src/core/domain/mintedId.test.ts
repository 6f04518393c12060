import { mintId, toMintedId } from '../../../../../src/core/domain/mintedId';
import { toShortId } from '../../../../../src/core/domain/openAlexId';

const HEX = '3f2a0b9c8d7e6f5a4b3c2d1e0f9a8b7c';
const WORK = `WG${HEX.toUpperCase()}`;
const AUTHOR = `AG${HEX.toUpperCase()}`;

describe('mintId', () => {
  it('spells the prefix, G, then 32 upper-case hex digits', () => {
    expect(mintId('W')).toMatch(/^WG[0-9A-F]{32}$/);
    expect(mintId('A')).toMatch(/^AG[0-9A-F]{32}$/);
  });

  it('mints a different id each time', () => {
    const ids = new Set(Array.from({ length: 100 }, () => mintId('W')));
    expect(ids.size).toBe(100);
  });

  it('mints ids that toMintedId and toShortId take back unchanged', () => {
    const id = mintId('A');
    expect(toMintedId(id)).toBe(id);
    expect(toMintedId(id, 'A')).toBe(id);
    expect(toShortId(id, 'A')).toBe(id);
  });

  it('never mints an id that could be an OpenAlex id', () => {
    const openAlex = /^[WAIST]\d+$/;
    for (let i = 0; i < 50; i++) expect(mintId('W')).not.toMatch(openAlex);
  });
});

describe('toMintedId', () => {
  it('answers the canonical upper-case form, whatever the case and surrounding space', () => {
    expect(toMintedId(`wg${HEX}`)).toBe(WORK);
    expect(toMintedId(`  Ag${HEX.toUpperCase()}  `)).toBe(AUTHOR);
    expect(toMintedId(`wG${HEX}`, 'W')).toBe(WORK);
  });

  it('checks the prefix when one is asked for', () => {
    expect(toMintedId(WORK, 'A')).toBeUndefined();
    expect(toMintedId(AUTHOR, 'W')).toBeUndefined();
  });

  it.each([
    ['an OpenAlex id', 'W2741809807'],
    ['31 hex digits', `WG${HEX.slice(1)}`],
    ['33 hex digits', `WG${HEX}0`],
    ['a non-hex digit', `WG${HEX.slice(1)}Z`],
    ['another entity', `IG${HEX}`],
    ['a topic', `TG${HEX}`],
    ['no G', `W${HEX}`],
    ['a URL', `https://openalex.org/WG${HEX}`],
    ['dashes of a UUID', 'WG3f2a0b9c-8d7e-6f5a-4b3c-2d1e0f9a8b7c'],
    ['the empty string', ''],
  ])('refuses %s', (_what, value) => {
    expect(toMintedId(value)).toBeUndefined();
  });
});

describe('toShortId with minted ids', () => {
  it('accepts minted work and author ids case-insensitively, in canonical form', () => {
    expect(toShortId(`wg${HEX}`)).toBe(WORK);
    expect(toShortId(`wg${HEX}`, 'W')).toBe(WORK);
    expect(toShortId(` ag${HEX} `, 'A')).toBe(AUTHOR);
  });

  it.each(['A', 'I', 'S', 'T'] as const)('never accepts a minted work id for prefix %s', (prefix) => {
    expect(toShortId(WORK, prefix)).toBeUndefined();
  });

  it.each(['W', 'I', 'S', 'T'] as const)('never accepts a minted author id for prefix %s', (prefix) => {
    expect(toShortId(AUTHOR, prefix)).toBeUndefined();
  });

  it('refuses look-alikes of minted ids for other entities', () => {
    expect(toShortId(`IG${HEX}`)).toBeUndefined();
    expect(toShortId(`TG${HEX}`, 'T')).toBeUndefined();
    expect(toShortId(`WG${HEX.slice(2)}`, 'W')).toBeUndefined();
  });

  it('leaves OpenAlex ids as they were', () => {
    expect(toShortId('W2741809807', 'W')).toBe('W2741809807');
    expect(toShortId('https://openalex.org/a5023888391', 'A')).toBe('A5023888391');
    expect(toShortId('T11302')).toBe('T11302');
    expect(toShortId('W2741809807', 'A')).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    expect(toShortId(undefined)).toBeUndefined();
    expect(toShortId(42, 'W')).toBeUndefined();
    expect(toShortId({ id: WORK }, 'W')).toBeUndefined();
  });
});
