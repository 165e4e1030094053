import type { PreparedDataset } from '../../data/types';
import { useAppStore } from '../../store/app-store';
import { score } from './format';

/**
 * For a built-in that ships a scikit-learn anchor (text: TF-IDF + logistic regression; movie
 * ratings: one-hot logistic regression), scored on the split its split column names, the anchor's
 * test accuracy beside the model's: "a classic baseline" to beat. Shown only while the data is
 * split by that column, so both scores come from the same test rows.
 */
export function ClassicBaseline({ dataset, accuracy }: { dataset: PreparedDataset; accuracy: number }) {
  const info = useAppStore((s) => s.dataPage.builtins?.find((b) => `builtin:${b.id}` === dataset.id));
  const splitColumn = useAppStore((s) => s.dataPage.settings.splitColumn);
  const sameRows = info?.kind === 'text' || (info?.kind === 'tabular' && info.splitColumn === (splitColumn ?? null));
  const anchor = info && info.kind !== 'image' && sameRows ? info.anchor : null;
  if (!anchor) return null;
  const share = accuracy / anchor.testAccuracy;
  return (
    <p className="eval-note eval-classic-baseline" data-testid="classic-baseline">
      A classic baseline, {anchor.model} ({anchor.settings}), reaches {score(anchor.testAccuracy)} test accuracy on the
      same split; this model reaches {score(accuracy)}, {Math.round(share * 100)}% of it.
    </p>
  );
}
