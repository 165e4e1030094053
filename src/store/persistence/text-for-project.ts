/**
 * The Data page's text settings as a project keeps them: null for the defaults, and settings the
 * project file cannot hold (a text column name over the length limit) are left out rather than
 * making every save fail; the text then starts from its defaults after a reload.
 */
import { textSettingsSchema, type Project } from '../../model/project-schema';
import type { TextSettings } from '../../worker/data-protocol';

export function textForProject(settings: TextSettings): Project['data']['text'] {
  if (Object.keys(settings).length === 0) return null;
  const checked = textSettingsSchema.safeParse(settings);
  if (checked.success) return checked.data;
  const { textColumn: _dropped, ...rest } = settings;
  const again = textSettingsSchema.safeParse(rest);
  return again.success ? again.data : null;
}
