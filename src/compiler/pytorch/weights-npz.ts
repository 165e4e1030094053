import { elementCount, weightsOf, type LayerWeights } from '../../model/weights';
import { npzBytes, type NpyArray } from './npz';
import { PytorchExportError, type PytorchPlan } from './plan';

/** The npz key of a weight: the layer's key (its Python identifier), then the weight path with '.' for '/'. */
export function npzKey(layerKey: string, weightName: string): string {
  return `${layerKey}.${weightName.split('/').join('.')}`;
}

/** weights.npz: every weight of the plan, in tfjs manifest order, checked against its shape. */
export function weightsNpz(plan: PytorchPlan, weights: LayerWeights): Uint8Array {
  const arrays: [string, NpyArray][] = [];
  for (const node of plan.nodes) {
    const given = weightsOf(weights, node.node.name) ?? [];
    node.weights.forEach((w, i) => {
      // By name first; by position for weights saved before a spec renamed one (as the other exports do).
      const value = given.find((g) => g.name === w.name) ?? given[i];
      const what = `Weight '${w.name}' of ${node.node.type} ${JSON.stringify(node.node.name)}`;
      if (!value) throw new PytorchExportError(`${what} has no values; train or initialise the model before exporting`);
      const needed = elementCount(w.shape);
      if (value.values.length !== needed) {
        throw new PytorchExportError(
          `${what} has ${value.values.length} values but its shape [${w.shape.join(', ')}] needs ${needed}; train or re-initialise the model so its weights match the current layers`,
        );
      }
      arrays.push([npzKey(node.variable, w.name), { shape: w.shape, values: value.values }]);
    });
  }
  return npzBytes(arrays);
}
