/** A value as one field of COPY's text format: `\N` for null; backslash, tab, newline and carriage return escaped. */
export function copyText(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** A `text[]` as an array literal (each element double-quoted, `"` and `\` escaped), ready for copyText. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** A row of fields as one line of COPY text format. */
export const copyLine = (fields: readonly (string | number | null)[]): string => fields.map(copyText).join('\t');
