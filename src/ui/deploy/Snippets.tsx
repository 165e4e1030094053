import { useState } from 'react';

const TABS = [
  ['browser', 'TensorFlow.js (browser)'],
  ['node', 'TensorFlow.js (Node)'],
  ['python', 'Python (Keras)'],
] as const;

type Tab = (typeof TABS)[number][0];

/** Ready-to-paste code for the exported files, one tab per runtime, with a copy button. */
export function Snippets({ snippets }: { snippets: Record<Tab, string> }) {
  const [tab, setTab] = useState<Tab>('browser');
  const [copied, setCopied] = useState<Tab | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippets[tab]);
      setCopied(tab);
    } catch (_denied) {
      setCopied(null); // the text stays selectable in the box
    }
  };
  return (
    <section className="deploy-card" aria-label="Code snippets">
      <div role="tablist" aria-label="Snippet language" className="deploy-tabs">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
        <button type="button" onClick={() => void copy()}>
          {copied === tab ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre role="tabpanel" aria-label={TABS.find(([id]) => id === tab)![1]}>
        <code>{snippets[tab]}</code>
      </pre>
    </section>
  );
}
