/**
 * The optimizers and losses Layerloom trains with: the one list of each. It lives in src/model
 * because the project schema (here) validates the Train form with it and src/model may import
 * nothing internal; src/training/config.ts, the store and the Train form all take it from here.
 */

export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'adagrad', 'adadelta', 'adam', 'adamax', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/**
 * Each optimizer's usual learning rate: the trainer's default, and what the Train form switches
 * to when another optimizer is picked. Adadelta adapts its own step size; 1.0 (the paper's value)
 * is what makes it learn at a normal pace.
 */
export const DEFAULT_LEARNING_RATE: Readonly<Record<OptimizerName, number>> = {
  sgd: 0.01,
  momentum: 0.01,
  adagrad: 0.01,
  adadelta: 1,
  adam: 0.001,
  adamax: 0.002,
  rmsprop: 0.001,
};

export const LOSS_NAMES = [
  'categorical_crossentropy',
  'sparse_categorical_crossentropy',
  'binary_crossentropy',
  'mse',
  'mae',
  'huber',
  'hinge',
] as const;
export type LossName = (typeof LOSS_NAMES)[number];
