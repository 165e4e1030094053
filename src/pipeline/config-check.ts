import { z } from 'zod';
import { HP_OPTIMIZERS, RULE_METRICS, RULE_OPS, type ConfigByKind, type RuleMetric, type StageKind } from './types';

/**
 * Zod schemas for each stage kind's config. Edits (updateStageConfig) and loading (readPipeline)
 * both check against these, so a pipeline in the store is always one the runner can use.
 */

export const TEXT_MAX = 2_000;
export const NOTES_MAX = 10_000;
export const HP_VALUES_MAX = 10;
export const HP_TRIALS_MAX = 50;

/** Metrics whose values lie in 0…1 (a threshold of 90 is a percent typed by mistake). */
const UNIT_METRICS: readonly RuleMetric[] = ['accuracy', 'f1', 'precision', 'recall'];

const text = (max: number) => z.string().max(max, `must be at most ${max.toLocaleString('en-US')} characters`);

export const ruleSchema = z
  .strictObject({
    metric: z.enum(RULE_METRICS, `must be one of ${RULE_METRICS.join(', ')}`),
    op: z.enum(RULE_OPS, `must be one of ${RULE_OPS.join(' ')}`),
    threshold: z.number('must be a finite number'),
  })
  .superRefine((rule, ctx) => {
    const t = rule.threshold;
    if (UNIT_METRICS.includes(rule.metric) && (t < 0 || t > 1)) {
      const hint = t > 1 && t <= 100 ? ` (for ${t}% write ${(t / 100).toFixed(2)})` : '';
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `${rule.metric} ranges from 0 to 1, so the threshold must too${hint}`,
      });
    } else if (rule.metric === 'r2' && t > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: 'r2 is at most 1, so a threshold above 1 can never be met',
      });
    } else if (rule.metric === 'perplexity' && t < 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: 'perplexity is at least 1 (a model sure of every token), so the threshold must be 1 or more',
      });
    } else if (['mae', 'mse', 'rmse', 'loss', 'bitsPerChar', 'frechet'].includes(rule.metric) && t < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `${rule.metric} is never negative, so the threshold must be 0 or more`,
      });
    }
  });

const values = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(1, 'needs at least one value')
    .max(HP_VALUES_MAX, `may hold at most ${HP_VALUES_MAX} values`)
    .refine((v) => new Set(v).size === v.length, 'has the same value twice');

const int = (min: number, max: number, what: string) =>
  z
    .number('must be a number')
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

export const hpParamSchema = z.discriminatedUnion(
  'name',
  [
    z.strictObject({
      name: z.literal('learningRate'),
      values: values(
        z
          .number('must be a number')
          .gt(0, 'a learning rate must be above 0')
          .max(10, 'a learning rate above 10 only diverges'),
      ),
    }),
    z.strictObject({ name: z.literal('batchSize'), values: values(int(1, 65_536, 'a batch size')) }),
    z.strictObject({ name: z.literal('epochs'), values: values(int(1, 10_000, 'epochs')) }),
    z.strictObject({
      name: z.literal('optimizer'),
      values: values(z.enum(HP_OPTIMIZERS, `must be one of ${HP_OPTIMIZERS.join(', ')}`)),
    }),
  ],
  { error: 'must name learningRate, batchSize, epochs or optimizer' },
);

export const configSchemas = {
  scenario: z.strictObject({
    taskType: z.enum(['classification', 'regression'], 'must be classification or regression'),
    description: text(TEXT_MAX),
    requirement: text(TEXT_MAX),
    rule: ruleSchema,
  }),
  hpsearch: z.strictObject({
    mode: z.enum(['grid', 'random'], 'must be grid or random'),
    params: z
      .array(hpParamSchema)
      .min(1, 'needs at least one parameter to search')
      .max(4, 'may search at most 4 parameters')
      .refine((ps) => new Set(ps.map((p) => p.name)).size === ps.length, 'lists the same parameter twice'),
    maxTrials: int(1, HP_TRIALS_MAX, 'the number of trials'),
    seed: int(0, 2 ** 32 - 1, 'the seed'),
  }),
  notes: z.strictObject({ text: text(NOTES_MAX) }),
  data: z.strictObject({}),
  model: z.strictObject({}),
  train: z.strictObject({}),
  evaluate: z.strictObject({}),
  deploy: z.strictObject({}),
  optimize: z.strictObject({}),
  preprocess: z.strictObject({}),
  augment: z.strictObject({}),
} satisfies { [K in StageKind]: z.ZodType<ConfigByKind[K]> };

/** `stages[2].config.rule` from a zod issue path. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)),
    '',
  );
}

/** Why `config` is not a valid config for `kind` ("rule.threshold: …"), or null. */
export function configProblem(kind: StageKind, config: unknown): string | null {
  const parsed = configSchemas[kind].safeParse(config);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (!issue) return 'invalid settings';
  const where = pathText(issue.path);
  return where ? `${where}: ${issue.message}` : issue.message;
}
