import { BadUserInputError } from '../../../src/errors';
import type { SqlParams } from './SqlParams';

/** One ORDER BY key: a null-free SQL expression, its direction and the cast its cursor value needs. */
export interface SortKeySql {
  readonly expr: string;
  readonly desc: boolean;
  readonly cast: 'integer' | 'text' | 'date';
}

/** A resolved order: the requested keys followed by the id tie-break, and a signature cursors carry. */
export interface KeysetOrder {
  readonly keys: readonly SortKeySql[];
  readonly signature: string;
}

type CursorValue = string | number;

/** `ORDER BY` text for an order. */
export function orderBySql(order: KeysetOrder): string {
  return order.keys.map((k) => `${k.expr} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
}

/** Select-list items exposing each key's value as _k0, _k1… so the cursor of a row can be built. */
export function keyColumnsSql(order: KeysetOrder): string {
  return order.keys.map((k, i) => `${k.expr} AS _k${i}`).join(', ');
}

/**
 * The condition "row comes after the cursor" for a multi-key order with mixed directions:
 * (k0 ≷ v0) OR (k0 = v0 AND k1 ≷ v1) OR … — every key expression is null-free, so this is exact.
 */
export function afterCursorSql(order: KeysetOrder, values: readonly CursorValue[], params: SqlParams): string {
  const placeholders = order.keys.map((k, i) => params.add(values[i] as CursorValue, k.cast));
  const disjuncts = order.keys.map((key, i) => {
    const equalities = order.keys.slice(0, i).map((k, j) => `${k.expr} = ${placeholders[j]}`);
    return [...equalities, `${key.expr} ${key.desc ? '<' : '>'} ${placeholders[i]}`].join(' AND ');
  });
  return `(${disjuncts.map((d) => `(${d})`).join(' OR ')})`;
}

/** An opaque cursor: base64url of the order's signature and the row's key values. */
export function encodeCursor(order: KeysetOrder, row: Readonly<Record<string, unknown>>): string {
  const values = order.keys.map((_, i) => row[`_k${i}`]);
  return Buffer.from(JSON.stringify({ s: order.signature, v: values })).toString('base64url');
}

/** Reads a cursor made by `encodeCursor` for the same order; anything else is a BAD_USER_INPUT on `after`. */
export function decodeCursor(order: KeysetOrder, cursor: string): CursorValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadUserInputError('`after` is not a cursor returned by this connection', 'after');
  }
  const { s, v } = (parsed ?? {}) as { s?: unknown; v?: unknown };
  if (s !== order.signature) {
    throw new BadUserInputError('`after` was made for a different sort order; restart paging without it', 'after');
  }
  // Each value must fit its key's type: a forged cursor must not reach the database as a bad cast.
  const fits = (x: unknown, cast: SortKeySql['cast']) =>
    cast === 'integer' ? Number.isSafeInteger(x) : typeof x === 'string' && (cast !== 'date' || /^\d{4}-\d{2}-\d{2}$/.test(x));
  if (!Array.isArray(v) || v.length !== order.keys.length || !v.every((x, i) => fits(x, (order.keys[i] as SortKeySql).cast))) {
    throw new BadUserInputError('`after` is not a cursor returned by this connection', 'after');
  }
  return v as CursorValue[];
}
