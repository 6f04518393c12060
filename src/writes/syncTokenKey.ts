import { createHmac, randomBytes } from 'node:crypto';
import type { AuthConfig } from '../auth/AuthConfig';
import { readOrCreateDevSecret } from '../auth/devSecret';

/** Where the sync-token key came from: README, SYNC_TOKEN_SECRET. */
export type SyncTokenKeyOrigin = 'SYNC_TOKEN_SECRET' | 'AUTH_JWT_SECRET' | 'development secret' | 'this process only';

/** Separates the sync-token key from the secret it is derived from: a bearer token's key never signs a sync token. */
const LABEL = 'openalex-gateway sync token v1';

/**
 * The HMAC key of sync tokens: derived from SYNC_TOKEN_SECRET when set, else from the bearer-token secret
 * (AUTH_JWT_SECRET or the development secret file), so replicas that share that secret read each other's tokens.
 * With only a public key (AUTH_JWT_PUBLIC_KEY) there is no shared secret to derive from: a random key of this
 * process, which the caller should warn about (tokens are then readable only by the replica that issued them, and
 * not after a restart).
 */
export function syncTokenKey(secret: string | undefined, auth: AuthConfig): { readonly key: Buffer; readonly origin: SyncTokenKeyOrigin } {
  const derive = (from: string) => createHmac('sha256', from).update(LABEL).digest();
  if (secret !== undefined) return { key: derive(secret), origin: 'SYNC_TOKEN_SECRET' };
  switch (auth.key.kind) {
    case 'secret':
      return { key: derive(auth.key.secret), origin: 'AUTH_JWT_SECRET' };
    case 'devSecretFile':
      return { key: derive(readOrCreateDevSecret(auth.key.path)), origin: 'development secret' };
    case 'publicKey':
    case 'none':
      return { key: randomBytes(32), origin: 'this process only' };
  }
}
