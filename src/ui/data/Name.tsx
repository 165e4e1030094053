/**
 * A name from the user's file (a column, class, folder or file name) inside a line of text: cut
 * with "…" by CSS when it does not fit, so one long name cannot widen the page; the title holds it whole.
 */
export function InlineName({ text }: { text: string }) {
  return (
    <span className="data-inline-name" title={text}>
      {text}
    </span>
  );
}
