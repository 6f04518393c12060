interface CorpusLine {
  id: string;
  publication_year?: number | null;
  counts_by_year?: { year: number; cited_by_count: number }[];
  authorships?: { author?: { id?: string | null } | null }[];
  topics?: { id: string }[];
}

const short = (url: string) => url.replace(/^https:\/\/openalex\.org\//, '');

/** What the corpus JSON says, counted without any of the gateway's code. */
export interface CorpusCounts {
  works: number;
  /** Distinct authors named on bylines and distinct topics. */
  subjects: number;
  /** Of those, the subjects with at least one publication year or citation (the series the layout should hold). */
  subjectsWithValues: number;
  /** Series of the former layout: one per (work, subject) with a value, the work itself being a subject too. */
  seriesWithWorkTag: number;
}

/**
 * Counts, line by line of a corpus, its works and the distinct trend subjects (authors named on bylines, topics):
 * the bound of the InfluxDB layout's series. Memory: one string per distinct subject.
 */
export function subjectCounter() {
  const subjects = new Set<string>();
  const withValues = new Set<string>();
  let works = 0;
  let seriesWithWorkTag = 0;
  return {
    add(line: string) {
      const w = JSON.parse(line) as CorpusLine;
      works++;
      const mine = new Set<string>();
      for (const a of w.authorships ?? []) if (a.author?.id) mine.add(`author:${short(a.author.id)}`);
      for (const t of w.topics ?? []) mine.add(`topic:${short(t.id)}`);
      const hasValue = (w.publication_year ?? null) !== null || (w.counts_by_year ?? []).some((c) => c.cited_by_count > 0);
      for (const s of mine) {
        subjects.add(s);
        if (hasValue) withValues.add(s);
      }
      if (hasValue) seriesWithWorkTag += mine.size + 1;
    },
    result: (): CorpusCounts => ({ works, subjects: subjects.size, subjectsWithValues: withValues.size, seriesWithWorkTag }),
  };
}
