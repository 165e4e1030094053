/**
 * Keras passes MultiHeadAttention's value, key and causal flag as call arguments, not as a
 * plain list of inputs: Keras 3 writes `{args: [query, value], kwargs: {key, use_causal_mask}}`,
 * tf.keras 2 writes `[[query, 0, 0, {value: ref, key: ref, use_causal_mask: true}]]`. In a
 * Layerloom graph they are ports 0–2 and the `use_causal_mask` param.
 */

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The keyword arguments of a layer's one call, in either spelling; {} when there are none. */
function callKwargs(inbound: unknown): Json {
  if (!Array.isArray(inbound) || inbound.length !== 1) return {};
  const call = inbound[0];
  if (isObject(call)) return isObject(call.kwargs) ? call.kwargs : {};
  // Keras 2: a list of [layer, node, tensor, kwargs] refs; the query's ref carries the kwargs.
  const first = Array.isArray(call) && Array.isArray(call[0]) ? call[0] : call;
  return Array.isArray(first) && isObject(first[3]) ? first[3] : {};
}

/** Tensors a call passed by keyword (query, value, then key), as raw refs for the topology parser. */
export function attentionKeywordInputs(inbound: unknown): unknown[] {
  const kwargs = callKwargs(inbound);
  return ['query', 'value', 'key'].map((k) => kwargs[k]).filter((x) => x !== undefined && x !== null);
}

/** `use_causal_mask` given at the call, when it was given. */
export function attentionCausalFlag(inbound: unknown): boolean | undefined {
  const flag = callKwargs(inbound).use_causal_mask;
  return typeof flag === 'boolean' ? flag : undefined;
}

/**
 * Inputs in port order (query, value, key); a value that is the query and no key is
 * self-attention, one edge, and a key equal to the value is dropped likewise.
 */
export function attentionPorts<T extends { layer: string; node: number; tensor: number }>(refs: readonly T[]): T[] {
  const same = (a: T | undefined, b: T | undefined) =>
    !!a && !!b && a.layer === b.layer && a.node === b.node && a.tensor === b.tensor;
  const [query, value, key] = refs;
  if (!query) return [];
  if (!value) return [query];
  if (key && !same(key, value)) return [query, value, key];
  return same(query, value) ? [query] : [query, value];
}
