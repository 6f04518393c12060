import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ArticleOperation } from '../../datasources/writes/articleWrite';
import { InvalidSyncTokenError } from '../core/errors';
import type { ProjectionStoreName } from '../core/StoreName';

/** What a sync token names: one committed article change, and whom it was issued to. */
export interface SyncTokenClaims {
  /** The change's outbox record; null for a change that wrote none (an update that changed nothing). */
  readonly outboxId: string | null;
  readonly workId: string;
  readonly operation: ArticleOperation;
  /** The work's version after the change; null after a delete. */
  readonly version: number | null;
  /** The projection stores the change had to reach when it was committed (none on the embedded profile). */
  readonly stores: readonly ProjectionStoreName[];
  /** A keyed digest of the principal's subject (the token never shows who made the change). */
  readonly principal: string;
  /** When it was issued, in seconds since the epoch. */
  readonly issuedAt: number;
}

const PREFIX = 'st1.';
/** Far above any token this gateway issues (about 300 characters); longer text is refused before it is decoded. */
const MAX_TOKEN_LENGTH = 1_000;
const OPERATIONS: readonly ArticleOperation[] = ['create', 'update', 'delete'];
const PROJECTION_STORES: readonly ProjectionStoreName[] = ['neo4j', 'influxdb', 'elasticsearch'];

/**
 * Signs and reads sync tokens: `st1.<base64url JSON of the claims>.<base64url HMAC-SHA256 of what precedes it>`. The
 * HMAC key (syncTokenKey.ts) never signs anything else, so a token can be neither forged nor altered, nor taken for a
 * bearer token or a cursor. Reading checks the signature first (in constant time), then every claim's type and range.
 */
export class SyncTokenCodec {
  constructor(private readonly key: Buffer) {}

  /** The digest `principal` claim of a subject: keyed, so a token does not confirm a guessed subject. */
  principalOf(subject: string): string {
    return createHmac('sha256', this.key).update(`principal:${subject}`).digest().subarray(0, 16).toString('base64url');
  }

  sign(claims: SyncTokenClaims): string {
    const wire = { v: 1, o: claims.outboxId, w: claims.workId, op: claims.operation, n: claims.version, s: claims.stores, p: claims.principal, t: claims.issuedAt };
    const body = `${PREFIX}${Buffer.from(JSON.stringify(wire)).toString('base64url')}`;
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The claims of a token this gateway signed; anything else is an InvalidSyncTokenError saying what is wrong. */
  read(token: string): SyncTokenClaims {
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidSyncTokenError(`it is longer than ${MAX_TOKEN_LENGTH} characters`);
    const match = /^st1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) throw new InvalidSyncTokenError('it is not of the form st1.<payload>.<signature>');
    const body = `${PREFIX}${match[1] as string}`;
    // The signature's text is compared, not its decoded bytes: base64url ignores the last character's spare bits,
    // so another spelling of the same bytes is an altered token too.
    const given = Buffer.from(match[2] as string, 'ascii');
    const expected = Buffer.from(this.mac(body).toString('base64url'), 'ascii');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidSyncTokenError('its signature does not match (altered, forged, or signed with another key)');
    const claims = claimsOf(parseJson(Buffer.from(match[1] as string, 'base64url').toString('utf8')));
    if (!claims) throw new InvalidSyncTokenError('its payload is not one this gateway writes');
    return claims;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The claims of a signed payload, each checked for type and range (a signed token is still read defensively). */
function claimsOf(value: unknown): SyncTokenClaims | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { v, o, w, op, n, s, p, t } = value as Record<string, unknown>;
  if (v !== 1) return undefined;
  if (!(o === null || (typeof o === 'string' && /^[1-9]\d{0,17}$/.test(o)))) return undefined;
  if (typeof w !== 'string' || !/^W[0-9A-Z]{1,64}$/.test(w)) return undefined;
  const operation = OPERATIONS.find((x) => x === op);
  if (operation === undefined) return undefined;
  if (!(n === null || (Number.isSafeInteger(n) && (n as number) >= 1))) return undefined;
  if (!Array.isArray(s) || s.length > PROJECTION_STORES.length || new Set(s).size !== s.length) return undefined;
  const stores = s.map((x) => PROJECTION_STORES.find((store) => store === x));
  if (stores.some((x) => x === undefined)) return undefined;
  if (typeof p !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(p)) return undefined;
  if (!Number.isSafeInteger(t) || (t as number) < 0) return undefined;
  return { outboxId: o, workId: w, operation, version: n as number | null, stores: stores as ProjectionStoreName[], principal: p, issuedAt: t as number };
}
