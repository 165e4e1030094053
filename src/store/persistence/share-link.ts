/**
 * Share links carry the graph and the pipeline (never data or weights) in the URL hash:
 * `#/share/<base64url(deflate(json))>`. The hash never reaches a server. Opening a link makes a
 * new project; the payload is as untrusted as any file, so it is bounded and validated.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import type { Graph } from '../../model/graph';
import { parseJsonSafely, pathText } from '../../model/project';
import { graphSchema, jsonObjectSchema } from '../../model/project-schema';

export const SHARE_HASH_PREFIX = '#/share/';
/** Longer links get cut by chat apps and mail clients; past this, export a file instead. */
export const MAX_SHARE_CHARS = 32_000;
/** What a link may inflate to. */
const MAX_SHARE_JSON_BYTES = 4 * 1024 * 1024;
const SHARE_FORMAT = 'layerloom-share';

export class ShareLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

export interface SharedModel {
  readonly name: string;
  readonly graph: Graph;
  /** The pipeline as the link carried it (plain JSON), for the project file; null when none. */
  readonly pipelineJson: Readonly<Record<string, unknown>> | null;
  /** As the pipeline validator returned it; null when the link has none. */
  readonly pipeline: unknown;
}

const shareSchema = z
  .object({
    format: z.literal(SHARE_FORMAT),
    version: z.literal(1),
    name: z.string().min(1).max(200),
    graph: graphSchema,
    pipeline: jsonObjectSchema.nullable(),
  })
  .strict();

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const bad = text.search(/[^A-Za-z0-9_-]/);
  if (bad >= 0) throw new ShareLinkError(`The share link is damaged: it has the character “${text[bad]}” at position ${bad + 1}, which links never contain`);
  if (text.length % 4 === 1) throw new ShareLinkError('The share link is damaged: it was cut short');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Inflates in small steps so a crafted link cannot expand to gigabytes before we stop it. */
function inflateBounded(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > MAX_SHARE_JSON_BYTES) throw new ShareLinkError('The share link unpacks to more than 4 MB; it is not a Layerloom link');
    chunks.push(chunk);
  });
  try {
    for (let i = 0; i < bytes.length; i += 1024) inflate.push(bytes.subarray(i, i + 1024), i + 1024 >= bytes.length);
    if (bytes.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    throw new ShareLinkError(`The share link is damaged: its data does not unpack (${(e as Error).message})`);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The hash for a model, e.g. `#/share/eJy…`; throws ShareLinkError when it would be too long. */
export function shareHash(model: { name: string; graph: Graph; pipeline: Readonly<Record<string, unknown>> | null }): string {
  const json = JSON.stringify({ format: SHARE_FORMAT, version: 1, name: model.name, graph: model.graph, pipeline: model.pipeline });
  const hash = SHARE_HASH_PREFIX + toBase64Url(deflateSync(strToU8(json), { level: 9 }));
  if (hash.length > MAX_SHARE_CHARS) {
    throw new ShareLinkError(
      `This model is too big for a link (${hash.length.toLocaleString('en-US')} characters; the limit is ${MAX_SHARE_CHARS.toLocaleString('en-US')}). Export a .layerloom file instead.`,
    );
  }
  return hash;
}

/** The payload of a `#/share/…` hash, or null for any other hash. */
export function sharePayload(hash: string): string | null {
  return hash.startsWith(SHARE_HASH_PREFIX) ? hash.slice(SHARE_HASH_PREFIX.length) : null;
}

/** Decodes and validates a link's payload; throws ShareLinkError naming what is wrong. */
export function readSharePayload(payload: string, validatePipeline: (raw: unknown) => unknown = (raw) => raw): SharedModel {
  if (payload.length > MAX_SHARE_CHARS) {
    throw new ShareLinkError(`The share link is ${payload.length.toLocaleString('en-US')} characters; the limit is ${MAX_SHARE_CHARS.toLocaleString('en-US')}`);
  }
  if (payload.length === 0) throw new ShareLinkError('The share link is empty: copy the whole link, including the part after #/share/');
  const text = strFromU8(inflateBounded(fromBase64Url(payload)));
  let raw: unknown;
  try {
    raw = parseJsonSafely(text, 'The share link');
  } catch (e) {
    throw new ShareLinkError((e as Error).message);
  }
  const parsed = shareSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ShareLinkError(`The share link is invalid at "${issue ? pathText(issue.path) || '(top level)' : ''}": ${issue?.message ?? 'unknown problem'}`);
  }
  let pipeline: unknown = null;
  try {
    pipeline = parsed.data.pipeline === null ? null : validatePipeline(parsed.data.pipeline);
  } catch (e) {
    throw new ShareLinkError(`The share link's pipeline is invalid: ${(e as Error).message}`);
  }
  return { name: parsed.data.name, graph: parsed.data.graph as Graph, pipelineJson: parsed.data.pipeline, pipeline };
}
