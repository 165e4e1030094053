/**
 * The export bundle: tfjs files, metadata.json, a standalone try-it page, code snippets and the ZIP.
 * Pure (no DOM, no Node); the page's own files come from standalone/sources.ts (Vite `?raw`), which
 * is left out of this index so that plain Node can import the rest.
 */
export * from './metadata';
export {
  buildTfjsFiles,
  exportMetadata,
  jsonBytes,
  TFJS_FILE_NAMES,
  type TfjsBundleInput,
  type TfjsFileName,
  type TfjsFiles,
} from './tfjs-bundle';
export {
  browserSnippet,
  exportSnippets,
  jsKey,
  jsString,
  nodeSnippet,
  pythonSnippet,
  type ExportSnippets,
} from './snippets';
export { pyString } from './snippets-python';
export { exportReadme, mdCode, mdText } from './readme';
export {
  buildExportZip,
  exportZipEntries,
  ExportZipError,
  STANDALONE_FILE_NAMES,
  type ExportZipParts,
  type StandaloneFileName,
  type StandaloneSources,
} from './zip';
