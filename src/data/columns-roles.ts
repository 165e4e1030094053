/**
 * The two roles that give a column an Input of its own — `text` (token ids) and `id` (one index per
 * value, for an Embedding) — and the checks that a column can take the one it was given.
 */
import type { ColumnOverride, ColumnRole, ColumnSchema } from './columns';
import type { ColumnProfile } from './columns-profile';
import type { DataProblem } from './errors';

/** Roles whose column feeds a model Input of its own (see PreparedDataset.inputs). */
export function ownInputRole(role: ColumnRole | undefined): role is 'text' | 'id' {
  return role === 'text' || role === 'id';
}

/** Types whose cells are words: a `text` role tokenizes them. */
const TEXT_LIKE: ReadonlySet<ColumnSchema['type']> = new Set(['text', 'categorical']);

/** What inference said about a column that the user has now given an Input of its own: no longer true. */
const SET_ASIDE_CODES: ReadonlySet<DataProblem['code']> = new Set(['text-ignored', 'id-column', 'constant-column']);

/**
 * `problems` without the "ignored" notes of columns given a `text` or `id` role, plus an error for
 * each such role a column cannot take: `text` on a column that is not text-like, `id` on a column
 * with fewer than two values, and either on the label.
 */
export function settleRoleProblems(
  problems: readonly DataProblem[],
  columns: readonly ColumnSchema[],
  profiles: readonly ColumnProfile[],
  overrides: Readonly<Record<string, ColumnOverride>>,
  label: string | null,
): DataProblem[] {
  const own = (name: string | undefined) => name !== undefined && ownInputRole(overrides[name]?.role);
  const out = problems.filter((p) => !(own(p.column) && SET_ASIDE_CODES.has(p.code)));
  columns.forEach((c, i) => {
    const role = overrides[c.name]?.role;
    if (!ownInputRole(role)) return;
    if (c.name === label) {
      out.push({
        severity: 'error',
        code: 'label-unusable',
        column: c.name,
        message: `column ${c.name} is the label, so it cannot also take the ${role} role (a model input); choose another label column, or set ${c.name}'s role to label`,
      });
    } else if (role === 'text' && !TEXT_LIKE.has(c.type)) {
      out.push({
        severity: 'error',
        code: 'bad-type',
        column: c.name,
        message: `column ${c.name} is ${c.type}, so the text role has no words to read in it; set its type to text first, or give it the feature role`,
      });
    } else if (role === 'id' && (profiles[i]!.distinct ?? 2) < 2) {
      const what =
        profiles[i]!.present === 0
          ? 'has no values'
          : `has one value (${profiles[i]!.top[0]?.value ?? ''}) in every row`;
      out.push({
        severity: 'error',
        code: 'bad-type',
        column: c.name,
        message: `column ${c.name} ${what}, so as an id it would tell every row the same thing; give the id role to a column of user or item identifiers, or ignore ${c.name}`,
      });
    }
  });
  return out;
}
