/**
 * The Deploy page's code snippets for a GAN generator: draw the page's images for a seed (web/gan.js's
 * latents and grid) in a browser, in Node (written as a PGM/PPM file), and in Python with the Keras
 * project. Other models' snippets (snippets.ts) predict from one input instead.
 */
import type { GanGeneratorMetadata } from './metadata-gan';
import { ganPythonSnippet, SNIPPET_IMAGES } from './readme-gan';
import { NODE_LOAD_LINES, type ExportSnippets } from './snippets';

const drawLines = (where: 'browser' | 'node') => [
  'const { latent, image } = metadata.gan; // latent size; image height, width, channels',
  '',
  `// ${SNIPPET_IMAGES} latent vectors from seed 1: the images the page (and Layerloom) draw for that seed.`,
  `const count = ${SNIPPET_IMAGES};`,
  'const z = tf.tensor2d(latentBatch(1, count, latent.size), [count, latent.size]);',
  `const values = ${where === 'browser' ? 'await model.predict(z).data()' : 'model.predict(z).dataSync()'}; // count × [height, width, channels], in [0, 1]`,
  '// Rows of 4 with 1-pixel gaps as 8-bit RGBA: round(clamp(value, 0, 1) * 255).',
  'const grid = imageGrid(values, count, image);',
];

function browser(): string {
  return [
    '// In a page that loads web/tf.min.js and has a <canvas id="images">, served over http next to the',
    '// tfjs/ and web/ folders of this export.',
    "import { imageGrid, latentBatch } from './web/gan.js';",
    '',
    'const tf = globalThis.tf;',
    "const model = await tf.loadLayersModel('tfjs/model.json');",
    "const metadata = await (await fetch('tfjs/metadata.json')).json();",
    ...drawLines('browser'),
    "const canvas = document.getElementById('images');",
    'canvas.width = grid.width;',
    'canvas.height = grid.height;',
    "canvas.getContext('2d').putImageData(new ImageData(grid.rgba, grid.width, grid.height), 0, 0);",
  ].join('\n');
}

function node(): string {
  return [
    '// Save as generate.mjs at the root of this export; `npm install @tensorflow/tfjs`, then `node generate.mjs`.',
    "import * as tf from '@tensorflow/tfjs';",
    "import { readFile, writeFile } from 'node:fs/promises';",
    "import { imageGrid, latentBatch } from './web/gan.js';",
    '',
    ...NODE_LOAD_LINES,
    ...drawLines('node'),
    '',
    '// As a PGM (grey) or PPM (colour) file any image viewer opens.',
    'const grey = image.channels === 1;',
    'const bytes = grid.rgba.filter((_, i) => i % 4 < (grey ? 1 : 3));',
    "const header = `${grey ? 'P5' : 'P6'} ${grid.width} ${grid.height} 255\\n`;",
    "const file = `samples-seed-1.${grey ? 'pgm' : 'ppm'}`;",
    'await writeFile(file, Buffer.concat([Buffer.from(header), Buffer.from(bytes)]));',
    'console.log(`Wrote ${count} images to ${file}`);',
  ].join('\n');
}

export function ganSnippets(gan: GanGeneratorMetadata): ExportSnippets {
  return { browser: browser(), node: node(), python: ganPythonSnippet(gan, 'keras') };
}
