/**
 * Whether one response may be cached, beyond what the schema's `@cacheControl` hints say of its document: a resolver
 * whose answer differs on every call (an unseeded `sampleWorks`) marks it, and the cache policy then answers
 * `no-store` (max-age 0, private), so neither the response cache nor any HTTP cache keeps it. One per request.
 */
export class ResponseCacheability {
  private forbidden = false;

  /** The answer must not be cached. */
  forbid(): void {
    this.forbidden = true;
  }

  get cacheable(): boolean {
    return !this.forbidden;
  }
}
