/**
 * Which CSV columns get an Input of their own in `layerloom train`: those --text-columns and
 * --id-columns name (checked against the file), or, for a template of id Inputs (recommendation)
 * and no such flag, the id-like columns when there are exactly as many as it takes.
 */
import type { DataChoices } from './data-options';
import { ownInputColumns } from './data-options';

/** A column-role choice that does not fit the file; train.ts adds the usage. */
export class ColumnRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ColumnRoleError';
  }
}

/** user_id, item id, movieId, ID: names that say the column identifies something. */
const ID_LIKE = /(^|[_\s.-])id$|[a-z]Id$|^id$/i;

export function isIdLike(name: string): boolean {
  return ID_LIKE.test(name);
}

/** What the model asks of the columns: its id Inputs by name (the recommendation template: user, item). */
export interface RoleWants {
  readonly template?: string;
  readonly idInputs: readonly string[];
}

/**
 * The choices with the columns' roles checked and, where the template asks for ids and no flag
 * named any, the id-like columns given the id role. Throws ColumnRoleError naming the flag.
 */
export function withColumnRoles(
  choices: DataChoices,
  columns: readonly string[],
  label: string | undefined,
  wants: RoleWants,
  file: string,
): DataChoices {
  const named = ownInputColumns(choices);
  for (const name of named) {
    const flag = `--${choices.columns[name]!.role}-columns`;
    if (!columns.includes(name)) {
      throw new ColumnRoleError(`${flag}: ${file} has no column '${name}'; its columns are ${columns.join(', ')}.`);
    }
    if (name === label) {
      throw new ColumnRoleError(`${flag}: '${name}' is the label (--label); a column is either predicted or an input.`);
    }
  }
  const k = wants.idInputs.length;
  if (k === 0 || named.length > 0) return choices;
  const candidates = columns.filter((c) => c !== label && isIdLike(c));
  if (candidates.length === k) {
    const roles = Object.fromEntries(candidates.map((c) => [c, { ...choices.columns[c], role: 'id' as const }]));
    return { ...choices, columns: { ...choices.columns, ...roles } };
  }
  const found =
    candidates.length === 0 ? 'no id-like column' : `${candidates.length} id-like columns (${candidates.join(', ')})`;
  const example = wants.idInputs.map((n) => `${n.toUpperCase()}_COLUMN`).join(',');
  throw new ColumnRoleError(
    `${wants.template ? `--template ${wants.template}` : 'The model'} takes ${k} id column${k === 1 ? '' : 's'} (${wants.idInputs.join(', ')}), but ${file} has ${found}; name ${k === 1 ? 'it' : 'them'} with --id-columns ${example}.`,
  );
}
