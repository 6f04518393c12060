/** Roles a bearer token can carry in its `role` claim. */
export const ROLES = ['editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who a valid bearer token speaks for. */
export interface Principal {
  /** The token's `sub` claim. */
  readonly subject: string;
  /** The token's `role` claim; a token with another role is valid but may do nothing that needs one. */
  readonly role: string;
}

/** Which roles may perform each protected operation: one table, read by the resolvers and README. */
export const REQUIRED_ROLES = {
  createArticle: ['editor', 'admin'],
  updateArticle: ['editor', 'admin'],
  deleteArticle: ['editor', 'admin'],
  requeueDeadLetters: ['admin'],
  outbox: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type ProtectedOperation = keyof typeof REQUIRED_ROLES;
