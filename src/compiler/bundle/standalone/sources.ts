/// <reference types="vite/client" />
/**
 * The text of the standalone page's files, for `buildExportZip`. Vite's `?raw` imports work in the
 * app build and in Vitest. Plain Node (the tsx-run CLI) does not understand `?raw`: there, read the
 * files named in `STANDALONE_FILE_NAMES` from this folder instead (style.css is style.ts's STYLE_CSS), and
 * tokenize.js from src/data/text/.
 */
import appJs from './app.js?raw';
import ganJs from './gan.js?raw';
import indexHtml from './index.html?raw';
import layersJs from './layers.js?raw';
import preprocessJs from './preprocess.js?raw';
// The app's tokenizer, shipped byte for byte so the page tokenizes exactly as training did. Its text,
// not its code: src/compiler imports no src/data module here.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import tokenizeJs from '../../../data/text/tokenize.js?raw';
import type { StandaloneSources } from '../zip';
import { STYLE_CSS } from './style';

export const STANDALONE_SOURCES: StandaloneSources = {
  'index.html': indexHtml,
  'app.js': appJs,
  'preprocess.js': preprocessJs,
  'style.css': STYLE_CSS,
  'tokenize.js': tokenizeJs,
  'layers.js': layersJs,
  'gan.js': ganJs,
};
