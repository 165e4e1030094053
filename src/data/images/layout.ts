/**
 * The class-folder layout: each class is a folder, under any number of common parent folders
 * (`animals/cat/1.png`, `animals/dog/2.png` → classes cat and dog). Images deeper inside a class
 * folder belong to that class, as in Keras' `image_dataset_from_directory`.
 */
import type { SkippedFile } from './collect';
import type { ImageSample, ValidImage } from './sample';
import { basename, dirname } from './paths';

export type LayoutResult =
  | {
      readonly ok: true;
      /** The folder the classes (or the labels CSV) sit in; '' for the top level. */
      readonly root: string;
      /** The labels CSV used, or null for class folders. */
      readonly labelsFile: string | null;
      readonly labelled: readonly ImageSample[];
      readonly skipped: SkippedFile[];
      readonly warnings: string[];
    }
  | { readonly ok: false; readonly error: string };

const HOW_TO =
  "put each class's images in its own folder, e.g. cats/…, dogs/…, or add a labels.csv with filename,label";

/** Longest run of leading folder names shared by every path. */
export function commonFolder(paths: readonly string[]): string {
  let common: string[] | null = null;
  for (const p of paths) {
    const dir = dirname(p);
    const segs = dir === '' ? [] : dir.split('/');
    if (common === null) {
      common = segs;
      continue;
    }
    let i = 0;
    while (i < common.length && i < segs.length && common[i] === segs[i]) i++;
    common = common.slice(0, i);
  }
  return (common ?? []).join('/');
}

export function classFolderLayout(images: readonly ValidImage[]): LayoutResult {
  const root = commonFolder(images.map((im) => im.path));
  const prefix = root === '' ? '' : `${root}/`;
  const labelled: ImageSample[] = [];
  const loose: ValidImage[] = [];
  for (const im of images) {
    const rel = im.path.slice(prefix.length);
    const slash = rel.indexOf('/');
    if (slash < 0) loose.push(im);
    else labelled.push({ ...im, label: rel.slice(0, slash) });
  }
  if (labelled.length === 0) {
    const count = `${images.length} image${images.length === 1 ? '' : 's'}`;
    if (root === '') return { ok: false, error: `found ${count} at the top level but no class folders; ${HOW_TO}` };
    // Every image sits in one folder: that folder is the only class (as Keras would read it).
    const only = basename(root);
    const parent = dirname(root);
    return {
      ok: false,
      error:
        `found only one class folder, "${only}" (${count}${parent === '' ? '' : `, in "${parent}"`}); a classifier needs at least two classes: ` +
        `add a folder for each other class next to "${only}", or add a labels.csv with filename,label`,
    };
  }
  const classes = [...new Set(labelled.map((im) => im.label))];
  const where = root === '' ? 'the top level' : `"${root}"`;
  const skipped = loose.map((im) => ({
    path: im.path,
    reason: `not inside a class folder (it sits directly in ${where}); move it into one of the class folders (${classes.slice(0, 3).join(', ')}${classes.length > 3 ? ', …' : ''})`,
  }));
  const warnings =
    loose.length > 0
      ? [
          `${loose.length} image${loose.length === 1 ? ' is' : 's are'} not inside a class folder and ${loose.length === 1 ? 'was' : 'were'} left out.`,
        ]
      : [];
  return { ok: true, root, labelsFile: null, labelled, skipped, warnings };
}
