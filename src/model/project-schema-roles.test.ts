import { describe, expect, it } from 'vitest';
import { columnSettingsSchema } from './project-schema';

describe('column roles in a saved project', () => {
  it('keeps the text and id roles (mixed inputs), and refuses a role that does not exist', () => {
    for (const role of ['feature', 'label', 'ignore', 'text', 'id']) {
      expect(columnSettingsSchema.parse({ role })).toEqual({ role });
    }
    expect(columnSettingsSchema.safeParse({ role: 'embedding' }).success).toBe(false);
  });
});
