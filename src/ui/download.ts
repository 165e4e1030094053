/** Saves a blob under a file name through a temporary link; nothing leaves the machine. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name made from user text: letters, digits, dash and underscore only. */
export { safeFileName } from '../session/evaluation';
