import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { type CorpusTruth, generateCorpus } from '../corpus/generateCorpus';
import { loadSampleCorpus } from '../corpus/sampleRecords';
import { type CorpusCounts, subjectCounter } from '../corpus/subjectCounts';

/** A generated corpus on disk, with the generator's ground truth and the trend subjects counted from its JSON. */
export interface CorpusFile {
  readonly file: string;
  readonly truth: CorpusTruth;
  readonly counts: CorpusCounts;
  readonly seconds: number;
}

/** Grows `works` works with `seed` (bench/corpus) into `file` as JSON Lines, streaming, honouring backpressure. */
export async function writeCorpusFile(file: string, works: number, seed: number): Promise<CorpusFile> {
  const started = performance.now();
  const counts = subjectCounter();
  const out = createWriteStream(file);
  const lines = generateCorpus(loadSampleCorpus(), { works, seed });
  let step = lines.next();
  for (; !step.done; step = lines.next()) {
    counts.add(step.value);
    if (!out.write(`${step.value}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { file, truth: step.value, counts: counts.result(), seconds: (performance.now() - started) / 1000 };
}
