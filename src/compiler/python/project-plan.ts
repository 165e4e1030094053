import { analyzeGraph, type GraphAnalysis } from '../../model/analyze';
import type { Graph, LayerNode, Shape } from '../../model/graph';
import { incomingEdges } from '../../model/graph';
import { getSpec, layerWeights } from '../../model/registry';
import type { WeightSpec } from '../../model/spec';
import { IdentifierAllocator } from './py-literal';

/**
 * Everything the file generators share: the graph in build order, each node's Keras 3 name and
 * Python variable, and the weights each layer has, in the order the app's export writes them.
 */

export class KerasProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KerasProjectError';
  }
}

export interface PlannedNode {
  readonly node: LayerNode;
  /** The name Keras 3 accepts: the node name, with '/' (which Keras 3 refuses) replaced. */
  readonly kerasName: string;
  /** The Python variable holding the layer's output tensor. */
  readonly variable: string;
  /** Variables of the inputs, in input order. */
  readonly inputs: readonly string[];
  readonly outputShape: Shape;
  readonly weights: readonly WeightSpec[];
}

export interface ProjectPlan {
  readonly nodes: readonly PlannedNode[];
  readonly inputs: readonly PlannedNode[];
  readonly outputs: readonly PlannedNode[];
  readonly modelName: string;
  readonly warnings: string[];
}

/** Keras 3 refuses '/' in any layer or model name (it separates weight paths). */
export function kerasName(name: string, fallback: string): string {
  const cleaned = name.replace(/\//g, '_');
  return cleaned === '' ? fallback : cleaned;
}

const describe = (node: LayerNode) => `${node.type} ${JSON.stringify(node.name)}`;

/**
 * Node names are user text and may be anything; the structure must not depend on them. So the
 * graph is analysed with placeholder names, and name problems are handled here: ones Keras
 * accepts become warnings, ones it cannot take are fixed or refused.
 */
function analyzeStructure(graph: Graph): GraphAnalysis {
  const placeholders: Graph = { ...graph, nodes: graph.nodes.map((n, i) => ({ ...n, name: `layer_${i}` })) };
  const analysis = analyzeGraph(placeholders);
  if (analysis.errors.length > 0) {
    // Put the real names back into what the analyser wrote about the placeholders.
    const messages = analysis.errors.map((e) =>
      graph.nodes.reduce((text, n, i) => text.split(`'layer_${i}'`).join(JSON.stringify(n.name)), e.message),
    );
    throw new KerasProjectError(
      `The model cannot be exported as a Keras project until these problems are fixed: ${messages.join('; ')}`,
    );
  }
  return analysis;
}

function checkNames(graph: Graph, warnings: string[]): Map<string, string> {
  const names = new Map<string, string>();
  const owner = new Map<string, LayerNode>();
  graph.nodes.forEach((node, i) => {
    const name = kerasName(node.name, `layer_${i}`);
    const clash = owner.get(name);
    if (clash) {
      throw new KerasProjectError(
        `${describe(clash)} and ${describe(node)} would both be named ${JSON.stringify(name)} in Keras; rename one of them`,
      );
    }
    owner.set(name, node);
    names.set(node.id, name);
    if (name !== node.name) {
      warnings.push(
        `${describe(node)} is named ${JSON.stringify(name)} in model.py: Keras 3 does not allow '/' (or an empty name); load_weights.py maps the weights across`,
      );
    }
  });
  return names;
}

export function planProject(graph: Graph, modelName: string): ProjectPlan {
  const warnings: string[] = [];
  const analysis = analyzeStructure(graph);
  const names = checkNames(graph, warnings);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const identifiers = new IdentifierAllocator();
  const variables = new Map<string, string>();
  const planned = new Map<string, PlannedNode>();
  const nodes: PlannedNode[] = [];
  for (const id of analysis.order) {
    const node = byId.get(id) as LayerNode;
    const spec = getSpec(node.type);
    if (!spec) throw new KerasProjectError(`${describe(node)} has unknown layer type ${node.type}`);
    const incoming = incomingEdges(graph, id);
    const inShapes = incoming.map((e) => analysis.shapes.get(e.source) as Shape);
    variables.set(id, identifiers.allocate(node.name));
    const entry: PlannedNode = {
      node,
      kerasName: names.get(id) as string,
      variable: variables.get(id) as string,
      inputs: incoming.map((e) => variables.get(e.source) as string),
      outputShape: analysis.shapes.get(id) as Shape,
      weights: node.type === 'Input' ? [] : layerWeights(spec, inShapes, node.params),
    };
    planned.set(id, entry);
    nodes.push(entry);
  }
  return {
    nodes,
    inputs: analysis.inputs.map((id) => planned.get(id) as PlannedNode),
    outputs: analysis.outputs.map((id) => planned.get(id) as PlannedNode),
    modelName: kerasName(modelName, 'layerloom_model'),
    warnings,
  };
}
