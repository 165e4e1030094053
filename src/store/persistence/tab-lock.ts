/**
 * Two tabs on one project must not overwrite each other silently. Every save bumps the project's
 * revision in IndexedDB and is announced on a BroadcastChannel; a tab that hears of a newer
 * revision of the project it has open (or of its deletion) stops autosaving it and asks the user.
 * The revision check inside the save transaction (ProjectDb.save) catches what the channel
 * misses, e.g. a browser without BroadcastChannel.
 */

/** The part of BroadcastChannel we use; tests pass an in-memory pair. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  close(): void;
}

export type TabMessage =
  | { readonly type: 'saved'; readonly projectId: string; readonly revision: number; readonly tabId: string }
  | { readonly type: 'deleted'; readonly projectId: string; readonly tabId: string };

export interface TabConflict {
  readonly projectId: string;
  readonly reason: 'newer-revision' | 'deleted';
}

export interface TabLock {
  /** The project this tab has open and the revision its state is based on (null: none). */
  watch(projectId: string | null, revision: number): void;
  /** After this tab saved: tell the others and move our own base forward. */
  announceSaved(projectId: string, revision: number): void;
  announceDeleted(projectId: string): void;
  /** True once another tab changed the watched project; cleared by the next `watch`. */
  isBlocked(projectId: string): boolean;
  close(): void;
}

export interface TabLockOptions {
  readonly tabId: string;
  /** null where BroadcastChannel is missing: the revision check still protects the data. */
  readonly channel: ChannelLike | null;
  onConflict(conflict: TabConflict): void;
  /** Any other tab saved or deleted any project: the project list may be stale. */
  onOtherTabChange?(): void;
}

function asMessage(data: unknown): TabMessage | null {
  const m = data as Partial<Record<string, unknown>> | null;
  if (!m || typeof m.projectId !== 'string' || typeof m.tabId !== 'string') return null;
  if (m.type === 'saved' && typeof m.revision === 'number') return m as TabMessage;
  if (m.type === 'deleted') return m as TabMessage;
  return null;
}

export function createTabLock({ tabId, channel, onConflict, onOtherTabChange }: TabLockOptions): TabLock {
  let watched: { projectId: string; revision: number } | null = null;
  let blocked: string | null = null;

  const block = (conflict: TabConflict) => {
    if (blocked === conflict.projectId) return;
    blocked = conflict.projectId;
    onConflict(conflict);
  };

  if (channel) {
    channel.onmessage = (event) => {
      const message = asMessage(event.data);
      if (!message || message.tabId === tabId) return;
      onOtherTabChange?.();
      if (!watched || message.projectId !== watched.projectId) return;
      if (message.type === 'deleted') block({ projectId: message.projectId, reason: 'deleted' });
      else if (message.revision > watched.revision) block({ projectId: message.projectId, reason: 'newer-revision' });
    };
  }

  const post = (message: TabMessage) => {
    try {
      channel?.postMessage(message);
    } catch (_closed) {
      // A closed channel (tab shutting down) has nobody left to tell.
    }
  };

  return {
    watch(projectId, revision) {
      watched = projectId === null ? null : { projectId, revision };
      blocked = null;
    },
    announceSaved(projectId, revision) {
      if (watched?.projectId === projectId) watched = { projectId, revision };
      post({ type: 'saved', projectId, revision, tabId });
    },
    announceDeleted(projectId) {
      post({ type: 'deleted', projectId, tabId });
    },
    isBlocked(projectId) {
      return blocked === projectId;
    },
    close() {
      if (channel) {
        channel.onmessage = null;
        channel.close();
      }
    },
  };
}

/** BroadcastChannel in the shape above, or null where the browser has none. */
export function browserChannel(name = 'layerloom-projects'): ChannelLike | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const bc = new BroadcastChannel(name);
  const wrapper: ChannelLike = {
    onmessage: null,
    postMessage: (m) => bc.postMessage(m),
    close: () => bc.close(),
  };
  bc.onmessage = (event: MessageEvent) => wrapper.onmessage?.({ data: event.data as unknown });
  return wrapper;
}

/** Connected in-memory channels, as BroadcastChannel behaves: a message reaches every other end, later. */
export function createFakeChannelBus(): () => ChannelLike {
  const ends = new Set<ChannelLike>();
  return () => {
    const end: ChannelLike = {
      onmessage: null,
      postMessage(message) {
        const copy = structuredClone(message);
        for (const other of ends) if (other !== end) queueMicrotask(() => other.onmessage?.({ data: copy }));
      },
      close() {
        ends.delete(end);
      },
    };
    ends.add(end);
    return end;
  };
}
