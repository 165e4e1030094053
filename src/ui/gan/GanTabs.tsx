import type { GanPart } from '../../model/gan';
import { appStore, useAppStore } from '../../store/app-store';
import { PART_TITLE, useGanAnalysis } from './gan-analysis';

const PARTS: readonly GanPart[] = ['generator', 'discriminator'];

/** A GAN's two graphs as tabs over the one canvas; each tab counts the problems on its graph. */
export function GanTabs() {
  const active = useAppStore((s) => s.gan?.active);
  const analysis = useGanAnalysis();
  if (!active || !analysis) return null;
  return (
    <div className="gan-tabs" role="tablist" aria-label="GAN networks">
      {PARTS.map((part) => {
        const problems = analysis.issues.filter((i) => i.graph === part).length;
        return (
          <button
            key={part}
            type="button"
            role="tab"
            aria-selected={active === part}
            className={`gan-tab${active === part ? ' is-active' : ''}`}
            onClick={() => appStore.getState().switchGanPart(part)}
          >
            {PART_TITLE[part]}
            {problems > 0 && (
              <span className="gan-tab-problems" aria-label={`${problems} problem${problems === 1 ? '' : 's'}`}>
                {problems}
              </span>
            )}
          </button>
        );
      })}
      <span className="gan-tabs-note">
        {analysis.latentDim !== null ? `latent ${analysis.latentDim}` : 'latent ?'} →{' '}
        {analysis.imageShape ? `images ${analysis.imageShape.join('×')}` : 'images ?'} → real/fake score
      </span>
    </div>
  );
}
