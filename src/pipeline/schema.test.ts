import { describe, expect, it } from 'vitest';
import { addStage, defaultPipeline } from './model';
import { readPipeline, STAGES_MAX } from './schema';

/** A default pipeline with a search and a note, as it would come back from a saved file. */
function saved(): Record<string, unknown> {
  let p = defaultPipeline();
  for (const kind of ['hpsearch', 'notes'] as const) {
    const r = addStage(p, kind);
    if (r.ok) p = r.pipeline;
  }
  return JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
}

type Json = { stages: Record<string, unknown>[]; edges: Record<string, unknown>[] };

describe('readPipeline', () => {
  it('reads back what the editor saves', () => {
    const raw = saved();
    expect(readPipeline(raw)).toEqual(raw);
  });

  it('rejects non-objects', () => {
    expect(() => readPipeline([])).toThrow(/JSON object/);
    expect(() => readPipeline(null)).toThrow(/JSON object/);
  });

  it('names the field of an over-long name', () => {
    const raw = saved() as unknown as Json;
    raw.stages[1]!.name = 'x'.repeat(81);
    expect(() => readPipeline(raw)).toThrow(/"stages\[1\]\.name": must be at most 80 characters/);
  });

  it('names the field of a bad rule threshold', () => {
    const raw = saved() as unknown as Json;
    (raw.stages[0]!.config as { rule: { threshold: unknown } }).rule.threshold = 'high';
    expect(() => readPipeline(raw)).toThrow(/"stages\[0\]\.config\.rule\.threshold": must be a finite number/);
  });

  it('refuses prototype-polluting keys and says where', () => {
    const text = JSON.stringify(saved()).replace('"config":{"text"', '"config":{"__proto__":{"polluted":true},"text"');
    expect(() => readPipeline(JSON.parse(text))).toThrow(/forbidden key "__proto__" at "stages\[8\]\.config"/);
  });

  it('refuses unknown keys and unknown stage kinds', () => {
    const raw = saved() as unknown as Json;
    raw.stages[2]!.extra = 1;
    expect(() => readPipeline(raw)).toThrow(/stages\[2\]/);
    const other = saved() as unknown as Json;
    other.stages[2]!.kind = 'magic';
    expect(() => readPipeline(other)).toThrow(/"stages\[2\]\.kind"/);
  });

  it('requires each fixed stage exactly once', () => {
    const raw = saved() as unknown as Json;
    raw.stages = raw.stages.filter((s) => s.kind !== 'train');
    raw.edges = raw.edges.filter((e) => e.source !== 'train' && e.target !== 'train');
    expect(() => readPipeline(raw)).toThrow(/exactly one Train stage \(found 0\)/);
  });

  it('refuses edges the editor would refuse, naming the edge', () => {
    const raw = saved() as unknown as Json;
    raw.edges.push({ id: 'x', source: 'deploy', target: 'data' });
    expect(() => readPipeline(raw)).toThrow(new RegExp(`"edges\\[${raw.edges.length - 1}\\]": Deploy is the end`));
    const dangling = saved() as unknown as Json;
    dangling.edges.push({ id: 'y', source: 'data', target: 'ghost' });
    expect(() => readPipeline(dangling)).toThrow(/no longer exists/);
  });

  it('caps sizes', () => {
    const raw = saved() as unknown as Json;
    raw.stages = Array.from({ length: STAGES_MAX + 1 }, (_, i) => ({ ...raw.stages[8]!, id: `n${i}` }));
    expect(() => readPipeline(raw)).toThrow(/"stages": may hold at most 100 stages/);
    const notes = saved() as unknown as Json;
    notes.stages[8]!.config = { text: 'x'.repeat(10_001) };
    expect(() => readPipeline(notes)).toThrow(/stages\[8\]\.config\.text/);
  });

  it('refuses duplicate ids and odd id characters', () => {
    const raw = saved() as unknown as Json;
    raw.stages[8]!.id = 'data';
    expect(() => readPipeline(raw)).toThrow(/"stages\[8\]\.id": repeats the id "data"/);
    const odd = saved() as unknown as Json;
    odd.stages[8]!.id = '<script>';
    expect(() => readPipeline(odd)).toThrow(/stages\[8\]\.id/);
  });
});
