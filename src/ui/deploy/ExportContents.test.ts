import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExportContents } from './ExportContents';

describe('Deploy page: what the ZIP holds', () => {
  const html = renderToStaticMarkup(createElement(ExportContents));

  it('lists every folder of the ZIP, ONNX and PyTorch included', () => {
    const folders = [...html.matchAll(/<li><code>([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(folders).toEqual(['tfjs/', 'web/', 'keras/', 'onnx/', 'pytorch/']);
    expect(html).toContain('model.onnx for onnxruntime');
    expect(html).toContain('weights.npz');
    expect(html).toContain('train.py to train it again on a bigger machine');
  });
});
