import { float4Problem, int4Problem, MAX_ID_KEY_LENGTH, textProblem } from '../shared/cursorValues';
import { decodeSignedCursor, encodeSignedCursor } from '../shared/signedCursor';
import { type SnippetPiece, snippetHtml } from '../shared/snippetHtml';
import type { ElasticSortValueKind } from './elasticSearchSort';

/** Where a search page ends: the last hit's sort values, `[score or sort key, id]`, as search_after takes them. */
export type ElasticSortValues = readonly [number | string, string];

/** An opaque cursor bound to `signature`, holding the last hit's sort values. */
export function encodeElasticCursor(signature: string, sort: ElasticSortValues): string {
  return encodeSignedCursor(signature, sort);
}

/** Why a cursor's first sort value cannot be one of `kind`, or undefined when it can. */
function firstValueProblem(kind: ElasticSortValueKind, value: unknown): string | undefined {
  if (kind === 'score') {
    const problem = float4Problem(value);
    return problem === undefined ? undefined : `the last hit's score ${problem}`;
  }
  const problem = kind === 'integer' ? int4Problem(value) : textProblem(value);
  return problem === undefined ? undefined : `the last hit's sort value ${problem}`;
}

/**
 * Reads a cursor made by `encodeElasticCursor` for the same signature: a first value of the order's kind (a score
 * a float32 holds — what Elasticsearch scores are —, an int4, or storable text) and a storable id. Anything else
 * is BAD_USER_INPUT on `after`.
 */
export function decodeElasticCursor(signature: string, after: string, kind: ElasticSortValueKind = 'score'): ElasticSortValues {
  return decodeSignedCursor<ElasticSortValues>(signature, after, (values) => {
    const [first, id] = values;
    if (values.length !== 2) return { problem: `it holds ${values.length} sort value(s), a search has 2 (${kind === 'score' ? 'score' : 'sort key'}, id)` };
    const problem = firstValueProblem(kind, first);
    if (problem !== undefined) return { problem };
    const idProblem = textProblem(id, MAX_ID_KEY_LENGTH);
    if (idProblem !== undefined) return { problem: `the last hit's id ${idProblem}` };
    return { value: [first as number | string, id as string] as const };
  });
}

/**
 * Highlighting as Elasticsearch is asked for it: the `html` encoder escapes the text of each fragment (Lucene's
 * SimpleHTMLEncoder: & < > " ' and /), so the `<em>` tags around matched terms are the only markup in it, whatever
 * the text holds (`<em>` itself, private-use characters).
 */
export const HIGHLIGHT_ENCODING = { encoder: 'html', pre_tags: ['<em>'], post_tags: ['</em>'] } as const;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text an html-encoded fragment stands for: named and numeric character references decoded. */
function decodeHtml(text: string): string {
  return text.replace(/&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/g, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return ENTITIES[name] ?? whole;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Highlighted fragments (HIGHLIGHT_ENCODING) as safe HTML by the rule both backends share (snippetHtml): each
 * fragment is read back into its text and highlighted terms, then rendered again — so the escaping is exactly
 * PostgresSearchIndex's. Fragments without a highlighted term are dropped.
 */
export function markedSnippets(fragments: readonly string[] | undefined): string[] {
  return (fragments ?? []).flatMap((fragment) => {
    const pieces: SnippetPiece[] = [];
    let highlighted = false;
    for (const part of fragment.split(/(<em>|<\/em>)/)) {
      if (part === '<em>' || part === '</em>') highlighted = part === '<em>';
      else pieces.push({ text: decodeHtml(part), highlighted });
    }
    const html = snippetHtml(pieces);
    return html === undefined ? [] : [html];
  });
}
