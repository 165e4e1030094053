import type { PreparedDataset } from '../../data/types';
import { useAppStore } from '../../store/app-store';
import { score } from './format';

/**
 * For a text built-in that ships a scikit-learn anchor (TF-IDF + logistic regression on the same
 * split), the anchor's test accuracy beside the model's: "a classic baseline" to beat.
 */
export function ClassicBaseline({ dataset, accuracy }: { dataset: PreparedDataset; accuracy: number }) {
  const info = useAppStore((s) => s.dataPage.builtins?.find((b) => `builtin:${b.id}` === dataset.id));
  const anchor = info?.kind === 'text' ? info.anchor : null;
  if (!anchor) return null;
  const share = accuracy / anchor.testAccuracy;
  return (
    <p className="eval-note eval-classic-baseline" data-testid="classic-baseline">
      A classic baseline, {anchor.model} ({anchor.settings}), reaches {score(anchor.testAccuracy)} test accuracy on the
      same split; this model reaches {score(accuracy)}, {Math.round(share * 100)}% of it.
    </p>
  );
}
