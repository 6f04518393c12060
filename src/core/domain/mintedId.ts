import { randomUUID } from 'node:crypto';

/** Entities the gateway creates itself: works (articles) and authors. */
export type MintablePrefix = 'W' | 'A';

const MINTED = /^([WA])G([0-9A-F]{32})$/i;

/**
 * A new id for an entity created through the API: the OpenAlex prefix, `G` (gateway), then 32 hex digits of
 * a random UUID — `WG3F2A…`. OpenAlex ids are a prefix followed by digits only, so a minted id can never
 * collide with one, however many OpenAlex records are loaded later.
 */
export function mintId(prefix: MintablePrefix): string {
  return `${prefix}G${randomUUID().replaceAll('-', '').toUpperCase()}`;
}

/** The canonical (upper-case) form of a minted id, or `undefined` when `value` is not one. */
export function toMintedId(value: string, prefix?: MintablePrefix): string | undefined {
  const match = MINTED.exec(value.trim());
  if (!match) return undefined;
  const id = `${(match[1] as string).toUpperCase()}G${(match[2] as string).toUpperCase()}`;
  return prefix === undefined || id.startsWith(prefix) ? id : undefined;
}
