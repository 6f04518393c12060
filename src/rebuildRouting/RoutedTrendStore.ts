import type { TrendStore } from '../../datasources/TrendStore';
import type { RebuildRoute } from './RebuildRoute';

/** A TrendStore answering each call from the backend its route chooses at that call (InfluxDB, or PostgreSQL while InfluxDB is rebuilt). */
export class RoutedTrendStore implements TrendStore {
  constructor(private readonly route: RebuildRoute<TrendStore>) {}

  /** The backend that answered last. */
  get backend(): TrendStore['backend'] {
    return this.route.last.backend;
  }

  trends: TrendStore['trends'] = async (subjects, range) => (await this.route.backend()).trends(subjects, range);
}
