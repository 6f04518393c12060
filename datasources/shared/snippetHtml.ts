/** One run of a highlighted fragment: plain text, and whether it is a matched term. */
export interface SnippetPiece {
  readonly text: string;
  readonly highlighted: boolean;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` with the five characters HTML gives a meaning (& < > " ') escaped; nothing else changes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * The one HTML rule of search highlights, for both backends: the fragment's text HTML-escaped (titles hold markup
 * such as `<sub>2</sub>`, which must show as text), each matched term in `<em>…</em>`, blanks at either end
 * dropped. Built from pieces, never by replacing marker characters in text, so whatever the text holds — private-use
 * characters, `<em>` itself — comes out as text. Undefined when no piece is highlighted (the fragment is no snippet).
 */
export function snippetHtml(pieces: readonly SnippetPiece[]): string | undefined {
  const kept = pieces.filter((p) => p.text !== '');
  if (!kept.some((p) => p.highlighted)) return undefined;
  return kept
    .map((piece, i) => {
      let text = piece.text;
      if (!piece.highlighted && i === 0) text = text.trimStart();
      if (!piece.highlighted && i === kept.length - 1) text = text.trimEnd();
      return piece.highlighted ? `<em>${escapeHtml(text)}</em>` : escapeHtml(text);
    })
    .join('');
}
