// A PubMed id (PMID): a positive integer PubMed assigns, 1–8 digits today. OpenAlex gives it as a URL
// (`https://pubmed.ncbi.nlm.nih.gov/29456894`); the catalog stores the digits, without leading zeros.
const PMID = /^(?:(?:https?:\/\/)?(?:pubmed\.ncbi\.nlm\.nih\.gov\/|(?:www\.)?ncbi\.nlm\.nih\.gov\/pubmed\/)|pmid:\s*)?(\d{1,12})\/?$/i;

/** Most digits a PMID may have once leading zeros are gone (PubMed's are at most 8; room for growth). */
export const MAX_PMID_DIGITS = 10;

/** A PMID read from input: its digits without leading zeros, or why the value is none. */
export type PmidReading = { readonly pmid: string } | { readonly problem: string };

/**
 * Reads a PMID in bare (`29456894`), `pmid:` or URL form (`https://pubmed.ncbi.nlm.nih.gov/29456894`, the older
 * `https://www.ncbi.nlm.nih.gov/pubmed/29456894`), surrounding blanks ignored: a positive integer of at most
 * MAX_PMID_DIGITS digits.
 */
export function readPmid(value: string): PmidReading {
  const digits = PMID.exec(value.trim())?.[1];
  if (digits === undefined) return { problem: 'is not a PubMed id such as 29456894 (digits, bare, pmid: or a pubmed.ncbi.nlm.nih.gov URL)' };
  const pmid = digits.replace(/^0+/, '');
  if (pmid === '') return { problem: 'is not a PubMed id: PubMed ids are positive' };
  if (pmid.length > MAX_PMID_DIGITS) return { problem: `has more than ${MAX_PMID_DIGITS} digits` };
  return { pmid };
}

/** The digits of a PMID in any form readPmid accepts; `undefined` for anything else. */
export function normalizePmid(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const reading = readPmid(value);
  return 'pmid' in reading ? reading.pmid : undefined;
}

/** The URL form of a PMID, as OpenAlex shows it. */
export function pmidUrl(pmid: string): string {
  return `https://pubmed.ncbi.nlm.nih.gov/${pmid}`;
}
