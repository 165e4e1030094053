/**
 * ProjectDb held in memory: used by the tests (no IndexedDB in Node) and as the fallback when the
 * browser refuses IndexedDB (some private modes), in which case projects last until the tab closes.
 */
import type { LayerWeights } from '../../model/weights';
import {
  checkpointBytes,
  revisionConflict,
  weightsBytes,
  type CheckpointDb,
  type ProjectDb,
  type ProjectRecord,
  type StoredFile,
} from './project-db';

export interface MemoryDbOptions {
  /** Refuse writes that would take the approximate total over this many bytes, like a full disk. */
  quotaBytes?: number;
}

export interface MemoryProjectDb extends ProjectDb {
  /** Approximate bytes held (JSON length of records, weight bytes, file sizes). */
  usedBytes(): number;
  setQuota(bytes: number): void;
}

/** Run-keyed maps use "projectId\u0000runId": ids never hold a NUL. */
const key = (id: string, runId: string) => `${id}\u0000${runId}`;
const ofProject = (id: string) => (k: string) => k.startsWith(`${id}\u0000`);

export function createMemoryProjectDb(options: MemoryDbOptions = {}): MemoryProjectDb {
  const records = new Map<string, ProjectRecord>();
  const weights = new Map<string, LayerWeights>();
  const files = new Map<string, StoredFile>();
  const checkpointValues = new Map<string, unknown>();
  let quota = options.quotaBytes ?? Infinity;

  const runBytes = (id: string, w: Map<string, LayerWeights> = weights) =>
    [...w.entries()].filter(([k]) => ofProject(id)(k)).reduce((n, [, v]) => n + weightsBytes(v), 0);
  const sizeOf = (id: string, r = records.get(id), w = weights, f = files.get(id)) =>
    (r ? JSON.stringify(r).length : 0) + runBytes(id, w) + (f?.blob.size ?? 0);
  const used = () => [...records.keys()].reduce((n, id) => n + sizeOf(id), 0);

  const checkpoints: CheckpointDb = {
    async put(projectId, runId, value) {
      checkpointValues.set(key(projectId, runId), structuredClone(value));
    },
    async get(projectId, runId) {
      const v = checkpointValues.get(key(projectId, runId));
      return v === undefined ? undefined : structuredClone(v);
    },
    async list(projectId) {
      return [...checkpointValues.entries()]
        .filter(([k]) => ofProject(projectId)(k))
        .map(([, v]) => structuredClone(v));
    },
    async remove(projectId, runId) {
      checkpointValues.delete(key(projectId, runId));
    },
  };

  return {
    checkpoints,
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
      const out: Record<string, LayerWeights> = {};
      for (const [k, w] of weights) if (ofProject(id)(k)) out[k.slice(id.length + 1)] = structuredClone(w);
      return out;
    },
    async getFile(id) {
      return files.get(id);
    },
    async usage(id) {
      const cps = [...checkpointValues.entries()].filter(([k]) => ofProject(id)(k));
      return sizeOf(id) + cps.reduce((n, [, v]) => n + checkpointBytes(v), 0);
    },
    async save(record, extras, expectRevision) {
      const stored = records.get(record.id);
      const conflict = revisionConflict(stored, expectRevision);
      if (conflict) return conflict;
      const next: ProjectRecord = structuredClone({ ...record, revision: (stored?.revision ?? 0) + 1 });
      const nextWeights = new Map(weights);
      for (const [runId, w] of Object.entries(extras.weights ?? {})) {
        if (w) nextWeights.set(key(record.id, runId), w);
        else nextWeights.delete(key(record.id, runId));
      }
      const nextFile = extras.file === undefined ? files.get(record.id) : (extras.file ?? undefined);
      const after =
        used() - (stored ? sizeOf(record.id) : runBytes(record.id)) + sizeOf(record.id, next, nextWeights, nextFile);
      if (after > quota) {
        // What IndexedDB does on a full disk: the whole transaction fails, nothing is written.
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      records.set(record.id, next);
      for (const [runId, w] of Object.entries(extras.weights ?? {})) {
        if (w) weights.set(key(record.id, runId), structuredClone(w));
        else weights.delete(key(record.id, runId));
      }
      if (nextFile) files.set(record.id, nextFile);
      else files.delete(record.id);
      return { ok: true, revision: next.revision };
    },
    async remove(id) {
      records.delete(id);
      for (const k of [...weights.keys()].filter(ofProject(id))) weights.delete(k);
      for (const k of [...checkpointValues.keys()].filter(ofProject(id))) checkpointValues.delete(k);
      files.delete(id);
    },
    async removeRun(id, runId) {
      weights.delete(key(id, runId));
      checkpointValues.delete(key(id, runId));
    },
  };
}
