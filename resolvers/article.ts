import type { OutboxRecord } from '../datasources/writes/Outbox';
import type { StoreSyncState } from '../src/writes/ArticleService';
import { BadUserInputError } from '../src/core/errors';
import type { Resolvers, StoreSync } from '../src/generated/graphql';
import { parseCreateArticleInput, parseUpdateArticleInput } from './articleInputs';
import { requireId } from './inputs';
import { boundedFirst } from './pagination';
import { toStoreEnum } from './storeEnum';

const MAX_OUTBOX_PAGE = 200;

const toStoreSync = (s: StoreSyncState): StoreSync => ({
  store: toStoreEnum(s.store),
  state: s.state,
  visible: s.state === 'APPLIED',
  attempts: s.attempts,
  lastError: s.lastError,
});

const toOutboxRecord = (r: OutboxRecord) => ({
  id: r.id,
  workId: r.workId,
  operation: r.operation,
  pendingStores: r.pendingStores.map(toStoreEnum),
  attempts: r.attempts,
  lastError: r.lastError,
  createdAt: r.createdAt.toISOString(),
  deadLetteredAt: r.deadLetteredAt?.toISOString() ?? null,
});

/** Article mutations and the outbox admin query; each checks the caller's role first (src/auth/Principal.ts). */
export const articleResolvers: Resolvers = {
  Mutation: {
    createArticle: async (_parent, { input, waitForSync }, { auth, articles, sync: tracker }) => {
      const principal = auth.require('createArticle');
      const { work, sync, receipt } = await articles.create(parseCreateArticleInput(input), waitForSync === true);
      return { work, sync: sync.map(toStoreSync), syncToken: tracker.issue(principal, receipt) };
    },
    updateArticle: async (_parent, { id, input, waitForSync }, { auth, articles, sync: tracker }) => {
      const principal = auth.require('updateArticle');
      const workId = requireId(id, 'W', 'id');
      const { version, patch } = parseUpdateArticleInput(input);
      const { work, sync, receipt } = await articles.update(workId, version, patch, waitForSync === true);
      return { work, sync: sync.map(toStoreSync), syncToken: tracker.issue(principal, receipt) };
    },
    deleteArticle: async (_parent, { id, version, waitForSync }, { auth, articles, sync: tracker }) => {
      const principal = auth.require('deleteArticle');
      const workId = requireId(id, 'W', 'id');
      if (version != null && version < 1) throw new BadUserInputError('version must be 1 or more', 'version');
      const { sync, receipt } = await articles.delete(workId, version ?? undefined, waitForSync === true);
      return { id: workId, sync: sync.map(toStoreSync), syncToken: tracker.issue(principal, receipt) };
    },
    requeueDeadLetters: async (_parent, { ids }, { auth, outbox }) => {
      auth.require('requeueDeadLetters');
      const parsed = ids?.map((id, i) => {
        if (!/^\d{1,18}$/.test(id)) throw new BadUserInputError(`ids[${i}] must be an outbox record id (digits), got "${id}"`, `ids[${i}]`);
        return id;
      });
      return outbox.requeueDeadLetters(parsed);
    },
  },
  Query: {
    outbox: async (_parent, { first }, { auth, outbox }) => {
      auth.require('outbox');
      const n = boundedFirst(first, { default: 50, max: MAX_OUTBOX_PAGE });
      const status = await outbox.status(n);
      return { ...status, deadLetters: status.deadLetters.map(toOutboxRecord) };
    },
  },
};
