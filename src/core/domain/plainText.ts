const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Inline tags OpenAlex titles and abstracts carry (`<sub>`, `<sup>`, `<i>`, `<b>`, `<scp>`, MathML…): a `<` then a letter or `/`. */
const TAG = /<\/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?\/?>/g;
const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|([A-Za-z]+));/g;

/**
 * OpenAlex text as plain text: inline tags removed (`CO<sub>2</sub>` → `CO2`) and then character references
 * decoded (`&amp;` → `&`, `&#x2F;` → `/`), so an escaped `&lt;i&gt;` stays the text `<i>`. A `<` that starts no
 * tag (`a < b`) and an unknown entity are kept as they are. Null stays null.
 */
export function plainText(markup: string | null): string | null {
  if (markup === null) return null;
  return markup.replace(TAG, '').replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}
