import type express from 'express';
import { ErrorCode } from '../../core/errors';
import { sendRequestError } from '../middleware/sendRequestError';

/**
 * Express middleware (after the JSON body parser) that refuses a batched request — a JSON array of operations
 * in one POST — holding more than `maxBatch` operations: BATCH_LIMIT_EXCEEDED, 400, with `limit` and `actual`,
 * before any of them is parsed. With `maxBatch` 1, Apollo refuses every batch itself (batching disabled).
 */
export function batchLimit(maxBatch: number): express.RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    if (!Array.isArray(body) || body.length <= maxBatch) {
      next();
      return;
    }
    sendRequestError(req, res, 400, {
      message: `Batch limit of ${maxBatch} operations exceeded, found ${body.length}.`,
      extensions: { code: ErrorCode.BatchLimitExceeded, limit: maxBatch, actual: body.length },
    });
  };
}
