/**
 * The standalone page's stylesheet (web/style.css). Kept as text here rather than as a .css file:
 * Vitest turns every CSS import into an empty module, `?raw` included.
 */
export const STYLE_CSS = `:root {
  color-scheme: light dark;
  --fg: #1d2330;
  --bg: #f6f7f9;
  --panel: #ffffff;
  --muted: #5d6678;
  --accent: #3461d1;
  --error: #b3261e;
  font-family:
    system-ui,
    -apple-system,
    'Segoe UI',
    Roboto,
    sans-serif;
  line-height: 1.45;
}

@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6e9ef;
    --bg: #14171d;
    --panel: #1d2129;
    --muted: #9aa3b5;
    --accent: #7d9bff;
    --error: #ff8a80;
  }
}

body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
}

main {
  max-width: 48rem;
  margin: 0 auto;
  padding: 1.5rem 1rem 3rem;
}

h1 {
  margin: 0 0 0.25rem;
  font-size: 1.6rem;
  overflow-wrap: anywhere;
}

h2 {
  margin: 0 0 0.75rem;
  font-size: 1.1rem;
}

.muted {
  color: var(--muted);
}

.panel {
  background: var(--panel);
  border-radius: 10px;
  padding: 1rem 1.25rem;
  margin: 1rem 0;
  box-shadow: 0 1px 3px rgb(0 0 0 / 12%);
}

[hidden] {
  display: none !important;
}

#status.error {
  color: var(--error);
  font-weight: 600;
}

.fields {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
  gap: 0.75rem 1rem;
}

.field label,
label {
  display: block;
  font-size: 0.9rem;
  margin-bottom: 0.2rem;
  overflow-wrap: anywhere;
}

input,
select,
textarea {
  box-sizing: border-box;
  width: 100%;
  font: inherit;
  padding: 0.35rem 0.5rem;
  border: 1px solid var(--muted);
  border-radius: 6px;
  background: var(--bg);
  color: var(--fg);
}

.actions {
  display: flex;
  gap: 0.5rem;
  margin-top: 0.75rem;
}

button {
  font: inherit;
  padding: 0.4rem 1rem;
  border-radius: 6px;
  border: 1px solid var(--accent);
  background: var(--accent);
  color: #fff;
  cursor: pointer;
}

button.secondary {
  background: transparent;
  color: var(--accent);
}

.image-inputs {
  display: flex;
  flex-wrap: wrap;
  gap: 1.25rem;
  align-items: flex-start;
}

#pad {
  width: 280px;
  height: 280px;
  background: #000;
  border-radius: 6px;
  touch-action: none;
  cursor: crosshair;
}

#seen {
  width: 112px;
  height: 112px;
  image-rendering: pixelated;
  background: #000;
  border-radius: 4px;
}

.bars {
  list-style: none;
  margin: 0;
  padding: 0;
}

.bars li {
  display: grid;
  grid-template-columns: minmax(6rem, 12rem) 1fr 4.5rem;
  gap: 0.75rem;
  align-items: center;
  margin: 0.3rem 0;
}

.bars .name {
  overflow-wrap: anywhere;
}

.bars progress {
  width: 100%;
  height: 0.9rem;
  accent-color: var(--accent);
}

.bars .pct {
  text-align: right;
  font-variant-numeric: tabular-nums;
}

.value {
  font-size: 1.4rem;
  font-variant-numeric: tabular-nums;
  overflow-wrap: anywhere;
}

footer {
  margin-top: 2rem;
  font-size: 0.85rem;
}

.tokens {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem;
  margin: 0.5rem 0 0;
  padding: 0;
  list-style: none;
}

.tokens li {
  padding: 0.05rem 0.35rem;
  border: 1px solid var(--muted);
  border-radius: 4px;
  font-family: ui-monospace, monospace;
  white-space: pre;
}

.tokens li.unknown {
  border-color: var(--error);
  color: var(--error);
}

.tokens li.cut {
  opacity: 0.45;
  text-decoration: line-through;
}

.settings {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr));
  gap: 0.75rem;
  margin-top: 0.75rem;
}

.generated {
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  font-family: ui-monospace, monospace;
  min-height: 3rem;
}

.generated .prompt {
  color: var(--muted);
}

#gan-grid {
  display: block;
  width: min(100%, 28rem);
  height: auto;
  margin-top: 0.75rem;
  image-rendering: pixelated;
  background: #000;
  border-radius: 6px;
}
`;
