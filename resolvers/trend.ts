import type { Resolvers } from '../src/generated/graphql';
import { toTrendRange, toTrendSubject } from './trendInputs';

export const trendResolvers: Resolvers = {
  Query: {
    trends: (_parent, args, { loaders }) =>
      loaders.trend.load({ subject: toTrendSubject(args.subject), range: toTrendRange(args.from, args.to, args.interval ?? 'YEAR') }),
  },
  Trend: {
    points: (points) => points,
  },
};
