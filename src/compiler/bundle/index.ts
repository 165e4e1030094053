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
  tfjsFileEntries,
  type TfjsBundleInput,
  type TfjsFiles,
} from './tfjs-bundle';
export {
  buildCheckedExportZip,
  checkExportZip,
  ExportCheckError,
  weightDigests,
  type WeightFileDigest,
} from './verify-zip';
export { checkSavedModel } from './verify-saved';
export { buildExportParts, type ExportParts } from './export-parts';
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
  MAX_ZIP_BYTES,
  STANDALONE_FILE_NAMES,
  type ExportZipParts,
  type StandaloneFileName,
  type StandaloneSources,
} from './zip';
