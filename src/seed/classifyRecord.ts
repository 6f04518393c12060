import { detectKind } from './detectKind';
import { type OpenAlexInput, type OpenAlexOrigin, type OpenAlexRejection } from './openAlexInput';

const MAX_SHOWN = 80;

/** A rejection for the record at `origin`, with `reason`. Pure. */
export function rejectRecord(origin: OpenAlexOrigin, reason: string): OpenAlexRejection {
  return { kind: 'rejected', origin, reason };
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/**
 * Turns a parsed record into an entity whose kind its `id` names, or a rejection when it is not a JSON
 * object, has no `id`, or its id is not a work/author/institution/source/topic OpenAlex id. Pure; the
 * record is passed through untouched.
 */
export function classifyRecord(record: unknown, origin: OpenAlexOrigin): OpenAlexInput {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return rejectRecord(origin, `not a JSON object: ${shown(record)}`);
  }
  const id: unknown = (record as { id?: unknown }).id;
  if (id === undefined || id === null || id === '') return rejectRecord(origin, 'record has no "id"');
  const kind = detectKind(id);
  if (kind === undefined) {
    return rejectRecord(origin, `"id" ${shown(id)} is not an OpenAlex work, author, institution, source or topic id`);
  }
  return { kind, record, origin };
}
