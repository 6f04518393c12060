import { type OpenAlexPrefix, toShortId } from '../core/domain/openAlexId';
import { InvalidRecordError } from './InvalidRecordError';

/** Field readers for raw OpenAlex JSON: each returns the typed value or throws naming the field. */

export function objectAt(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidRecordError(`${field} is not an object`);
  return value as Record<string, unknown>;
}

export function optionalObject(value: unknown, field: string): Record<string, unknown> | null {
  return value == null ? null : objectAt(value, field);
}

export function arrayAt(value: unknown, field: string): unknown[] {
  if (value == null) return [];
  if (!Array.isArray(value)) throw new InvalidRecordError(`${field} is not an array`);
  return value;
}

export function idAt(value: unknown, prefix: OpenAlexPrefix, field: string): string {
  const id = toShortId(value, prefix);
  if (id === undefined) throw new InvalidRecordError(`${field} is not an OpenAlex ${prefix}… id (got ${JSON.stringify(value)})`);
  return id;
}

export function optionalString(value: unknown, field: string, maxLength = 10_000): string | null {
  if (value == null) return null;
  if (typeof value !== 'string') throw new InvalidRecordError(`${field} is not a string`);
  if (value.length > maxLength) throw new InvalidRecordError(`${field} is longer than ${maxLength} characters`);
  return value;
}

export function requiredString(value: unknown, field: string): string {
  const s = optionalString(value, field);
  if (s === null || s.trim() === '') throw new InvalidRecordError(`${field} is missing`);
  return s;
}

export function optionalCount(value: unknown, field: string): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 2_147_483_647) {
    throw new InvalidRecordError(`${field} is not a non-negative integer (got ${JSON.stringify(value)})`);
  }
  return value as number;
}

export function optionalNumber(value: unknown, field: string): number | null {
  if (value == null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidRecordError(`${field} is not a number`);
  return value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function optionalDate(value: unknown, field: string): string | null {
  const s = optionalString(value, field, 10);
  if (s === null) return null;
  const m = ISO_DATE.exec(s);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== s) throw new InvalidRecordError(`${field} is not a date YYYY-MM-DD (got ${JSON.stringify(value)})`);
  return s;
}
