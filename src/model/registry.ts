import type { Params, Shape } from './graph';
import { allLayerSpecs } from './layers';
import type { ParamDef } from './params';
import { defaultParams } from './params';
import { paramTotals } from './shape-utils';
import type { LayerSpec, WeightSpec } from './spec';

const byType = new Map<string, LayerSpec>();
const byKerasClass = new Map<string, LayerSpec>();
for (const spec of allLayerSpecs) {
  if (byType.has(spec.type)) throw new Error(`Layer type ${spec.type} is registered twice`);
  byType.set(spec.type, spec);
  byKerasClass.set(spec.keras.className, spec);
  for (const alias of spec.keras.aliases ?? []) byKerasClass.set(alias, spec);
}

/** `trainable` applies to every layer, so it is declared once here rather than in each spec. */
export const trainableParam: ParamDef = {
  kind: 'bool',
  key: 'trainable',
  label: 'Trainable',
  default: true,
  help: 'Untick to freeze this layer: its weights stay as they are during training (transfer learning).',
};

export function getSpec(type: string): LayerSpec | undefined {
  return byType.get(type);
}

export function specForKerasClass(className: string): LayerSpec | undefined {
  return byKerasClass.get(className);
}

export function layerTypes(): string[] {
  return [...byType.keys()];
}

export function specParams(spec: LayerSpec): readonly ParamDef[] {
  return [...spec.params, trainableParam];
}

export function defaultParamsFor(spec: LayerSpec): Record<string, Params[string]> {
  return defaultParams(specParams(spec));
}

/** Weights with the layer's `trainable` flag applied: a frozen layer's weights are all non-trainable. */
export function layerWeights(spec: LayerSpec, inputs: readonly Shape[], params: Params): WeightSpec[] {
  const frozen = params.trainable === false;
  return spec.weights(inputs, params).map((w) => (frozen ? { ...w, trainable: false } : w));
}

export function layerParamCount(spec: LayerSpec, inputs: readonly Shape[], params: Params) {
  return paramTotals(layerWeights(spec, inputs, params));
}
