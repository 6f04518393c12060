import { type TargetFigures } from '../../../../bench/read/alternatingRuns';
import { type LoadFigures } from '../../../../bench/read/loadFigures';
import { queryTable } from '../../../../bench/read/report';

const run = (responses: number, seconds: number): LoadFigures => ({ responses, seconds, latenciesMs: Array.from({ length: responses }, () => 1), badBodies: 0, failures: 0 });

const endpoint = (name: string, saturated: LoadFigures, cpuMicros: number): TargetFigures =>
  ({
    target: { endpoint: { name }, query: '{ works { nodes { id } } }', expected: { body: Buffer.from('{}') } },
    rounds: [saturated],
    saturated,
    rssMb: 100,
    cpuMicros,
    halfRate: { targetRps: 1, figures: run(10, 10), cpuMicros: cpuMicros * 2 },
  }) as unknown as TargetFigures;

describe('the read benchmark’s table', () => {
  it('prints each endpoint’s CPU per response and the ratios of rps and of CPU', () => {
    const table = queryTable('Q4', [endpoint('gateway cached', run(1000, 1), 90), endpoint('raw', run(4000, 1), 30)], [{ numerator: 'gateway cached', denominator: 'raw' }]);
    const [gatewayRow, rawRow] = table.split('\n').slice(2);
    expect(gatewayRow?.split(/\s+/)).toEqual(expect.arrayContaining(['90', '180']));
    expect(rawRow?.split(/\s+/)).toEqual(expect.arrayContaining(['30', '60']));
    expect(table).toContain('rps ratios: gateway cached / raw = 0.25×');
    expect(table).toContain('CPU per response ratios (the node processes only): gateway cached / raw = 3.00×');
  });

  it('prints ? and leaves the CPU ratio out when a process could not be read', () => {
    const table = queryTable('Q4', [endpoint('gateway cached', run(1000, 1), Number.NaN), endpoint('raw', run(4000, 1), 30)], [{ numerator: 'gateway cached', denominator: 'raw' }]);
    expect(table.split('\n')[2]?.split(/\s+/)).toContain('?');
    expect(table).toContain('rps ratios:');
    expect(table).not.toContain('CPU per response ratios');
  });
});
