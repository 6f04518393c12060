import type { Config } from '../../config';

/**
 * Caps the configuration sets on what fields return, by `Type.field`, for the cost estimate (listCostEstimator):
 * a `citations` walk visits at most CITATION_WALK_MAX_NODES works, so its page holds no more whatever `first` says.
 */
export function configuredListCaps(config: Pick<Config, 'citationWalkMaxNodes'>): ReadonlyMap<string, number> {
  return new Map([['Query.citations', config.citationWalkMaxNodes]]);
}
