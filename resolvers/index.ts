import type { Resolvers } from '../src/generated/graphql';
import { gatewayResolvers } from './gateway';

/** Every resolver map, merged into the executable schema by src/schema.ts. */
export const resolvers: Resolvers[] = [gatewayResolvers];
