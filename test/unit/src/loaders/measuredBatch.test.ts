import DataLoader from 'dataloader';
import { measuredBatch } from '../../../../src/loaders/measuredBatch';
import { gatewayMetrics } from '../../../../src/core/metrics';

beforeEach(() => {
  gatewayMetrics.registry.resetMetrics();
});

describe('measuredBatch', () => {
  it('records the number of keys of every batch in gateway_dataloader_batch_size{loader}', async () => {
    const loader = new DataLoader<string, string>(measuredBatch('work', async (ids) => ids.map((id) => id.toLowerCase())));
    await expect(Promise.all([loader.load('W1'), loader.load('W2'), loader.load('W3'), loader.load('W1')])).resolves.toEqual(['w1', 'w2', 'w3', 'w1']);
    await loader.load('W9');
    const values = (await gatewayMetrics.registry.getSingleMetric('gateway_dataloader_batch_size')?.get())?.values ?? [];
    const of = (suffix: string) => values.find((v) => (v as { metricName?: string }).metricName === `gateway_dataloader_batch_size_${suffix}` && v.labels['loader'] === 'work')?.value;
    expect(of('count')).toBe(2);
    expect(of('sum')).toBe(4);
  });
});
