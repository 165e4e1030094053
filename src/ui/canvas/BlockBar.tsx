import { Panel } from '@xyflow/react';
import { blockUses, isBlockNode } from '../../model/blocks';
import { actions, useAppStore } from '../../store/app-store';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

/**
 * Block commands for the selection, over the canvas: Make block for selected layers; Expand,
 * Reuse (linked or a copy) and Unlink for one selected block. Shortcuts: Ctrl+G, Ctrl+Shift+G.
 */
export function BlockBar() {
  const selection = useAppStore((s) => s.selection);
  const block = useAppStore((s) => {
    if (s.selection.length !== 1) return null;
    const node = s.graph.nodes.find((n) => n.id === s.selection[0]);
    return node && isBlockNode(node) ? node : null;
  });
  const uses = useAppStore((s) => (block ? (blockUses(s.graph).get(String(block.params.block)) ?? 1) : 0));
  if (selection.length === 0) return null;
  return (
    <Panel position="top-center">
      <div className="block-bar" role="toolbar" aria-label="Block tools">
        {block ? (
          <>
            <button
              type="button"
              onClick={() => actions.expandBlock(block.id)}
              title={`Expand into its layers (${mod}+Shift+G)`}
            >
              Expand block
            </button>
            <button
              type="button"
              onClick={() => actions.reuseBlock(block.id, true)}
              title="Another instance sharing this definition: an edit changes both; each has its own weights"
            >
              Reuse linked
            </button>
            <button
              type="button"
              onClick={() => actions.reuseBlock(block.id, false)}
              title="Another instance with its own copy of the definition"
            >
              Reuse as copy
            </button>
            {uses > 1 && (
              <button
                type="button"
                onClick={() => actions.unlinkBlock(block.id)}
                title="Give this instance its own copy of the definition"
              >
                Unlink
              </button>
            )}
          </>
        ) : (
          <button
            type="button"
            onClick={() => actions.makeBlock()}
            title={`Collapse the selected layers into one reusable block (${mod}+G)`}
          >
            Make block <kbd>{mod}+G</kbd>
          </button>
        )}
      </div>
    </Panel>
  );
}
