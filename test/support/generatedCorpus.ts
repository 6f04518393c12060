import { type CorpusTruth, generateCorpus } from '../../bench/corpus/generateCorpus';
import { loadSampleCorpus, type SampleCorpus } from '../../bench/corpus/sampleRecords';

/** A generated corpus held in memory (test helper: only for small corpora). */
export interface GeneratedCorpus {
  /** The JSON lines, without newlines, in order. */
  readonly lines: readonly string[];
  readonly truth: CorpusTruth;
}

let sample: SampleCorpus | undefined;

/** The shipped sample as the generator reads it, loaded once per test file. */
export function corpusSample(): SampleCorpus {
  sample ??= loadSampleCorpus();
  return sample;
}

/** Runs the generator to the end for `works` and `seed`, keeping every line and the ground truth it returns. */
export function generateInMemory(works: number, seed: number): GeneratedCorpus {
  const lines: string[] = [];
  const run = generateCorpus(corpusSample(), { works, seed });
  for (let step = run.next(); ; step = run.next()) {
    if (step.done) return { lines, truth: step.value };
    lines.push(step.value);
  }
}
