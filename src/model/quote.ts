/**
 * Names from files (layer names, column headers, weight paths) can be thousands of characters
 * with nowhere to break a line. Messages quote them cut short, so a sentence stays readable and
 * a notice or an error box keeps its size; the full name is still on the thing the message is about.
 */

/** How many characters of a name a message quotes. */
export const MAX_QUOTED_CHARS = 60;

/**
 * The first `max` UTF-16 units of `text`, never ending inside a surrogate pair: a lone half
 * would show as a replacement character and is not valid in every encoding the text may go to.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max > 0 && /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, Math.max(0, end));
}

/** `text` as a message quotes it: itself when short, else its first `max` characters and "…". */
export function quoteText(text: string, max = MAX_QUOTED_CHARS): string {
  return text.length <= max ? text : `${cutText(text, max)}…`;
}

/** A weight path ("model/layer/kernel") with each name in it quoted as above, so the last one still shows. */
export function quotePath(path: string, max = MAX_QUOTED_CHARS): string {
  return path
    .split('/')
    .map((part) => quoteText(part, max))
    .join('/');
}
