/**
 * The text with A–Z lowercased and nothing else changed: a case-insensitive sort key that every store computes
 * alike whatever its locale (PostgreSQL's `lower()` follows the cluster's ctype; in the C locale it only folds
 * ASCII). The SQL twin is `translate(…, 'ABC…Z', 'abc…z')`.
 */
export function asciiLowercase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
