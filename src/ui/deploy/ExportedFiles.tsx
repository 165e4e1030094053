import type { ReactNode } from 'react';

/** A byte count as people read it: 812 B, 14.2 KB, 3.07 MB. */
function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(2)} MB`;
}

export interface ExportedZip {
  readonly fileName: string;
  readonly zipBytes: number;
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  readonly warnings: readonly string[];
}

/** The ZIP just exported: its name and size, what it holds (the `children` say whose), each file, the warnings. */
export function ExportedFiles({ result, children }: { result: ExportedZip; children: ReactNode }) {
  return (
    <section className="deploy-card" aria-label="Exported files">
      <h3>
        {result.fileName} · {bytes(result.zipBytes)}
      </h3>
      <p className="deploy-run" data-testid="exported-run">
        {children}
      </p>
      <table className="eval-table">
        <tbody>
          {result.files.map((f) => (
            <tr key={f.path}>
              <td>
                <code>{f.path}</code>
              </td>
              <td>{bytes(f.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.warnings.map((w) => (
        <p key={w} className="problem-warning">
          {w}
        </p>
      ))}
    </section>
  );
}
