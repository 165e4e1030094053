import { cutForBlock } from './block-select';
import { BLOCK_TYPE, blockKey, blockUses, definitionOf, flatName, innerLayers } from './blocks';
import { uniqueName } from './build';
import type { BlockDefinition, Edge, Graph, LayerNode, ParamValue, Position } from './graph';
import { newId } from './graph-ops';
import { quoteText } from './quote';

/**
 * Pure block edits (Make block, Expand, new linked or copied instances, editing a definition).
 * Like graph-ops, each returns a new graph or a reason, so the store records one undo step each.
 */
export type BlockEdit = { ok: true; graph: Graph; ids: string[] } | { ok: false; reason: string };

/** A name usable as a Keras layer name prefix: letters, digits and `_`, starting with a letter. */
export function blockBaseName(name: string): string {
  const base = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(base) ? base.slice(0, 40) : `block${base ? `_${base}` : ''}`.slice(0, 40);
}

const takenNames = (graph: Graph) => new Set(graph.nodes.map((n) => n.name));

function withDefinition(graph: Graph, key: string, def: BlockDefinition | null): Graph {
  const blocks = { ...graph.blocks };
  if (def) blocks[key] = def;
  else delete blocks[key];
  const { blocks: _old, ...rest } = graph;
  return Object.keys(blocks).length > 0 ? { ...rest, blocks } : rest;
}

/** A new block node for definition `key`, named after the definition and unique in the graph. */
function instanceNode(
  graph: Graph,
  key: string,
  def: BlockDefinition,
  position: Position,
  blockNames?: Record<string, string>,
): LayerNode {
  return {
    id: newId('n'),
    type: BLOCK_TYPE,
    name: uniqueName(takenNames(graph), blockBaseName(def.name)),
    params: { block: key },
    position,
    ...(blockNames ? { blockNames } : {}),
  };
}

/**
 * Make block: the selected layers become one block node with a new definition. The layers keep
 * their ids and edges inside the definition and their names on the instance (`blockNames`), so
 * the flattened model is the same model with the same weight names, and Expand restores it.
 */
export function makeBlock(graph: Graph, ids: Iterable<string>, name = 'block'): BlockEdit {
  const checked = cutForBlock(graph, ids);
  if (!checked.ok) return checked;
  const { layers, portSources, output } = checked.cut;
  const inside = new Set(layers.map((n) => n.id));
  const left = Math.min(...layers.map((n) => n.position.x));
  const top = Math.min(...layers.map((n) => n.position.y));
  const innerNames = new Set(layers.map((n) => n.name));
  const placeholders: LayerNode[] = portSources.map((_, p) => {
    const portName = uniqueName(innerNames, `input_${p}`);
    innerNames.add(portName);
    return { id: newId('port'), type: 'Input', name: portName, params: {}, position: { x: p * 200, y: -140 } };
  });
  const defEdges: Edge[] = [];
  for (const e of graph.edges) {
    if (!inside.has(e.target)) continue;
    const port = portSources.indexOf(e.source);
    defEdges.push(port >= 0 ? { ...e, source: placeholders[port]!.id } : e);
  }
  const def: BlockDefinition = {
    name,
    graph: {
      nodes: [
        ...placeholders,
        ...layers.map((n) => ({ ...n, position: { x: n.position.x - left, y: n.position.y - top } })),
      ],
      edges: defEdges,
    },
    inputs: placeholders.map((p) => p.id),
    output,
  };
  const key = newId('b');
  const instance = instanceNode(
    graph,
    key,
    def,
    { x: left, y: top },
    Object.fromEntries(layers.map((n) => [n.id, n.name])),
  );
  const edges: Edge[] = [];
  const fedPorts = new Set<string>();
  for (const e of graph.edges) {
    if (inside.has(e.target)) {
      // One edge per port, where the port's first edge was: ports are numbered in this order.
      if (!inside.has(e.source) && !fedPorts.has(e.source)) {
        fedPorts.add(e.source);
        edges.push({ id: newId('e'), source: e.source, target: instance.id });
      }
    } else edges.push(inside.has(e.source) ? { ...e, source: instance.id } : e);
  }
  const nodes = [...graph.nodes.filter((n) => !inside.has(n.id)), instance];
  return { ok: true, graph: withDefinition({ ...graph, nodes, edges }, key, def), ids: [instance.id] };
}

/**
 * Expand: the block node becomes its layers again, named as they are when flattened (so trained
 * weights still match). The definition goes when no other instance uses it.
 */
export function expandBlock(graph: Graph, id: string): BlockEdit {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node || node.type !== BLOCK_TYPE) return { ok: false, reason: 'Select one block node to expand' };
  const def = definitionOf(graph, node);
  if (!def)
    return {
      ok: false,
      reason: `Block '${quoteText(node.name)}' has no definition in this project, so there is nothing to expand; delete it`,
    };
  const usedIds = new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
  const fresh = (old: string, prefix: string) => {
    const next = usedIds.has(old) ? newId(prefix) : old;
    usedIds.add(next);
    return next;
  };
  const idOf = new Map<string, string>();
  const frozen = node.params.trainable === false;
  const layers = innerLayers(def).map((inner): LayerNode => {
    idOf.set(inner.id, fresh(inner.id, 'n'));
    const { blockNames: _none, ...plain } = inner;
    return {
      ...plain,
      id: idOf.get(inner.id)!,
      name: flatName(node, inner),
      params: frozen ? { ...inner.params, trainable: false } : inner.params,
      position: { x: node.position.x + inner.position.x, y: node.position.y + inner.position.y },
    };
  });
  const ports = graph.edges.filter((e) => e.target === id).map((e) => e.source);
  if (ports.length !== def.inputs.length) {
    return {
      ok: false,
      reason: `Block '${quoteText(node.name)}' needs ${def.inputs.length} input(s) but has ${ports.length}; connect them before expanding`,
    };
  }
  const outputId = idOf.get(def.output)!;
  const edges: Edge[] = graph.edges
    .filter((e) => e.target !== id)
    .map((e) => (e.source === id ? { ...e, source: outputId } : e));
  for (const e of def.graph.edges) {
    const port = def.inputs.indexOf(e.source);
    edges.push({
      id: fresh(e.id, 'e'),
      source: port >= 0 ? ports[port]! : idOf.get(e.source)!,
      target: idOf.get(e.target)!,
    });
  }
  const nodes = [...graph.nodes.filter((n) => n.id !== id), ...layers];
  const key = blockKey(node)!;
  const next: Graph = { ...graph, nodes, edges };
  const stillUsed = (blockUses(next).get(key) ?? 0) > 0;
  return { ok: true, graph: stillUsed ? next : withDefinition(next, key, null), ids: layers.map((n) => n.id) };
}

/** Ids of a definition made fresh, so a copy shares nothing with the original. */
function copyDefinition(def: BlockDefinition): BlockDefinition {
  const ids = new Map(def.graph.nodes.map((n) => [n.id, newId(n.type === 'Input' ? 'port' : 'n')]));
  return {
    name: def.name,
    graph: {
      nodes: def.graph.nodes.map((n) => ({ ...n, id: ids.get(n.id)! })),
      edges: def.graph.edges.map((e) => ({ id: newId('e'), source: ids.get(e.source)!, target: ids.get(e.target)! })),
    },
    inputs: def.inputs.map((i) => ids.get(i)!),
    output: ids.get(def.output)!,
  };
}

/** Adds a definition and one instance of it (a ready block from the palette). */
export function addBlock(graph: Graph, def: BlockDefinition, position: Position): BlockEdit {
  const key = newId('b');
  const instance = instanceNode(graph, key, def, position);
  return {
    ok: true,
    graph: withDefinition({ ...graph, nodes: [...graph.nodes, instance] }, key, def),
    ids: [instance.id],
  };
}

/**
 * Another instance of block `id`, beside it and unconnected: `linked` shares the definition (an
 * edit changes both; each keeps its own weights), otherwise it gets its own copy to change alone.
 */
export function reuseBlock(graph: Graph, id: string, linked: boolean): BlockEdit {
  const node = graph.nodes.find((n) => n.id === id);
  const def = node && definitionOf(graph, node);
  if (!node || !def) return { ok: false, reason: 'Select one block node to reuse' };
  const position = { x: node.position.x + 260, y: node.position.y };
  if (!linked) return addBlock(graph, copyDefinition(def), position);
  const instance = instanceNode(graph, blockKey(node)!, def, position);
  return { ok: true, graph: { ...graph, nodes: [...graph.nodes, instance] }, ids: [instance.id] };
}

/** Gives block `id` its own copy of its definition, so later edits to it leave the other instances alone. */
export function unlinkBlock(graph: Graph, id: string): BlockEdit {
  const node = graph.nodes.find((n) => n.id === id);
  const def = node && definitionOf(graph, node);
  if (!node || !def) return { ok: false, reason: 'Select one block node to unlink' };
  const copy = copyDefinition(def);
  const key = newId('b');
  // The copy's layers have new ids: carry the instance's recorded names over to them.
  const renamed = new Map(def.graph.nodes.map((n, i) => [n.id, copy.graph.nodes[i]!.id]));
  const blockNames = node.blockNames
    ? Object.fromEntries(Object.entries(node.blockNames).map(([k, v]) => [renamed.get(k) ?? k, v]))
    : undefined;
  const nodes = graph.nodes.map((n) =>
    n.id === id ? { ...n, params: { ...n.params, block: key }, ...(blockNames ? { blockNames } : {}) } : n,
  );
  return { ok: true, graph: withDefinition({ ...graph, nodes }, key, copy), ids: [id] };
}

/** Edits one layer of a definition: every linked instance changes with it. */
export function setBlockLayerParams(
  graph: Graph,
  key: string,
  innerId: string,
  patch: Readonly<Record<string, ParamValue>>,
): Graph {
  const def = graph.blocks?.[key];
  if (!def || !def.graph.nodes.some((n) => n.id === innerId)) return graph;
  const nodes = def.graph.nodes.map((n) => (n.id === innerId ? { ...n, params: { ...n.params, ...patch } } : n));
  return withDefinition(graph, key, { ...def, graph: { ...def.graph, nodes } });
}

/** Renames a definition (the name its instances show and new instances are named after). */
export function renameBlockDefinition(graph: Graph, key: string, name: string): Graph {
  const def = graph.blocks?.[key];
  return def && name.trim() ? withDefinition(graph, key, { ...def, name: name.trim() }) : graph;
}
