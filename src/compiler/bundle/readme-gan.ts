/**
 * The README section of a GAN generator's export: how to draw images with it outside the page, in
 * Python with the PyTorch project, from the same seeded latents the page and the app draw (a port of
 * mulberry32 and the Box–Muller step), so one seed gives the same images everywhere.
 */
import type { GanGeneratorMetadata } from './metadata-gan';
import { mdCode } from './readme';

/** How many images the snippets draw, as the page does. */
export const SNIPPET_IMAGES = 16;

/**
 * The Python snippet: the seed's latents, the generator's images (with the PyTorch or the Keras
 * project), and a PGM/PPM row of them.
 */
export function ganPythonSnippet(gan: GanGeneratorMetadata, project: 'pytorch' | 'keras' = 'pytorch'): string {
  const { latent, image } = gan;
  const grey = image.channels === 1;
  const torch = project === 'pytorch';
  const imports = torch
    ? 'import torch\n\nsys.path.insert(0, "pytorch")\nfrom model import load_model  # noqa: E402'
    : 'sys.path.insert(0, "keras")\nfrom model import build_model  # noqa: E402\nfrom load_weights import load_weights  # noqa: E402';
  const load = torch ? 'model = load_model()' : 'model = build_model()\nload_weights(model)';
  const draw = torch
    ? 'with torch.no_grad():\n    images = model(torch.from_numpy(latents(SEED, COUNT, LATENT))).numpy()'
    : 'images = model.predict(latents(SEED, COUNT, LATENT), verbose=0)';
  return `# pip install ${torch ? 'torch' : 'tensorflow'} numpy
# Run from the root of this export. Draws ${SNIPPET_IMAGES} images for a seed, the same ones the page (web/) draws.
import math
import sys

import numpy as np
${imports}

SEED = 1
COUNT = ${SNIPPET_IMAGES}
LATENT = ${latent.size}


def mulberry32(seed):
    """Layerloom's seeded stream of numbers in [0, 1) (src/data/random.ts)."""
    state = seed & 0xFFFFFFFF

    def imul(a, b):
        return (a * b) & 0xFFFFFFFF

    def draw():
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = imul(state ^ (state >> 15), state | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return draw


def latents(seed, count, size):
    """Standard normal draws, two numbers of the stream each (Box-Muller), as the page and the app draw them."""
    rng = mulberry32(seed)
    values = [math.sqrt(-2 * math.log(1 - rng())) * math.cos(2 * math.pi * rng()) for _ in range(count * size)]
    return np.array(values, dtype=np.float32).reshape(count, size)


${load}
${draw}
# images: [count, ${image.height}, ${image.width}, ${image.channels}], values in [0, 1]
pixels = np.round(np.clip(images, 0, 1) * 255).astype(np.uint8)

# One row of images with a 1-pixel gap, as a ${grey ? 'PGM' : 'PPM'} file any image viewer opens.
gap = np.zeros((${image.height}, 1, ${image.channels}), dtype=np.uint8)
row = np.concatenate([part for p in pixels for part in (p, gap)][:-1], axis=1)
with open("samples-seed-%d.${grey ? 'pgm' : 'ppm'}" % SEED, "wb") as f:
    f.write(b"${grey ? 'P5' : 'P6'} %d %d 255\\n" % (row.shape[1], row.shape[0]))
    f.write(row${grey ? '[:, :, 0]' : ''}.tobytes())
`;
}

/** "## Generating images": what the generator takes and gives, and the Python snippet. */
export function ganReadme(gan: GanGeneratorMetadata, pytorch: boolean): string {
  const { latent, image } = gan;
  return [
    '',
    '## Generating images',
    '',
    `This model is the generator of a GAN: it turns a vector of ${latent.size} random numbers (its input \`${latent.input}\`,`,
    'standard normal draws) into an image. Its output is one image per vector, `[height, width, channels]` =',
    `[${image.height}, ${image.width}, ${image.channels}], channels last, values in [${image.range.join(', ')}]; a pixel is \`${image.toPixel}\`.`,
    '`metadata.json` says so in its `gan` part. The page in `web/` draws 16 images for a seed; the same seed always',
    'draws the same images, in the page, in Layerloom and in the snippet below.',
    '',
    ...(pytorch ? ['### Images in Python', '', mdCode('python', ganPythonSnippet(gan)), ''] : []),
  ].join('\n');
}
