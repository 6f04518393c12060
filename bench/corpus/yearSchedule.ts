/**
 * The publication year of the i-th of n generated works: the sample's year distribution sampled by stratification,
 * work i taking the quantile (i + random) / n of `sortedYears`. Over the corpus the years follow the sample's
 * distribution, and they never decrease with i — so a work, which only cites earlier works (see
 * preferentialAttachment.ts), never cites one published after it. `random` is a float in [0, 1).
 */
export function yearOfWork(index: number, works: number, sortedYears: readonly number[], random: number): number {
  const at = Math.min(sortedYears.length - 1, Math.floor(((index + random) / works) * sortedYears.length));
  return sortedYears[at] as number;
}
