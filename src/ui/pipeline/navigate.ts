import { STAGE_KINDS_INFO } from '../../pipeline/catalog';
import type { Stage } from '../../pipeline/types';
import { appStore } from '../../store/app-store';

/** The page a stage opens, as a hash route (`#/data`), or null for stages edited in the side panel. */
export function stageHref(stage: Stage): string | null {
  const page = STAGE_KINDS_INFO[stage.kind].page;
  return page ? `#/${page}` : null;
}

/** Double-click / Enter on a stage: go to its editor page, or select it so the side panel edits it. */
export function openStage(stage: Stage): void {
  const href = stageHref(stage);
  if (href) window.location.hash = href;
  else appStore.getState().selectStage(stage.id);
}
