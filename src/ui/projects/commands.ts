/** The browser side of project commands: downloads and the clipboard. */
import { downloadBlob } from '../../session/download';
import { appStore } from '../../store/app-store';
import { projectsRuntime } from '../../session/projects-app';

export async function exportAndDownload(id: string, includeDataset = false): Promise<void> {
  const file = await projectsRuntime().exportProject(id, { includeDataset });
  if (file) downloadBlob(new Blob([file.bytes.slice()], { type: 'application/zip' }), file.fileName);
}

export function exportCurrent(): Promise<void> {
  const id = appStore.getState().currentProjectId;
  return id ? exportAndDownload(id) : Promise.resolve();
}

export async function copyShareLink(id: string): Promise<void> {
  const url = await projectsRuntime().shareLink(id, location.href);
  if (!url) return;
  const notice = (text: string) => appStore.getState().setProjectNotice({ kind: 'info', text });
  try {
    await navigator.clipboard.writeText(url);
    notice('Share link copied. It holds the model and the pipeline; no data and no trained weights.');
  } catch (_blocked) {
    // Clipboard access can be refused (permissions, an unfocused page): let the user copy by hand.
    window.prompt('Copy this share link (model and pipeline only):', url);
  }
}
