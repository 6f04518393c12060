import { BadUserInputError } from '../src/core/errors';
import type { ArticleOperation, Resolvers } from '../src/generated/graphql';
import { SYNC_STATUS_MAX_WAIT_MS, type SyncStatusReport } from '../src/writes/SyncTracker';
import { toStoreEnum } from './storeEnum';

const OPERATION: Record<SyncStatusReport['operation'], ArticleOperation> = { create: 'CREATE', update: 'UPDATE', delete: 'DELETE' };

/** `syncStatus(token, waitMs)`: the caller's own change, per projection store (src/writes/SyncTracker.ts). */
export const syncStatusResolvers: Resolvers = {
  Query: {
    syncStatus: async (_parent, { token, waitMs }, { auth, sync }) => {
      const wait = waitMs ?? 0;
      if (wait < 0 || wait > SYNC_STATUS_MAX_WAIT_MS) {
        throw new BadUserInputError(`waitMs must be between 0 and ${SYNC_STATUS_MAX_WAIT_MS} (milliseconds), got ${wait}`, 'waitMs');
      }
      // An invalid bearer token is UNAUTHENTICATED, as for `viewer`; anonymous callers read no token (the tracker says so).
      const report = await sync.status(token, auth.viewer(), wait);
      return {
        ...report,
        operation: OPERATION[report.operation],
        stores: report.stores.map((s) => ({ ...s, store: toStoreEnum(s.store) })),
      };
    },
  },
};
