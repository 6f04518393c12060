import { EventEmitter } from 'node:events';

/** What a watcher hears: a key's new value, or `reset` when announcements may have been missed (forget what you hold). */
export type CacheChange = { readonly kind: 'set'; readonly key: string; readonly value: string } | { readonly kind: 'reset' };

/**
 * Announcements of changed keys to every process sharing a cache (Redis: PUBLISH on one channel; the LRU: this
 * process), so a process may keep a hot value in memory and still learn at once when another process changes it.
 * Announcing is best effort: a watcher must also let what it holds expire (a missed announcement, Redis down).
 */
export interface CacheChanges {
  /** Tells every watcher, this process's at once, that `key` now holds `value`. Never throws. */
  announce(key: string, value: string): Promise<void>;
  /** Calls `listener` for every change announced from now on; answers how to stop. */
  watch(listener: (change: CacheChange) => void): () => void;
}

/** Whether `cache` announces its changes. */
export function announcesChanges(cache: object): cache is CacheChanges {
  return typeof (cache as Partial<CacheChanges>).announce === 'function' && typeof (cache as Partial<CacheChanges>).watch === 'function';
}

/** The watchers of one process: what every implementation tells first (its own writes need no round trip). */
export class LocalChanges {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit(change: CacheChange): void {
    this.emitter.emit('change', change);
  }

  watch(listener: (change: CacheChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
