import type { BatchLoadFn } from 'dataloader';
import { gatewayMetrics } from '../core/metrics';

/** `batch` unchanged, recording how many keys each call gets in gateway_dataloader_batch_size{loader}. */
export function measuredBatch<K, V>(loader: string, batch: BatchLoadFn<K, V>): BatchLoadFn<K, V> {
  return (keys) => {
    gatewayMetrics.dataloaderBatchSize.observe({ loader }, keys.length);
    return batch(keys);
  };
}
