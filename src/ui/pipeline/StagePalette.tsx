import { PALETTE_KINDS, STAGE_KINDS_INFO } from '../../pipeline/catalog';
import { appStore, useAppStore } from '../../store/app-store';
import { usePaletteDrag } from '../canvas/use-palette-drag';

/**
 * Optional stages: click (or Enter) to add one where it belongs, or drag it onto the canvas with
 * a mouse, pen or finger.
 */
export function StagePalette() {
  const stages = useAppStore((s) => s.pipeline.stages);
  const { ghost, itemProps } = usePaletteDrag('stage');
  return (
    <section className="palette stage-palette" aria-label="Add a stage">
      <h3>Add a stage</h3>
      <p className="muted">Click to add and connect where it fits, or drag onto the canvas.</p>
      <ul className="stage-palette-items">
        {PALETTE_KINDS.map((kind) => {
          const info = STAGE_KINDS_INFO[kind];
          const full = stages.filter((s) => s.kind === kind).length >= info.max;
          return (
            <li key={kind}>
              <button
                type="button"
                className={`stage-palette-item kind-${kind}`}
                aria-disabled={full || undefined}
                aria-label={`Add ${info.label} stage`}
                title={
                  full
                    ? `The pipeline already has ${info.max === 1 ? 'a' : `${info.max}`} ${info.label} stage${info.max === 1 ? '' : 's'}`
                    : info.blurb
                }
                onClick={() => appStore.getState().addPipelineStage(kind)}
                // A full kind is not dragged; a click still says why it cannot be added.
                {...itemProps(kind, !full)}
              >
                <span className="stage-palette-name">{info.label}</span>
                <span className="stage-palette-blurb">{info.blurb}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {ghost && (
        <div className="palette-ghost" style={{ left: ghost.x, top: ghost.y }} aria-hidden>
          {STAGE_KINDS_INFO[ghost.item].label}
        </div>
      )}
    </section>
  );
}
