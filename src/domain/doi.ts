const DOI = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)?(10\.\d{4,9}\/\S+)$/i;

/** The bare lowercase DOI (`10.1016/j.fuel.2016.11.064`) of a DOI in bare, `doi:` or URL form; `undefined` if not a DOI. */
export function normalizeDoi(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DOI.exec(value.trim());
  return match ? (match[1] as string).toLowerCase() : undefined;
}

/** The URL form of a bare DOI, as OpenAlex shows it. */
export function doiUrl(bare: string): string {
  return `https://doi.org/${bare}`;
}
