import type { Resolvers } from '../src/generated/graphql';
import { articleResolvers } from './article';
import { authorResolvers } from './author';
import { autocompleteResolvers } from './autocomplete';
import { citationResolvers } from './citation';
import { entityResolvers } from './entities';
import { citationSubgraphResolvers } from './citationSubgraph';
import { gatewayResolvers } from './gateway';
import { searchResolvers } from './search';
import { syncStatusResolvers } from './syncStatus';
import { trendResolvers } from './trend';
import { viewerResolvers } from './viewer';
import { workResolvers } from './work';
import { workGroupResolvers } from './workGroups';

/** Every resolver map, merged into the executable schema by src/schema.ts. */
export const resolvers: Resolvers[] = [gatewayResolvers, workResolvers, authorResolvers, citationResolvers, citationSubgraphResolvers, trendResolvers, searchResolvers, autocompleteResolvers, articleResolvers, entityResolvers, viewerResolvers, syncStatusResolvers, workGroupResolvers];
