import { z } from 'zod';

/** Number rules shared by the project file's schemas. */
export const finite = z.number().refine(Number.isFinite, 'must be a finite number');
/** A metric that may have been NaN or ±Infinity in memory: JSON carries those as null. */
export const measured = finite.nullable();
export const count = (max: number) => z.number().int().min(0).max(max);
export const fraction = z.number().min(0).max(1);
