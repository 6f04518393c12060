import { AuthorPool, type BylineAuthor } from '../../../../bench/corpus/authorPool';
import { createPrng } from '../../../../bench/corpus/prng';

const NAMES = { given: ['Ada', 'Alan', 'Grace', 'Kurt'], family: ['Hopper', 'Lovelace', 'Turing'] };

function bylines(seed: number, works: number, options = { seats: 500, maxWorks: 300 }): { pool: AuthorPool; all: BylineAuthor[][] } {
  const pool = new AuthorPool(createPrng(seed, 'authors'), NAMES, options);
  const sizes = createPrng(seed, 'sizes');
  const all = Array.from({ length: works }, () => pool.byline(1 + sizes.below(8)));
  return { pool, all };
}

describe('AuthorPool', () => {
  it('gives distinct authors within a byline, with generated ids and names built from the name parts', () => {
    const { all } = bylines(1, 2000);
    // Problems gathered, one expect() at the end: ~9,000 authors' worth of expect() calls take seconds.
    const problems = all.flatMap((byline, work) => {
      const found: string[] = [];
      if (new Set(byline.map((a) => a.id)).size !== byline.length) found.push(`byline ${work} names an author twice`);
      for (const author of byline) {
        const [given, family] = author.displayName.split(' ');
        if (!/^A9\d{10}$/.test(author.id)) found.push(`id ${author.id}`);
        if (!NAMES.given.includes(given as string) || !NAMES.family.includes(family as string)) found.push(`name ${author.displayName}`);
      }
      return found;
    });
    expect(problems).toEqual([]);
    expect(all.flat().length).toBeGreaterThan(2000);
  });

  it('is deterministic by seed, and one author keeps one name', () => {
    expect(bylines(5, 500).all).toEqual(bylines(5, 500).all);
    expect(bylines(6, 500).all).not.toEqual(bylines(5, 500).all);
    const names = new Map<string, Set<string>>();
    for (const a of bylines(5, 3000).all.flat()) names.set(a.id, (names.get(a.id) ?? new Set()).add(a.displayName));
    expect([...names.values()].every((n) => n.size === 1)).toBe(true);
  });

  it('spreads works like Lotka: many authors with one or two works, a few prolific ones, none past maxWorks', () => {
    const { pool, all } = bylines(7, 30_000);
    const works = new Map<string, number>();
    for (const a of all.flat()) works.set(a.id, (works.get(a.id) ?? 0) + 1);
    const counts = [...works.values()].sort((a, b) => a - b);
    const share = (k: number) => counts.filter((c) => c <= k).length / counts.length;
    expect(share(1)).toBeGreaterThan(0.4);
    expect(share(2)).toBeGreaterThan(0.6);
    const max = counts[counts.length - 1] as number;
    expect(max).toBeGreaterThan(50 * (counts[Math.floor(counts.length / 2)] as number));
    expect(max).toBeLessThanOrEqual(300);

    // The statistics agree with the bylines themselves.
    const stats = pool.stats();
    expect(stats.authors).toBe(works.size);
    expect(stats.authorships).toBe(all.flat().length);
    expect(stats.worksPerAuthor.max).toBe(max);
    expect(stats.worksPerAuthor.median).toBe(counts[Math.floor(0.5 * (counts.length - 1))]);
    expect(stats.worksPerAuthor.p99).toBe(counts[Math.floor(0.99 * (counts.length - 1))]);
    const top = [...works].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
    expect(stats.top).toEqual(top.map(([id, n]) => ({ id, works: n })));
  });

  it('refuses a byline longer than its seats', () => {
    const pool = new AuthorPool(createPrng(1, 'authors'), NAMES, { seats: 3, maxWorks: 5 });
    expect(pool.byline(3)).toHaveLength(3);
    expect(() => pool.byline(4)).toThrow(RangeError);
  });
});
