import type { Params, Shape } from '../graph';
import { describeJsonKind } from '../import-errors';
import { fromKerasConfig, toKerasConfig } from '../keras-config';
import type { EnumParam } from '../params';
import { str } from '../params';
import { describeShape, requireMinRank } from '../shape-utils';
import type { LayerSpec } from '../spec';
import { ShapeError } from '../spec';
import { Dense } from './dense';
import { allRnnParams, RNN_BASE_NAME, RNN_KINDS, RNN_SPECS, rnnOutputShape, rnnSummary, rnnWeights, type RnnKind } from './rnn-shared';

/**
 * Wrappers hold one inner layer. Their params are the inner layer's params, flat, so the
 * inspector edits them like any other layer; Keras nests them as {layer: {class_name, config}}.
 */

const innerKind = (p: Params): RnnKind => {
  const k = str(p, 'layer', 'LSTM');
  return (RNN_KINDS as readonly string[]).includes(k) ? (k as RnnKind) : 'LSTM';
};

/** {class_name, config} of a wrapper's inner layer, in Keras 2, Keras 3 or tfjs spelling. */
function innerLayer(
  config: Record<string, unknown>,
  wrapper: string,
  example: string,
): { cls: string; config: Record<string, unknown> } {
  const raw = config.layer as { class_name?: unknown; className?: unknown; config?: unknown } | undefined;
  const named = raw ? (raw.class_name ?? raw.className) : undefined;
  if (named !== undefined && typeof named !== 'string') {
    throw new Error(
      `${wrapper}'s inner layer has ${describeJsonKind(named)} where a class name was expected (a string such as "${example}")`,
    );
  }
  const cls = named ?? '';
  if (!raw || !cls || typeof raw.config !== 'object' || raw.config === null) {
    throw new Error(`${wrapper} config has no inner layer ({layer: {class_name, config}})`);
  }
  return { cls, config: raw.config as Record<string, unknown> };
}

/**
 * The inner layer's own name, kept as the undeclared param `inner_name` (like `trainable`): tfjs
 * names a Bidirectional's weights `<wrapper>/forward_<inner>/kernel`, so a fixed inner name would
 * rename the weights of every model whose inner layer was named otherwise, on each export.
 */
const INNER_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export function wrapperInnerName(p: Params, fallback: string): string {
  const name = p.inner_name;
  return typeof name === 'string' && INNER_NAME.test(name) ? name : fallback;
}

/** `{inner_name}` from an inner layer's Keras config, when it names itself acceptably and not as the default. */
function innerNameParam(config: Record<string, unknown>, fallback: string): { inner_name?: string } {
  const name = config.name;
  return typeof name === 'string' && name !== fallback && INNER_NAME.test(name) ? { inner_name: name } : {};
}

const layerParam: EnumParam = {
  kind: 'enum',
  key: 'layer',
  label: 'Recurrent layer',
  options: RNN_KINDS,
  default: 'LSTM',
  help: 'The recurrent layer run once forwards and once backwards over the sequence.',
};

const mergeMode: EnumParam = {
  kind: 'enum',
  key: 'merge_mode',
  label: 'Merge mode',
  options: ['concat', 'sum', 'mul', 'ave'],
  default: 'concat',
  help: 'How the two directions are combined: concat doubles the features; sum, mul and ave keep them.',
};

const MERGE_MODES: readonly string[] = mergeMode.options;

export const Bidirectional: LayerSpec = {
  type: 'Bidirectional',
  category: 'Recurrent',
  description: 'Runs a recurrent layer forwards and backwards over the sequence and combines both; each step sees past and future.',
  inputs: { min: 1, max: 1 },
  params: [layerParam, ...allRnnParams(), mergeMode],
  summary: (p) => `${innerKind(p)} ${rnnSummary(p)} · ${str(p, 'merge_mode', 'concat')}`,
  inferShape(inputs, p) {
    const one = rnnOutputShape(innerKind(p), inputs, p);
    if (str(p, 'merge_mode', 'concat') !== 'concat') return one;
    const last = one[one.length - 1] as number;
    return [...one.slice(0, -1), 2 * last];
  },
  weights(inputs, p) {
    const kind = innerKind(p);
    // tfjs names the halves forward_<inner name>/ and backward_<inner name>/, and lists forward first.
    const base = wrapperInnerName(p, RNN_BASE_NAME[kind]);
    return [...rnnWeights(kind, inputs, p, `forward_${base}/`), ...rnnWeights(kind, inputs, p, `backward_${base}/`)];
  },
  keras: {
    className: 'Bidirectional',
    toConfig: (p, generic) => {
      const kind = innerKind(p);
      const inner = toKerasConfig(RNN_SPECS[kind], p);
      return {
        layer: { class_name: kind, config: { name: wrapperInnerName(p, RNN_BASE_NAME[kind]), trainable: p.trainable !== false, ...inner } },
        merge_mode: generic.merge_mode,
      };
    },
    fromConfig: (config, generic) => {
      const inner = innerLayer(config, 'Bidirectional', 'LSTM');
      if (!(RNN_KINDS as readonly string[]).includes(inner.cls)) {
        throw new Error(`Bidirectional around ${inner.cls} is not supported; it can wrap ${RNN_KINDS.join(', ')}`);
      }
      const mode = config.merge_mode === undefined ? 'concat' : config.merge_mode;
      if (typeof mode !== 'string' || !MERGE_MODES.includes(mode)) {
        throw new Error(`Bidirectional merge_mode ${JSON.stringify(mode)} is not supported; use one of ${MERGE_MODES.join(', ')}`);
      }
      const own = fromKerasConfig(RNN_SPECS[inner.cls as RnnKind], inner.config);
      return { ...generic, ...own, ...innerNameParam(inner.config, RNN_BASE_NAME[inner.cls as RnnKind]), layer: inner.cls, merge_mode: mode };
    },
  },
};

function requireSteps(input: Shape | undefined): Shape {
  if (input && input.length < 3) {
    throw new ShapeError(
      `needs an input of at least 3 dimensions [batch, timesteps, features] but receives ${describeShape(input)}; on a 2-D input use a plain Dense`,
      0,
    );
  }
  return requireMinRank(input, 3, 'batch, timesteps and features');
}

export const TimeDistributed: LayerSpec = {
  type: 'TimeDistributed',
  category: 'Recurrent',
  description: 'Applies the same Dense layer to every time step of a sequence (per-step classification, tagging).',
  inputs: { min: 1, max: 1 },
  params: Dense.params,
  summary: (p) => `Dense ${Dense.summary(p)}`,
  inferShape(inputs, p) {
    const x = requireSteps(inputs[0]);
    const step = Dense.inferShape([[x[0] ?? null, ...x.slice(2)]], p);
    return [step[0] ?? null, x[1] ?? null, ...step.slice(1)];
  },
  weights(inputs, p) {
    const x = requireSteps(inputs[0]);
    // tfjs builds the inner Dense under the wrapper's name: `time_distributed/kernel`.
    return Dense.weights([[x[0] ?? null, ...x.slice(2)]], p);
  },
  keras: {
    className: 'TimeDistributed',
    toConfig: (p) => ({
      layer: { class_name: 'Dense', config: { name: wrapperInnerName(p, 'dense'), trainable: p.trainable !== false, ...toKerasConfig(Dense, p) } },
    }),
    fromConfig: (config, generic) => {
      const inner = innerLayer(config, 'TimeDistributed', 'Dense');
      if (inner.cls !== 'Dense') throw new Error(`TimeDistributed around ${inner.cls} is not supported; only a Dense layer can be wrapped`);
      return { ...generic, ...fromKerasConfig(Dense, inner.config), ...innerNameParam(inner.config, 'dense') };
    },
  },
};
