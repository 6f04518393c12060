import { randomInt } from 'node:crypto';
import { BadUserInputError } from '../src/core/errors';
import { doiUrl } from '../src/core/domain/doi';
import { pmidUrl } from '../src/core/domain/pmid';
import type { OaStatus, Resolvers } from '../src/generated/graphql';
import type { OaStatus as DomainOaStatus } from '../src/core/domain/oaStatus';
import type { WorkDetailField, WorkNode, WorkRecord } from '../datasources/types';
import type { GatewayContext } from './context';
import { connectionFromPagePromise, lazyConnection } from './mappers/Connection';
import { exactlyOne, requireDoi, requirePmid } from './externalIds';
import { requireId, toWorkFilter } from './inputs';
import { isRecord } from './isRecord';
import { afterCursor, connectionFields, pageSize } from './pagination';
import { toTrendRange } from './trendInputs';
import { loadWorkPage } from './workPages';
import { loadExisting } from './loadExisting';

/** Most works one `sampleWorks` returns (the schema's @listSize maxSize). */
const MAX_SAMPLE_SIZE = 200;

/** `Work.referencedWorks` when `first` is absent (the schema's `@listSize(assumedSize:)`; it refuses more than its maxSize). */
const DEFAULT_REFERENCED_WORKS = 100;

const OA_STATUS_ENUM: Record<DomainOaStatus, OaStatus> = {
  gold: 'GOLD',
  diamond: 'DIAMOND',
  green: 'GREEN',
  hybrid: 'HYBRID',
  bronze: 'BRONZE',
  closed: 'CLOSED',
};

/**
 * The whole work behind `work`: itself, or for the summary a list page read, the work by id (through the cache;
 * null if it was deleted since the page was read).
 */
function wholeWork(work: WorkNode, loaders: GatewayContext['loaders']): WorkRecord | Promise<WorkRecord | null> {
  return 'summary' in work ? loaders.work.load(work.id) : work;
}

/** One of the fields a summary leaves out, of the whole work; `fallback` when the work is gone. */
async function detail<K extends WorkDetailField>(work: WorkNode, loaders: GatewayContext['loaders'], field: K, fallback: WorkRecord[K]): Promise<WorkRecord[K]> {
  const whole = await wholeWork(work, loaders);
  return whole === null ? fallback : whole[field];
}

/** The works with `ids`, aligned, null for one not loaded; a failed load rejects (a store error, not "not loaded"). */
async function loadWorks(loaders: GatewayContext['loaders'], ids: readonly string[]): Promise<(WorkRecord | null)[]> {
  const loaded = await loaders.work.loadMany(ids);
  const failure = loaded.find((w) => w instanceof Error);
  if (failure) throw failure;
  return loaded as (WorkRecord | null)[];
}

export const workResolvers: Resolvers = {
  Query: {
    work: (_parent, args, { loaders }) => {
      const given = exactlyOne(args, 'id', 'doi', 'pmid');
      if (given.name === 'doi') return loaders.workByDoi.load(requireDoi(given.value, 'doi'));
      if (given.name === 'pmid') return loaders.workByPmid.load(requirePmid(given.value, 'pmid'));
      return loaders.work.load(requireId(given.value, 'W', 'id'));
    },
    works: (_parent, args, { catalog }) =>
      connectionFromPagePromise(
        catalog.findWorks({
          filter: toWorkFilter(args.filter),
          sort: args.sort ?? ['CITED_BY_COUNT_DESC'],
          first: pageSize(args.first),
          after: afterCursor(args.after),
        }),
      ),
    sampleWorks: (_parent, args, { catalog, cacheability }) => {
      const size = args.size;
      if (!Number.isInteger(size) || size < 1 || size > MAX_SAMPLE_SIZE) {
        throw new BadUserInputError(`size must be between 1 and ${MAX_SAMPLE_SIZE} (got ${size})`, 'size');
      }
      const filter = toWorkFilter(args.filter);
      if (args.seed == null) cacheability.forbid();
      // A drawn seed is an ordinary seed: the unseeded sample is the seeded one for a seed nobody chose.
      const seed = args.seed ?? randomInt(-(2 ** 31), 2 ** 31);
      return catalog.sampleWorks(size, seed, filter);
    },
  },
  Work: {
    doi: (work) => (work.doi === null ? null : doiUrl(work.doi)),
    pmid: (work) => (work.pmid == null ? null : pmidUrl(work.pmid)),
    // At most `first` entries: the schema's @listSize cuts the list (src/http/limits/boundedSchema.ts).
    authorships: (work, _args, { loaders }) => loaders.authorships.load(work.id),
    authorshipCount: async (work, _args, { loaders }) => (await loaders.authorships.load(work.id)).length,
    topics: (work, _args, { loaders }) => loaders.workTopics.load(work.id),
    primaryTopic: (work, _args, { loaders }) => (work.primaryTopicId === null ? null : loaders.topic.load(work.primaryTopicId)),
    source: (work, _args, { loaders }) => (work.sourceId === null ? null : loaders.source.load(work.sourceId)),
    citedBy: (work, args, { loaders }) => {
      const key = { id: work.id, first: pageSize(args.first), after: afterCursor(args.after), sort: args.sort ?? ['CITED_BY_COUNT_DESC' as const] };
      return lazyConnection(
        async () => loadWorkPage(await loaders.citedBy.load(key), loaders),
        () => loaders.citedByCount.load(work.id),
      );
    },
    references: (work, args, { loaders }) => {
      const key = { id: work.id, first: pageSize(args.first), after: afterCursor(args.after), sort: [] };
      return lazyConnection(
        async () => loadWorkPage(await loaders.references.load(key), loaders),
        () => loaders.referencesCount.load(work.id),
      );
    },
    oaStatus: (work) => (work.oaStatus === null ? null : OA_STATUS_ENUM[work.oaStatus]),
    abstract: (work, _args, { loaders }) => detail(work, loaders, 'abstract', null),
    referencedWorkIds: (work, _args, { loaders }) => detail(work, loaders, 'referencedWorkIds', []),
    relatedWorkIds: (work, _args, { loaders }) => detail(work, loaders, 'relatedWorkIds', []),
    relatedWorks: async (work, _args, { loaders }) => (await loadWorks(loaders, await detail(work, loaders, 'relatedWorkIds', []))).filter((w) => w !== null),
    unloadedRelatedWorkIds: async (work, _args, { loaders }) => {
      const related = await detail(work, loaders, 'relatedWorkIds', []);
      const loaded = await loadWorks(loaders, related);
      return related.filter((_id, i) => loaded[i] === null);
    },
    referencedWorks: async (work, args, { loaders }) =>
      (await detail(work, loaders, 'referencedWorkIds', [])).slice(0, args.first ?? DEFAULT_REFERENCED_WORKS).map((id, i) => ({ id, position: i + 1 })),
    referencedWorkCount: async (work, _args, { loaders }) => (await detail(work, loaders, 'referencedWorkIds', [])).length,
    trend: (work, args, { loaders }) => loaders.trend.load({ subject: { kind: 'work', id: work.id }, range: toTrendRange(args.from, args.to, 'YEAR') }),
  },
  Authorship: {
    // A name OpenAlex could not attach to an author names nobody; authorships.author_id references authors(id).
    author: (authorship, _args, { loaders }) =>
      authorship.authorId === null ? null : loadExisting(loaders.author, authorship.authorId, `author ${authorship.authorId} of work ${authorship.workId}`),
    institutions: async (authorship, _args, { loaders }) =>
      (await loaders.institution.loadMany(authorship.institutionIds)).filter(isRecord),
  },
  ReferencedWork: {
    loaded: async (ref, _args, { loaders }) => (await loaders.work.load(ref.id)) !== null,
    work: (ref, _args, { loaders }) => loaders.work.load(ref.id),
  },
  WorkTopic: {
    topic: (workTopic, _args, { loaders }) => loadExisting(loaders.topic, workTopic.topicId, `topic ${workTopic.topicId}`),
  },
  WorkConnection: connectionFields,
};
