import { useState, type DragEvent } from 'react';
import { useAppStore } from '../../store/app-store';
import type { Progress } from '../../worker/data-protocol';
import { appSession } from '../../session/app';
import { filesOfDrop } from './drop-folder';
import { applyTable } from './apply';

async function openFile(file: File) {
  if (/\.zip$/i.test(file.name)) return appSession().data.loadZip(file);
  // One .txt is a text to model, unless its first lines are a table (a tab-separated export).
  if (/\.txt$/i.test(file.name)) {
    if ((await appSession().data.loadTxt(file)) === 'csv') await applyTable();
    return;
  }
  await appSession().data.loadCsv(file);
  await applyTable();
}

const amount = (n: number, unit: Progress['unit']) =>
  unit === 'bytes' ? `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MB` : `${n.toLocaleString()} ${unit}`;

export function ProgressBar() {
  const { busy, progress, elapsedS } = useAppStore((s) => s.dataPage);
  if (!busy) return null;
  const fraction = progress?.total ? Math.min(1, progress.done / progress.total) : null;
  const eta = fraction && fraction > 0.02 ? Math.max(0, elapsedS / fraction - elapsedS) : null;
  return (
    <div className="data-progress" role="status">
      <progress max={1} value={fraction ?? undefined} aria-label="Progress" />
      <span>
        {progress ? `${progress.phase}: ${amount(progress.done, progress.unit)}` : 'Working…'}
        {progress?.total ? ` of ${amount(progress.total, progress.unit)}` : ''}
        {progress?.rows !== undefined ? ` · ${progress.rows.toLocaleString()} rows` : ''}
        {eta !== null ? ` · about ${Math.ceil(eta)} s left` : ''}
      </span>
      <button type="button" onClick={() => appSession().data.cancel()}>
        Cancel
      </button>
    </div>
  );
}

export function UploadArea() {
  const [over, setOver] = useState(false);
  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const dropped = await filesOfDrop(e.dataTransfer);
    if (dropped.kind === 'folder') void appSession().data.loadFolder(dropped.files, dropped.name);
    else if (dropped.file) void openFile(dropped.file);
  };
  return (
    <section
      className={`data-drop${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => void onDrop(e)}
      aria-label="Upload data"
    >
      <p>Drop a CSV file, a .txt file, a ZIP or folder of images or of .txt files in class folders here, or:</p>
      <label className="data-button">
        Choose a CSV, .txt or ZIP file
        <input
          type="file"
          accept=".csv,.tsv,.txt,.zip,text/csv,application/zip"
          data-testid="data-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openFile(file);
          }}
        />
      </label>
      <label className="data-button">
        Choose a folder
        <input
          type="file"
          data-testid="data-folder-input"
          ref={(el) => el?.setAttribute('webkitdirectory', '')}
          multiple
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            const name = files[0]?.webkitRelativePath.split('/')[0] ?? 'folder';
            if (files.length) void appSession().data.loadFolder(files.map((file) => ({ path: file.webkitRelativePath || file.name, file })), name);
          }}
        />
      </label>
      <p className="data-hint">Everything stays in this browser: nothing is uploaded anywhere.</p>
      <ProgressBar />
    </section>
  );
}
