import type { Resolvers } from '../src/generated/graphql';
import { authorResolvers } from './author';
import { gatewayResolvers } from './gateway';
import { workResolvers } from './work';

/** Every resolver map, merged into the executable schema by src/schema.ts. */
export const resolvers: Resolvers[] = [gatewayResolvers, workResolvers, authorResolvers];
