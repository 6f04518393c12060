/**
 * OpenAlex `open_access.oa_status`: how a work is open (gold: in an open-access venue; diamond: gold without
 * author fees; green: a free copy in a repository; hybrid: open under a licence in a subscription venue; bronze:
 * free to read at the publisher without a licence; closed: none of these).
 */
export const OA_STATUSES = ['gold', 'diamond', 'green', 'hybrid', 'bronze', 'closed'] as const;

export type OaStatus = (typeof OA_STATUSES)[number];

/** True when `value` is one of the statuses OpenAlex gives. */
export function isOaStatus(value: unknown): value is OaStatus {
  return typeof value === 'string' && (OA_STATUSES as readonly string[]).includes(value);
}
