/**
 * Reading an export's `metadata.json` safely: size and depth limits, no prototype-polluting keys,
 * then the schema. Every error names the field at fault.
 */
import type { z } from 'zod';
import {
  METADATA_FORMAT,
  METADATA_LIMITS,
  METADATA_VERSION,
  metadataSchema,
  type ExportMetadata,
} from './metadata-schema';

export class MetadataError extends Error {
  /** The field at fault, dotted (`preprocessing.features[2].scale.std`); '' for the whole file. */
  readonly path: string;
  constructor(message: string, path = '') {
    super(message);
    this.name = 'MetadataError';
    this.path = path;
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)),
    '',
  );
}

export function firstIssue(error: z.ZodError, what: string, prefix: readonly PropertyKey[] = []): MetadataError {
  const issue = error.issues[0];
  const path = pathText([...prefix, ...(issue?.path ?? [])]);
  return new MetadataError(
    `${what} is invalid at "${path || '(top level)'}": ${issue?.message ?? 'unknown problem'}`,
    path,
  );
}

/** Refuses prototype-polluting keys and too-deep nesting before the schema sees the value. */
function checkStructure(root: unknown): void {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= METADATA_LIMITS.depth) {
      throw new MetadataError(
        `metadata.json is nested more than ${METADATA_LIMITS.depth} levels deep at "${pathText(path)}"`,
        pathText(path),
      );
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const at = pathText([...path, key]);
      if (FORBIDDEN_KEYS.has(key)) {
        throw new MetadataError(
          `metadata.json contains the forbidden key "${key}" at "${at}"; the file may be malicious and was not read`,
          at,
        );
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
}

function checkSize(byteLength: number): void {
  if (byteLength > METADATA_LIMITS.bytes) {
    throw new MetadataError(
      `metadata.json is ${(byteLength / 1048576).toFixed(1)} MB; the limit is ${METADATA_LIMITS.bytes / 1048576} MB`,
    );
  }
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new MetadataError(`metadata.json is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Reads a `metadata.json`: its text, its bytes or the parsed value. Errors name the field at fault
 * (also in `MetadataError.path`) and say what it should be.
 */
export function readMetadata(raw: unknown): ExportMetadata {
  let value = raw;
  if (raw instanceof Uint8Array || raw instanceof ArrayBuffer) {
    const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
    checkSize(bytes.byteLength);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new MetadataError('metadata.json is not valid UTF-8 text');
    }
    value = parseText(text);
  } else if (typeof raw === 'string') {
    checkSize(raw.length);
    value = parseText(raw);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MetadataError('metadata.json must hold a JSON object');
  }
  checkStructure(value);
  const obj = value as Record<string, unknown>;
  if (obj.format !== METADATA_FORMAT) {
    throw new MetadataError(`This is not Layerloom model metadata: "format" should be "${METADATA_FORMAT}"`, 'format');
  }
  if (typeof obj.version === 'number' && obj.version > METADATA_VERSION) {
    throw new MetadataError(
      `This metadata was written by a newer Layerloom (version ${obj.version}; this one reads up to ${METADATA_VERSION}). Update Layerloom to read it.`,
      'version',
    );
  }
  const parsed = metadataSchema.safeParse(obj);
  if (!parsed.success) throw firstIssue(parsed.error, 'metadata.json');
  return parsed.data;
}
