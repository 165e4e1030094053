import type { TokenView } from '../../data/text';

/** Whitespace drawn so a chip is never blank: a space as ␣, a newline as ↵, a tab as →. */
export function visibleToken(text: string): string {
  return text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '→') || '∅';
}

/** The first tokens shown as chips; a long text would bury the page. */
const MAX_CHIPS = 120;

/** One text's tokens as chips with their ids; tokens the vocabulary lacks are marked (they become [UNK]). */
export function TokenChips({ tokens, unkId }: { tokens: readonly TokenView[]; unkId: number }) {
  const shown = tokens.slice(0, MAX_CHIPS);
  return (
    <div className="text-chips" data-testid="token-chips" aria-label="Tokens with their ids">
      {shown.map((t, i) => (
        <span
          key={i}
          className={`text-chip${t.known ? '' : ' oov'}`}
          data-testid="token-chip"
          title={t.known ? `token ${t.id}` : `“${t.text}” is not in the vocabulary: it becomes [UNK] (id ${unkId})`}
        >
          <span className="text-chip-text">{visibleToken(t.text)}</span>
          <span className="text-chip-id">{t.id}</span>
        </span>
      ))}
      {tokens.length > shown.length ? (
        <span className="data-hint">… and {tokens.length - shown.length} more tokens</span>
      ) : null}
    </div>
  );
}
