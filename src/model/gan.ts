/**
 * A GAN is two plain graphs: a generator (a latent vector → an image) and a discriminator (an
 * image → one real/fake score). Each is analysed on its own by analyzeGraph; this file adds the
 * checks that span both, pinning each problem to a node of one graph or the other.
 *
 * The discriminator ends in one linear unit (a logit): the GAN losses apply the sigmoid
 * themselves (sigmoid cross-entropy on logits), which stays accurate where a sigmoid output
 * would saturate.
 */
import { analyzeGraph, label, type GraphAnalysis } from './analyze';
import type { Graph, LayerNode, Shape } from './graph';
import { formatShape, nodeById } from './graph';

export interface GanGraphs {
  readonly generator: Graph;
  readonly discriminator: Graph;
}

export type GanPart = 'generator' | 'discriminator';

export interface GanIssue {
  /** The node at fault, or null for a problem with the whole graph. */
  readonly nodeId: string | null;
  readonly graph: GanPart;
  readonly message: string;
}

export interface GanAnalysis {
  readonly generator: GraphAnalysis;
  readonly discriminator: GraphAnalysis;
  /** Each graph's own errors (tagged with its part) followed by the cross-graph ones. */
  readonly issues: readonly GanIssue[];
  /** The latent vector's length, when the generator's Input is a vector. */
  readonly latentDim: number | null;
  /** One image without the batch, when the generator's output is known. */
  readonly imageShape: readonly number[] | null;
}

const withoutBatch = (shape: Shape | undefined): Shape | undefined => shape?.slice(1);

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

/** The activation a node ends in: its own `activation` param, or an Activation layer's. */
function endsIn(node: LayerNode): string | null {
  const a = node.params.activation;
  return typeof a === 'string' ? a : null;
}

function one(
  part: GanPart,
  analysis: GraphAnalysis,
  graph: Graph,
  issues: GanIssue[],
): { input?: LayerNode; output?: LayerNode } {
  const name = part === 'generator' ? 'The generator' : 'The discriminator';
  const input = analysis.inputs.length === 1 ? nodeById(graph, analysis.inputs[0]!) : undefined;
  const output = analysis.outputs.length === 1 ? nodeById(graph, analysis.outputs[0]!) : undefined;
  if (analysis.inputs.length > 1) {
    for (const id of analysis.inputs.slice(1)) {
      issues.push({
        nodeId: id,
        graph: part,
        message: `${name} has ${analysis.inputs.length} Inputs but takes exactly one; delete the extra Input layers`,
      });
    }
  }
  if (analysis.outputs.length > 1) {
    for (const id of analysis.outputs.slice(1)) {
      const node = nodeById(graph, id);
      issues.push({
        nodeId: id,
        graph: part,
        message: `${name} has ${analysis.outputs.length} outputs but gives exactly one; connect ${node ? label(node) : id} onward or delete it`,
      });
    }
  }
  return { input, output };
}

/**
 * Both graphs' analyses and every problem that keeps the pair from training as a GAN: the
 * generator's Input must be a vector, the discriminator must end in one linear unit, and the
 * generator's output must have the discriminator's input shape (that error is pinned to both ends).
 */
export function analyzeGan(gan: GanGraphs): GanAnalysis {
  const g = analyzeGraph(gan.generator);
  const d = analyzeGraph(gan.discriminator);
  const issues: GanIssue[] = [
    ...g.errors.map((e) => ({ nodeId: e.nodeId, graph: 'generator' as const, message: e.message })),
    ...d.errors.map((e) => ({ nodeId: e.nodeId, graph: 'discriminator' as const, message: e.message })),
  ];
  const gen = one('generator', g, gan.generator, issues);
  const dis = one('discriminator', d, gan.discriminator, issues);

  let latentDim: number | null = null;
  const latent = gen.input ? withoutBatch(g.shapes.get(gen.input.id)) : undefined;
  if (gen.input && latent) {
    if (latent.length !== 1 || latent[0] === null) {
      issues.push({
        nodeId: gen.input.id,
        graph: 'generator',
        message: `The generator's ${label(gen.input)} has shape ${formatShape(latent)}, but it takes the latent vector: set its shape to one number, such as [64]`,
      });
    } else latentDim = latent[0]!;
  }

  const score = dis.output ? withoutBatch(d.shapes.get(dis.output.id)) : undefined;
  if (dis.output && score) {
    if (!sameShape(score, [1])) {
      issues.push({
        nodeId: dis.output.id,
        graph: 'discriminator',
        message: `The discriminator's last layer ${label(dis.output)} gives ${formatShape(score)}, but it must give one real/fake score: end it with a Flatten and a Dense with 1 unit`,
      });
    } else if (endsIn(dis.output) !== null && endsIn(dis.output) !== 'linear') {
      issues.push({
        nodeId: dis.output.id,
        graph: 'discriminator',
        message: `The discriminator's last layer ${label(dis.output)} applies ${endsIn(dis.output)}, but the GAN loss takes the raw score (a logit) and applies the sigmoid itself: set its activation to linear`,
      });
    }
  }

  const image = gen.output ? withoutBatch(g.shapes.get(gen.output.id)) : undefined;
  const wanted = dis.input ? withoutBatch(d.shapes.get(dis.input.id)) : undefined;
  if (gen.output && dis.input && image && wanted && !sameShape(image, wanted)) {
    const fix = `make the generator end in ${formatShape(wanted)} (change its last Reshape, Conv2DTranspose filters or add a Cropping2D) or set the discriminator's Input shape to ${formatShape(image)}`;
    issues.push({
      nodeId: gen.output.id,
      graph: 'generator',
      message: `The generator's output ${label(gen.output)} gives images of ${formatShape(image)}, but the discriminator's Input takes ${formatShape(wanted)}: ${fix}`,
    });
    issues.push({
      nodeId: dis.input.id,
      graph: 'discriminator',
      message: `The discriminator's ${label(dis.input)} takes ${formatShape(wanted)}, but the generator's output ${label(gen.output)} gives ${formatShape(image)}: ${fix}`,
    });
  }
  const imageShape = image && image.every((v) => v !== null) ? (image as number[]) : null;
  return { generator: g, discriminator: d, issues, latentDim, imageShape };
}
