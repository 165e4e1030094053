import { z } from 'zod';

/** Zod schemas for what we read from disk. Every file is untrusted until it passes these. */

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const paramValueSchema = z.union([
  finite,
  z.string().max(10_000),
  z.boolean(),
  z.null(),
  z.array(finite).max(64),
  z.object({ l1: finite, l2: finite }).strict(),
]);

export const nodeSchema = z
  .object({
    id: z.string().min(1).max(200),
    type: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
    params: z.record(z.string().max(100), paramValueSchema),
    position: z.object({ x: finite, y: finite }),
  })
  .strict();

export const edgeSchema = z
  .object({
    id: z.string().min(1).max(400),
    source: z.string().min(1).max(200),
    target: z.string().min(1).max(200),
  })
  .strict();

export const graphSchema = z.object({
  nodes: z.array(nodeSchema).max(5_000),
  edges: z.array(edgeSchema).max(20_000),
});

export const PROJECT_FORMAT = 'layerloom-project';
export const PROJECT_VERSION = 1;

export const projectSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  name: z.string().min(1).max(200),
  createdAt: z.string().max(40),
  updatedAt: z.string().max(40),
  graph: graphSchema,
});

export type Project = z.infer<typeof projectSchema>;
