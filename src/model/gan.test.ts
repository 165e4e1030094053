import { describe, expect, it } from 'vitest';
import { buildGraph } from './build';
import { analyzeGan } from './gan';
import { dcganTemplate } from './gan-template';

const generator = (image: number[]) =>
  buildGraph([
    { type: 'Input', name: 'z', params: { shape: [16] } },
    { type: 'Dense', name: 'g_dense', params: { units: image.reduce((a, b) => a * b, 1), activation: 'sigmoid' } },
    { type: 'Reshape', name: 'g_out', params: { target_shape: image } },
  ]);

const discriminator = (image: number[], activation = 'linear', units = 1) =>
  buildGraph([
    { type: 'Input', name: 'img', params: { shape: image } },
    { type: 'Flatten', name: 'd_flat' },
    { type: 'Dense', name: 'd_out', params: { units, activation } },
  ]);

describe('analyzeGan', () => {
  it('accepts a generator whose output fits the discriminator, and reads the latent size and image shape', () => {
    const a = analyzeGan({ generator: generator([8, 8, 1]), discriminator: discriminator([8, 8, 1]) });
    expect(a.issues).toEqual([]);
    expect(a.latentDim).toBe(16);
    expect(a.imageShape).toEqual([8, 8, 1]);
  });

  it('pins a shape mismatch to both ends: the generator output and the discriminator input', () => {
    const gan = { generator: generator([8, 8, 1]), discriminator: discriminator([28, 28, 1]) };
    const a = analyzeGan(gan);
    const gOut = gan.generator.nodes.find((n) => n.name === 'g_out')!;
    const dIn = gan.discriminator.nodes.find((n) => n.name === 'img')!;
    expect(a.issues).toHaveLength(2);
    expect(a.issues).toContainEqual(expect.objectContaining({ graph: 'generator', nodeId: gOut.id }));
    expect(a.issues).toContainEqual(expect.objectContaining({ graph: 'discriminator', nodeId: dIn.id }));
    for (const issue of a.issues) {
      expect(issue.message).toContain('[8, 8, 1]');
      expect(issue.message).toContain('[28, 28, 1]');
      expect(issue.message).toMatch(/set the discriminator's Input shape/);
    }
  });

  it('asks for a vector latent Input', () => {
    const gen = buildGraph([
      { type: 'Input', name: 'z', params: { shape: [4, 4] } },
      { type: 'Flatten', name: 'g_flat' },
      { type: 'Dense', name: 'g_dense', params: { units: 64 } },
      { type: 'Reshape', name: 'g_out', params: { target_shape: [8, 8, 1] } },
    ]);
    const a = analyzeGan({ generator: gen, discriminator: discriminator([8, 8, 1]) });
    expect(a.issues).toEqual([
      expect.objectContaining({
        graph: 'generator',
        nodeId: gen.nodes[0]!.id,
        message: expect.stringMatching(/one number/),
      }),
    ]);
    expect(a.latentDim).toBeNull();
  });

  it('asks for one linear score unit at the end of the discriminator', () => {
    const wide = discriminator([8, 8, 1], 'linear', 2);
    const sigmoid = discriminator([8, 8, 1], 'sigmoid');
    const wideIssues = analyzeGan({ generator: generator([8, 8, 1]), discriminator: wide }).issues;
    const sigmoidIssues = analyzeGan({ generator: generator([8, 8, 1]), discriminator: sigmoid }).issues;
    expect(wideIssues).toEqual([
      expect.objectContaining({
        graph: 'discriminator',
        nodeId: wide.nodes[2]!.id,
        message: expect.stringMatching(/Dense with 1 unit/),
      }),
    ]);
    expect(sigmoidIssues).toEqual([
      expect.objectContaining({
        graph: 'discriminator',
        nodeId: sigmoid.nodes[2]!.id,
        message: expect.stringMatching(/linear/),
      }),
    ]);
  });

  it('reports extra Inputs and outputs, and each graph’s own errors tagged with its part', () => {
    const gen = buildGraph([
      { type: 'Input', name: 'z', params: { shape: [16] } },
      { type: 'Dense', name: 'g_dense', params: { units: 64 } },
      { type: 'Reshape', name: 'g_out', params: { target_shape: [8, 8, 1] } },
      { type: 'Dense', name: 'g_extra', params: { units: 3 }, from: ['g_dense'] },
    ]);
    const broken = buildGraph([
      { type: 'Input', name: 'img', params: { shape: [8, 8, 1] } },
      { type: 'Dense', name: 'd_out', params: { units: 0 } },
    ]);
    const a = analyzeGan({ generator: gen, discriminator: broken });
    expect(a.issues.filter((i) => i.graph === 'generator').map((i) => i.nodeId)).toContain(gen.nodes[3]!.id);
    expect(a.issues.some((i) => i.graph === 'discriminator' && i.nodeId === broken.nodes[1]!.id)).toBe(true);
  });
});

describe('dcganTemplate', () => {
  const shapes = (image: number[]) => {
    const gan = dcganTemplate(image);
    const a = analyzeGan(gan);
    const out = a.generator.shapes.get(a.generator.outputs[0]!);
    return { a, gan, out };
  };

  it.each([
    [[28, 28, 1], 7, 7],
    [[8, 8, 1], 2, 2],
    [[30, 21, 3], 8, 6],
  ])('builds a valid pair for %j images, drawn from a %i×%i map', (image, h0, w0) => {
    const { a, gan, out } = shapes(image);
    expect(a.issues).toEqual([]);
    expect(out).toEqual([null, ...image]);
    expect(a.imageShape).toEqual(image);
    expect(a.latentDim).toBe(64);
    const map = gan.generator.nodes.find((n) => n.name === 'g_map')!;
    expect(a.generator.shapes.get(map.id)).toEqual([null, h0, w0, 64]);
    expect(a.discriminator.shapes.get(a.discriminator.outputs[0]!)).toEqual([null, 1]);
  });

  it('puts a LayerNormalization before each hidden ReLU of the generator unless asked not to', () => {
    const plain = dcganTemplate([28, 28, 1], { normalization: 'none' });
    expect(plain.generator.nodes.some((n) => n.type === 'LayerNormalization')).toBe(false);
    expect(analyzeGan(plain).issues).toEqual([]);
    const gan = dcganTemplate([28, 28, 1]);
    expect(analyzeGan(gan).issues).toEqual([]);
    const types = gan.generator.nodes.map((n) => n.type);
    expect(types.filter((t) => t === 'LayerNormalization')).toHaveLength(2);
    expect(types.indexOf('LayerNormalization')).toBe(types.indexOf('ReLU') - 1);
    expect(gan.generator.nodes.find((n) => n.name === 'g_project')!.params.activation).toBe('linear');
  });

  it.each([[[28, 28, 1]], [[8, 8, 1]], [[30, 21, 3]]])(
    'doubles the map by bilinear resize + 3×3 convolution by default, nearest or transposed on request (%j)',
    (image) => {
      const resizes = (gan: ReturnType<typeof dcganTemplate>) =>
        gan.generator.nodes.filter((n) => n.type === 'UpSampling2D').map((n) => n.params.interpolation);
      const resize = dcganTemplate(image);
      const types = resize.generator.nodes.map((n) => n.type);
      expect(resizes(resize)).toEqual(['bilinear', 'bilinear']);
      expect(types).not.toContain('Conv2DTranspose');
      // Each resize is followed by the convolution that smooths it.
      types.forEach((t, i) => t === 'UpSampling2D' && expect(types[i + 1]).toBe('Conv2D'));
      expect(resize.generator.nodes.find((n) => n.name === 'g_image')!.params).toMatchObject({
        filters: image[2],
        kernel_size: [3, 3],
        activation: 'sigmoid',
      });
      const nearest = dcganTemplate(image, { upsampling: 'nearest' });
      expect(resizes(nearest)).toEqual(['nearest', 'nearest']);
      const transpose = dcganTemplate(image, { upsampling: 'transpose' });
      const transposeTypes = transpose.generator.nodes.map((n) => n.type);
      expect(transposeTypes.filter((t) => t === 'Conv2DTranspose')).toHaveLength(2);
      expect(transposeTypes).not.toContain('UpSampling2D');
      for (const gan of [resize, nearest, transpose]) {
        const a = analyzeGan(gan);
        expect(a.issues).toEqual([]);
        expect(a.generator.shapes.get(a.generator.outputs[0]!)).toEqual([null, ...image]);
      }
    },
  );

  it('sizes the discriminator by its own width when given, by the generator’s otherwise', () => {
    const filters = (gan: ReturnType<typeof dcganTemplate>) =>
      ['d_conv1', 'd_conv2'].map((name) => gan.discriminator.nodes.find((n) => n.name === name)!.params.filters);
    expect(filters(dcganTemplate([28, 28, 1]))).toEqual([32, 64]);
    expect(filters(dcganTemplate([28, 28, 1], { width: 48 }))).toEqual([24, 48]);
    const wide = dcganTemplate([28, 28, 1], { discriminatorWidth: 128 });
    expect(filters(wide)).toEqual([64, 128]);
    expect(wide.generator.nodes.find((n) => n.name === 'g_map')!.params.target_shape).toEqual([7, 7, 64]);
    expect(analyzeGan(wide).issues).toEqual([]);
  });

  it('crops only sizes that do not divide by 4, the odd row at the end', () => {
    expect(dcganTemplate([28, 28, 1]).generator.nodes.some((n) => n.type === 'Cropping2D')).toBe(false);
    const crop = dcganTemplate([30, 21, 3]).generator.nodes.find((n) => n.type === 'Cropping2D')!;
    expect(crop.params.cropping).toEqual([1, 1, 1, 2]);
  });

  it('refuses non-image shapes and images under 4×4 with a sentence', () => {
    expect(() => dcganTemplate([4])).toThrow(/height, width, channels/);
    expect(() => dcganTemplate([3, 8, 1])).toThrow(/at least 4×4/);
  });
});
