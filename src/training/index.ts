/** The training core: pure TS + tfjs, shared by the worker, the CLI and tests. */
export * from './config';
export * from './types';
export { Trainer } from './trainer';
export { train, compileSeeded, buildSeeded } from './train';
export { evaluate, regularizationPenalty, type Evaluation, type EvaluateOptions } from './evaluate';
export * from './metrics';
export { TrainingControl, type ControlState } from './control';
export { readModelWeights, writeModelWeights } from './checkpoint';
export { scheduledLearningRate, plateauStep, type PlateauState } from './schedule';
export {
  makeOptimizer,
  readOptimizerState,
  optimizerFromState,
  setLearningRate,
  type NamedArray,
  type OptimizerState,
} from './optimizers';
export { lossFunction, encodeLabels } from './losses';
export { checkModelFit, type ModelFit } from './compat';
export { mulberry32, rngFor, withSeededRandom, type Rng, type SeededRng } from '../data/random';
export * from './backend';
export { stepTrial, type StepTrial, type StepTrialSpec } from './backend-trial';
export {
  TrainerSession,
  seededConfig,
  sessionTrial,
  type SeededConfig,
  type SessionHooks,
  type SessionSpec,
  type SessionStart,
  type TestScore,
} from './session';
export {
  setupWasm,
  wasmFeatures,
  wasmLabel,
  type WasmSetup,
  type WasmSetupOptions,
  type WasmFeatures,
} from './backend-wasm';
export * from './text';
