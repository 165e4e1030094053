import { describe, expect, it } from 'vitest';
import { csvSettingsSchema, MAX_COLUMN_NAME_CHARS } from '../../model/project-schema';
import { quoteText } from '../../model/quote';
import type { CsvSettings } from '../../worker/data-protocol';
import { csvForProject, csvLeftOutNotice } from './csv-for-project';

const LONG = `L${'x'.repeat(4998)}L`;
const TOO_LONG = 'y'.repeat(MAX_COLUMN_NAME_CHARS + 1);

describe('CSV choices as a project keeps them', () => {
  it('keeps a 5,000-character header as a column key and as the label', () => {
    const settings: CsvSettings = { label: LONG, columns: { [LONG]: { role: 'ignore' }, b: { type: 'numeric' } } };
    const { csv, leftOut } = csvForProject(settings);
    expect(leftOut).toEqual([]);
    expect(csv).toEqual(settings);
    expect(csvSettingsSchema.safeParse(csv).success).toBe(true);
  });

  it('leaves out a header longer than a project keeps, naming it, and saves the rest', () => {
    const settings: CsvSettings = { label: TOO_LONG, scaling: 'minmax', columns: { [TOO_LONG]: { role: 'label' }, b: { role: 'ignore' } } };
    expect(csvSettingsSchema.safeParse(settings).success).toBe(false);
    const { csv, leftOut } = csvForProject(settings);
    expect(csvSettingsSchema.safeParse(csv).success).toBe(true);
    expect(csv).toEqual({ scaling: 'minmax', columns: { b: { role: 'ignore' } } });
    expect(leftOut).toEqual([
      `column '${quoteText(TOO_LONG)}': its name has 10,001 characters, more than the 10,000 a project keeps`,
      `the label column '${quoteText(TOO_LONG)}'`,
    ]);
    expect(csvLeftOutNotice(leftOut)).toContain(`column '${quoteText(TOO_LONG)}'`);
  });

  it('leaves out values out of bounds and Object internals rather than failing the save', () => {
    const settings = {
      maxCategories: -3,
      columns: { constructor: { role: 'ignore' }, a: { maxCategories: 0.5 }, b: { role: 'feature' } },
    } as unknown as CsvSettings;
    const { csv, leftOut } = csvForProject(settings);
    expect(csvSettingsSchema.safeParse(csv).success).toBe(true);
    expect(csv).toEqual({ columns: { b: { role: 'feature' } } });
    expect(leftOut).toEqual(["column 'a': its settings are out of bounds", 'the maxCategories setting']);
  });

  it('has no notice when everything fits', () => {
    expect(csvLeftOutNotice(csvForProject({ columns: { a: { role: 'ignore' } } }).leftOut)).toBeNull();
  });
});
