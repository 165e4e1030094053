import type { Suggestion } from '../../pipeline/suggestions';
import { useOptimizeAdvice } from './use-advice';

const PAGE_LABEL = { data: 'Data', model: 'Model', train: 'Train' } as const;

/** The Optimize stage's advice for the latest scores: what to try, why, and where to do it. */
export function SuggestionList() {
  const { suggestions, check } = useOptimizeAdvice();
  if (suggestions.length === 0) {
    return (
      <p className="muted">
        {check && !check.met
          ? 'No specific advice from these scores.'
          : 'Train or run the pipeline; if the test score misses the target, suggestions appear here.'}
      </p>
    );
  }
  return (
    <section className="suggestions" aria-label="Optimize suggestions">
      {check && <p className="suggestions-check">{check.text}</p>}
      <ol>
        {suggestions.map((s: Suggestion) => (
          <li key={s.id} className="suggestion">
            <strong>{s.title}</strong>
            <span className="muted">{s.reason}</span>
            {s.page && <a href={`#/${s.page}`}>Open the {PAGE_LABEL[s.page]} page</a>}
          </li>
        ))}
      </ol>
    </section>
  );
}
