import { describe, expect, it } from 'vitest';
import { initialDataPage } from '../../store/data-slice';
import type { PreparedDataset } from '../../data/types';
import { isRestoringData, type Restoring } from './data-loading';

const file = { kind: 'file', name: 'digits.zip', size: 1, type: 'images', fileInBundle: true } as const;
const base: Restoring = { dataset: null, datasetRef: file, datasetFile: new Blob(['x']), dataPage: initialDataPage, imageSettings: null, projectNotice: null };
const scanned = { ...initialDataPage, images: {} as NonNullable<typeof initialDataPage.images> };
const withLabel = (label: string | null) =>
  ({ ...initialDataPage, csv: {} as never, schema: { schema: { label } } as never }) as Restoring['dataPage'];

describe('is the project\'s data still being read back?', () => {
  it('yes between the restore\'s worker tasks, before anything is read', () => {
    expect(isRestoringData(base)).toBe(true);
    expect(isRestoringData({ ...base, dataPage: { ...initialDataPage, busy: true } })).toBe(true);
    expect(isRestoringData({ ...base, dataPage: scanned, imageSettings: { width: 28, height: 28, channels: 1, fit: 'stretch' } })).toBe(true);
    expect(isRestoringData({ ...base, datasetRef: { ...file, type: 'csv' }, dataPage: withLabel('kind') })).toBe(true);
  });
  it('no once there is data, none to come, or a failure', () => {
    expect(isRestoringData({ ...base, dataset: {} as PreparedDataset })).toBe(false);
    expect(isRestoringData({ ...base, datasetRef: null })).toBe(false);
    expect(isRestoringData({ ...base, datasetFile: null })).toBe(false);
    expect(isRestoringData({ ...base, dataPage: scanned })).toBe(false);
    expect(isRestoringData({ ...base, dataPage: withLabel(null) })).toBe(false);
    expect(isRestoringData({ ...base, dataPage: { ...initialDataPage, error: { severity: 'error', code: 'read-failed', message: 'x' } } })).toBe(false);
    expect(isRestoringData({ ...base, projectNotice: { kind: 'storage', text: 'no' } })).toBe(false);
  });
});
