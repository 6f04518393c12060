import { float4Problem, MAX_ID_KEY_LENGTH, textProblem } from '../shared/cursorValues';
import { decodeSignedCursor, encodeSignedCursor } from '../shared/signedCursor';

/** Where a search page ends: the last hit's sort values, `[_score, id]`, as search_after takes them. */
export type ElasticSortValues = readonly [number, string];


/** An opaque cursor bound to `signature`, holding the last hit's sort values. */
export function encodeElasticCursor(signature: string, sort: ElasticSortValues): string {
  return encodeSignedCursor(signature, sort);
}

/**
 * Reads a cursor made by `encodeElasticCursor` for the same signature: a score a float32 holds (what
 * Elasticsearch scores are) and a storable id. Anything else is BAD_USER_INPUT on `after`.
 */
export function decodeElasticCursor(signature: string, after: string): ElasticSortValues {
  return decodeSignedCursor<ElasticSortValues>(signature, after, (values) => {
    const [score, id] = values;
    if (values.length !== 2) return { problem: `it holds ${values.length} sort value(s), a search has 2 (score, id)` };
    const scoreProblem = float4Problem(score);
    if (scoreProblem !== undefined) return { problem: `the last hit's score ${scoreProblem}` };
    const idProblem = textProblem(id, MAX_ID_KEY_LENGTH);
    if (idProblem !== undefined) return { problem: `the last hit's id ${idProblem}` };
    return { value: [score as number, id as string] as const };
  });
}

/**
 * Highlight markers, replaced by <em>…</em> after the snippet is HTML-escaped: private-use characters that
 * titles and abstracts do not contain. (Not control characters: Elasticsearch's highlighter trims those off
 * a fragment's ends, as Java's String.trim does, and would lose a closing marker.)
 */
export const MARK_START = '\uE000';
export const MARK_STOP = '\uE001';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Highlighted fragments as safe HTML: the text HTML-escaped (titles hold markup such as `<sub>2</sub>`),
 * then the markers turned into <em>…</em> — the same output as PostgresSearchIndex.
 */
export function markedSnippets(fragments: readonly string[] | undefined): string[] {
  return (fragments ?? [])
    .map((s) => s.trim())
    .filter((s) => s.includes(MARK_START))
    .map((s) =>
      s
        .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)
        .replaceAll(MARK_START, '<em>')
        .replaceAll(MARK_STOP, '</em>'),
    );
}
