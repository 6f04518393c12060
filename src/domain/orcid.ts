const ORCID = /^(?:https?:\/\/orcid\.org\/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/i;

/** The bare ORCID (`0000-0002-0738-2895`) of an ORCID in bare or URL form; `undefined` if malformed. */
export function normalizeOrcid(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ORCID.exec(value.trim());
  return match ? (match[1] as string).toUpperCase() : undefined;
}

/** The URL form of a bare ORCID, as OpenAlex shows it. */
export function orcidUrl(bare: string): string {
  return `https://orcid.org/${bare}`;
}
