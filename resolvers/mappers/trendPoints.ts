import type { TrendPointRecord } from '../../datasources/TrendStore';

/** What a `Trend` resolves to: its points, oldest period first. */
export type TrendPoints = readonly TrendPointRecord[];
