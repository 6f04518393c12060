import { readOptions } from '../../../../bench/read/options';

describe('the read benchmark’s options', () => {
  it('defaults to both profiles and a bounded run', () => {
    const o = readOptions([]);
    expect(o.profiles).toEqual(['embedded', 'postgres']);
    expect([o.rounds, o.seconds, o.warmupSeconds, o.connections]).toEqual([3, 5, 2, 10]);
    expect(o.queries).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(o.timeoutSeconds).toBeGreaterThan(600);
  });

  it('takes a generated corpus by size and seed', () => {
    const o = readOptions(['--corpus-works', '2000', '--corpus-seed', '7']);
    expect([o.corpus, o.corpusWorks, o.corpusSeed]).toEqual([undefined, 2000, 7]);
  });

  it('takes a smoke run and one profile', () => {
    const o = readOptions(['--profiles', 'embedded', '--seconds', '1', '--rounds', '1', '--warmup', '0.5']);
    expect(o.profiles).toEqual(['embedded']);
    expect([o.rounds, o.seconds, o.warmupSeconds]).toEqual([1, 1, 0.5]);
  });

  it('loads only the queries asked for, in their own order', () => {
    expect(readOptions(['--queries', 'q4,Q1']).queries).toEqual(['Q1', 'Q4']);
    expect(() => readOptions(['--queries', 'Q5'])).toThrow('--queries takes Q1, Q2, Q3, Q4');
    expect(() => readOptions(['--queries', ','])).toThrow('--queries takes');
  });

  it('refuses an unknown profile and a non-positive duration', () => {
    expect(() => readOptions(['--profiles', 'neo4j'])).toThrow('--profiles takes embedded and/or postgres');
    expect(() => readOptions(['--seconds', '0'])).toThrow('--seconds must be a positive number');
    expect(() => readOptions(['--corpus', 'package.json', '--corpus-works', '10'])).toThrow('one or the other');
  });
});
