/**
 * ProjectDb held in memory: used by the tests (no IndexedDB in Node) and as the fallback when the
 * browser refuses IndexedDB (some private modes), in which case projects last until the tab closes.
 */
import type { LayerWeights } from '../../model/weights';
import { revisionConflict, type ProjectDb, type ProjectRecord, type StoredFile } from './project-db';

export interface MemoryDbOptions {
  /** Refuse writes that would take the approximate total over this many bytes, like a full disk. */
  quotaBytes?: number;
}

export interface MemoryProjectDb extends ProjectDb {
  /** Approximate bytes held (JSON length of records, weight bytes, file sizes). */
  usedBytes(): number;
  setQuota(bytes: number): void;
}

const weightBytes = (w: LayerWeights | undefined) =>
  w ? Object.values(w).reduce((n, list) => n + list.reduce((m, t) => m + t.values.byteLength, 0), 0) : 0;

export function createMemoryProjectDb(options: MemoryDbOptions = {}): MemoryProjectDb {
  const records = new Map<string, ProjectRecord>();
  const weights = new Map<string, LayerWeights>();
  const files = new Map<string, StoredFile>();
  let quota = options.quotaBytes ?? Infinity;

  const sizeOf = (id: string, r = records.get(id), w = weights.get(id), f = files.get(id)) =>
    (r ? JSON.stringify(r).length : 0) + weightBytes(w) + (f?.blob.size ?? 0);
  const used = () => [...records.keys()].reduce((n, id) => n + sizeOf(id), 0);

  return {
    usedBytes: used,
    setQuota(bytes) {
      quota = bytes;
    },
    async list() {
      return [...records.values()].map((r) => structuredClone(r));
    },
    async get(id) {
      const r = records.get(id);
      return r && structuredClone(r);
    },
    async getWeights(id) {
      const w = weights.get(id);
      return w && structuredClone(w);
    },
    async getFile(id) {
      return files.get(id);
    },
    async save(record, extras, expectRevision) {
      const stored = records.get(record.id);
      const conflict = revisionConflict(stored, expectRevision);
      if (conflict) return conflict;
      const next: ProjectRecord = structuredClone({ ...record, revision: (stored?.revision ?? 0) + 1 });
      const nextWeights = extras.weights === undefined ? weights.get(record.id) : (extras.weights ?? undefined);
      const nextFile = extras.file === undefined ? files.get(record.id) : (extras.file ?? undefined);
      const after = used() - (stored ? sizeOf(record.id) : 0) + sizeOf(record.id, next, nextWeights, nextFile);
      if (after > quota) {
        // What IndexedDB does on a full disk: the whole transaction fails, nothing is written.
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      records.set(record.id, next);
      if (nextWeights) weights.set(record.id, structuredClone(nextWeights));
      else weights.delete(record.id);
      if (nextFile) files.set(record.id, nextFile);
      else files.delete(record.id);
      return { ok: true, revision: next.revision };
    },
    async remove(id) {
      records.delete(id);
      weights.delete(id);
      files.delete(id);
    },
  };
}
