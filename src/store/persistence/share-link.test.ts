import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildGraph, type LayerDraft } from '../../model/build';
import { templateGraph } from '../../model/templates';
import { defaultPipeline } from '../../pipeline/model';
import { readPipeline } from '../../pipeline/schema';
import { MAX_SHARE_CHARS, readSharePayload, shareHash, sharePayload } from './share-link';

const graph = buildGraph([{ type: 'Input', params: { shape: [28, 28, 1] } }, { type: 'Flatten' }, { type: 'Dense', params: { units: 10, activation: 'softmax' } }]);
const pipeline = JSON.parse(JSON.stringify(defaultPipeline())) as Record<string, unknown>;

/** A payload made by hand, as a forger would. */
const encode = (value: unknown) =>
  btoa(String.fromCharCode(...deflateSync(strToU8(JSON.stringify(value))))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('share links', () => {
  it('round-trips the graph and the pipeline, compressed', () => {
    const hash = shareHash({ name: 'Digits', graph, pipeline });
    expect(hash).toMatch(/^#\/share\/[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(JSON.stringify({ graph, pipeline }).length);
    const shared = readSharePayload(sharePayload(hash)!, readPipeline);
    expect(shared.name).toBe('Digits');
    expect(shared.graph).toEqual(graph);
    expect(shared.pipeline).toEqual(defaultPipeline());
    expect(shared.pipelineJson).toEqual(pipeline);
    expect(sharePayload('#/model')).toBeNull();
  });

  it('fits a large template and refuses what is too long, saying what to do instead', () => {
    expect(shareHash({ name: 'VGG', graph: templateGraph('mnist-cnn'), pipeline: null }).length).toBeLessThan(MAX_SHARE_CHARS);
    const drafts: LayerDraft[] = [{ type: 'Input', params: { shape: [8] } }];
    for (let i = 1; i < 1500; i++) drafts.push({ type: 'Dense', name: `layer_${i}_${((i * 2654435761) % 2 ** 32).toString(36)}`, params: { units: 1 + i } });
    const huge = buildGraph(drafts);
    expect(() => shareHash({ name: 'Huge', graph: huge, pipeline: null })).toThrow(/too big for a link \([\d,]+ characters; the limit is 32,000\)\. Export a \.layerloom file instead/);
  });

  it('rejects a tampered link with a message naming the fault', () => {
    const payload = sharePayload(shareHash({ name: 'Digits', graph, pipeline }))!;
    const flipped = payload.slice(0, 40) + (payload[40] === 'A' ? 'B' : 'A') + payload.slice(41);
    expect(() => readSharePayload(flipped, readPipeline)).toThrow(/share link/);
    expect(() => readSharePayload(payload.slice(0, payload.length - 30), readPipeline)).toThrow(/share link is damaged/);
    expect(() => readSharePayload(`${payload.slice(0, 10)}!${payload.slice(11)}`)).toThrow(/character “!” at position 11/);
    expect(() => readSharePayload('')).toThrow(/empty/);
  });

  it('validates what a forged link decodes to', () => {
    const base = { format: 'layerloom-share', version: 1, name: 'x', graph, pipeline: null };
    const badUnits = JSON.parse(JSON.stringify(base));
    badUnits.graph.nodes[2].params.units = { evil: 1 };
    expect(() => readSharePayload(encode(badUnits))).toThrow(/invalid at "graph\.nodes\[2\]\.params\.units"/);
    const polluted = JSON.parse(JSON.stringify(base).replace('"params":{', '"params":{"__proto__":{"x":1},'));
    expect(() => readSharePayload(encode(polluted))).toThrow(/forbidden key "__proto__" at "graph\.nodes\[0\]\.params"/);
    expect(() => readSharePayload(encode({ ...base, pipeline: { stages: [], edges: [] } }), readPipeline)).toThrow(/pipeline is invalid/);
    expect(() => readSharePayload(encode({ ...base, format: 'other' }))).toThrow(/invalid at "format"/);
  });

  it('stops a link that would unpack to more than 4 MB', () => {
    const bomb = btoa(String.fromCharCode(...deflateSync(new Uint8Array(5 * 1024 * 1024).fill(32), { level: 1 })))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(bomb.length).toBeLessThan(MAX_SHARE_CHARS);
    expect(() => readSharePayload(bomb)).toThrow(/unpacks to more than 4 MB/);
  });
});
