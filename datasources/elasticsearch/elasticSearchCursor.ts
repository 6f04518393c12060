import { decodeSignedCursor, encodeSignedCursor } from '../shared/signedCursor';

/** Where a search page ends: the last hit's sort values, `[_score, id]`, as search_after takes them. */
export type ElasticSortValues = readonly [number, string];


/** An opaque cursor bound to `signature`, holding the last hit's sort values. */
export function encodeElasticCursor(signature: string, sort: ElasticSortValues): string {
  return encodeSignedCursor(signature, sort);
}

/** Reads a cursor made by `encodeElasticCursor` for the same signature; anything else is BAD_USER_INPUT on `after`. */
export function decodeElasticCursor(signature: string, after: string): ElasticSortValues {
  return decodeSignedCursor(signature, after, ([score, id, ...rest]) =>
    rest.length === 0 && typeof score === 'number' && Number.isFinite(score) && typeof id === 'string' ? ([score, id] as const) : undefined,
  );
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
