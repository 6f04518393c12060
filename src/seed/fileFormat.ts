import path from 'node:path';

/** How a file's records are laid out: one JSON document, or one JSON value per line. */
export type OpenAlexFileFormat = 'json-document' | 'json-lines';

/** A file's layout and whether it is gzip-compressed. */
export interface FileFormat {
  format: OpenAlexFileFormat;
  gzip: boolean;
}

const GZIP = /\.gz$/i;
const JSON_LINES = /(?:\.jsonl|\.ndjson|^part_[^.]*)$/i;
const JSON_DOCUMENT = /\.json$/i;

/**
 * The format a file name announces: `*.json` → a JSON document; `*.jsonl`, `*.ndjson` and extensionless
 * snapshot parts `part_*` → JSON Lines; each optionally `.gz`; case-insensitive, judged on the base name.
 * Undefined for any other name. Pure.
 */
export function fileFormatOf(file: string): FileFormat | undefined {
  const baseName = path.basename(file);
  const gzip = GZIP.test(baseName);
  const name = gzip ? baseName.replace(GZIP, '') : baseName;
  if (JSON_LINES.test(name)) return { format: 'json-lines', gzip };
  if (JSON_DOCUMENT.test(name)) return { format: 'json-document', gzip };
  return undefined;
}
