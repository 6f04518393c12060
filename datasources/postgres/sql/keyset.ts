import { InvalidCursorError } from '../../../src/core/errors';
import { dateProblem, int4Problem, parseCursorPayload, textProblem } from '../../shared/cursorValues';
import type { SqlParams } from './SqlParams';
import { assertNever } from '../../../src/core/assertNever';

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

/**
 * Reads a cursor made by `encodeCursor` for the same order into values of its keys' types: integers that fit
 * PostgreSQL's `integer`, text a store can hold (no NUL, no unpaired surrogate, bounded length), real calendar
 * dates. Anything else is an InvalidCursorError saying what is wrong, so a forged cursor never reaches a
 * store as a bad cast or an out-of-range value.
 */
export function decodeCursor(order: KeysetOrder, cursor: string): CursorValue[] {
  const payload = parseCursorPayload(cursor);
  if (!payload) throw notOurs('it is not the base64url JSON this connection writes');
  if (payload.s !== order.signature) {
    throw new InvalidCursorError('`after` was made for a different sort order; restart paging without it');
  }
  const values = payload.v;
  if (!Array.isArray(values) || values.length !== order.keys.length) {
    throw notOurs(`this order has ${order.keys.length} sort key(s), the cursor holds ${Array.isArray(values) ? values.length : 'no list of'} value(s)`);
  }
  return order.keys.map((key, i) => {
    const value: unknown = values[i];
    const problem = keyValueProblem(key.cast, value);
    if (problem !== undefined) throw notOurs(`sort key ${i + 1} (${key.cast}) ${problem}`);
    return value as CursorValue;
  });
}

/** Why `value` cannot stand for a key of type `cast`, or undefined when it can. */
export function keyValueProblem(cast: SortKeySql['cast'], value: unknown): string | undefined {
  switch (cast) {
    case 'integer':
      return int4Problem(value);
    case 'text':
      return textProblem(value);
    case 'date':
      return dateProblem(value);
    default:
      return assertNever(cast);
  }
}

function notOurs(reason: string): InvalidCursorError {
  return new InvalidCursorError(`\`after\` is not a cursor returned by this connection: ${reason}`);
}

