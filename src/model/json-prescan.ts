import { MAX_JSON_DEPTH, pathText } from './json-guard';

/**
 * A depth check over JSON text that runs before `JSON.parse`. V8 parses deep nesting without
 * recursion, so `[[[[…` 200 MB long parses into 200 million arrays (gigabytes) before the
 * tree walk in json-guard.ts ever sees it. This scan counts brackets outside strings and stops at
 * the first one past the limit, so such a file is refused after reading a few bytes of it.
 *
 * It is no parser: it tracks only "inside a string" and "after a backslash". That is enough,
 * because brackets count only outside strings, and `"` and `\` are ASCII: in UTF-8 no byte of a
 * multi-byte character is below 0x80, so the same scan works on raw bytes and on text.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Nesting the scan lets through to `JSON.parse`: a few times the walk's limit, so a file just
 * past that limit still gets the walk's message naming the place (parsing 256 levels is nothing),
 * while gigantic nesting never reaches the parser.
 */
export const PRESCAN_MAX_DEPTH = 4 * MAX_JSON_DEPTH;

/** Largest JSON file the browser reads (a model.json or a project file); bigger ones are refused unread. */
export const MAX_BROWSER_JSON_BYTES = 64 * 1024 * 1024;

const COMMA = 0x2c;
/** The bytes the scan acts on outside strings (indexed by byte; non-ASCII bytes are none of them). */
const MARKS = new Uint8Array(256);
for (const c of [QUOTE, OPEN_LIST, CLOSE_LIST, OPEN_OBJECT, CLOSE_OBJECT, COMMA]) MARKS[c] = 1;
/** Key bytes kept per level for the message; longer keys are cut. */
const MAX_KEY_BYTES = 100;
/** Path segments named in the message; a deep path ends in "…". */
const MAX_PATH_SEGMENTS = 12;

/** One open list or object: where in it the scan is. */
interface Level {
  readonly list: boolean;
  index: number;
  key: number[];
}

export class JsonDepthScan {
  /** The open containers, outermost first; never longer than the limit, so a hostile file cannot grow it. */
  private readonly levels: Level[] = [];
  private inString = false;
  private escaped = false;
  /** The string being read is an object key: its bytes are kept to name the place. */
  private inKey = false;
  private expectingKey = false;
  private key: number[] = [];
  /** Bytes (or UTF-16 units, for text) seen so far: the place a problem is reported at. */
  private offset = 0;

  constructor(private readonly maxDepth = PRESCAN_MAX_DEPTH) {}

  /** Scans the next chunk; the problem ("is nested more than 256 levels deep at …") or null. */
  push(chunk: Uint8Array | string): string | null {
    const text = typeof chunk === 'string';
    const n = chunk.length;
    // Where the next quote and backslash are, found natively and kept until passed, so the
    // inside of long strings is skipped at memchr speed and the scan stays linear.
    let nextQuote = -1;
    let nextBackslash = -1;
    const find = (code: number, from: number) => {
      const at = text ? chunk.indexOf(code === QUOTE ? '"' : '\\', from) : chunk.indexOf(code, from);
      return at < 0 ? n : at;
    };
    for (let i = 0; i < n; i++) {
      if (this.inString && !this.escaped && !this.inKey) {
        if (nextQuote < i) nextQuote = find(QUOTE, i);
        if (nextBackslash < i) nextBackslash = find(BACKSLASH, i);
        i = Math.min(nextQuote, nextBackslash);
        if (i >= n) break;
      } else if (!this.inString) {
        // Digits, letters and whitespace between the marks that count: a tight loop per input kind.
        if (text) while (i < n && !MARKS[chunk.charCodeAt(i) & 0x7f]) i++;
        else while (i < n && !MARKS[chunk[i]!]) i++;
        if (i >= n) break;
      }
      const c = text ? chunk.charCodeAt(i) : chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.inKey) this.levels[this.levels.length - 1]!.key = this.key;
          this.inKey = false;
          continue;
        }
        if (this.inKey && this.key.length < MAX_KEY_BYTES) this.key.push(c);
      } else if (c === QUOTE) {
        this.inString = true;
        this.inKey = this.expectingKey;
        this.expectingKey = false;
        this.key = [];
      } else if (c === OPEN_LIST || c === OPEN_OBJECT) {
        if (this.levels.length >= this.maxDepth) return this.problem(text, this.offset + i);
        this.levels.push({ list: c === OPEN_LIST, index: 0, key: [] });
        this.expectingKey = c === OPEN_OBJECT;
      } else if (c === CLOSE_LIST || c === CLOSE_OBJECT) {
        this.levels.pop();
        this.expectingKey = false;
      } else if (c === COMMA) {
        const top = this.levels[this.levels.length - 1];
        if (top?.list) top.index++;
        else this.expectingKey = top !== undefined;
      }
    }
    this.offset += n;
    return null;
  }

  private problem(text: boolean, at: number): string {
    const decode = (key: number[]) => (text ? String.fromCharCode(...key) : new TextDecoder().decode(new Uint8Array(key)));
    const path = this.levels.slice(0, MAX_PATH_SEGMENTS).map((l) => (l.list ? l.index : decode(l.key)));
    const where = `${pathText(path)}${this.levels.length > MAX_PATH_SEGMENTS ? '…' : ''}`;
    return `is nested more than ${this.maxDepth} levels deep at "${where}" (${text ? 'character' : 'byte'} ${at.toLocaleString('en-US')}); it was refused before parsing`;
  }
}

/** The depth problem of a whole JSON text, or null. */
export function jsonDepthProblem(text: string, maxDepth = PRESCAN_MAX_DEPTH): string | null {
  return new JsonDepthScan(maxDepth).push(text);
}

export class JsonFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonFileError';
  }
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** Why a JSON file of this size is not read at all, or null. */
export function jsonSizeProblem(size: number, name: string, maxBytes = MAX_BROWSER_JSON_BYTES): string | null {
  if (size <= maxBytes) return null;
  return `${name} is ${mb(size)}; the limit for a JSON file is ${mb(maxBytes)}. A model.json holds only the topology (weights go in .bin files) and a project file a few MB, so a file this large is neither; it was not read`;
}

/**
 * Reads a JSON file the user picked (browser `File`, or any Blob) as text: refused unread when it
 * is larger than `maxBytes`, and while streaming as soon as it nests deeper than the JSON limit,
 * so neither a huge nor a hostile file reaches `JSON.parse` or fills the tab's memory.
 */
export async function readJsonBlob(file: Blob, name: string, maxBytes = MAX_BROWSER_JSON_BYTES): Promise<string> {
  const tooBig = jsonSizeProblem(file.size, name, maxBytes);
  if (tooBig) throw new JsonFileError(tooBig);
  const scan = new JsonDepthScan();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const problem = scan.push(value);
      if (problem) throw new JsonFileError(`${name} ${problem}`);
      parts.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  parts.push(decoder.decode());
  return parts.join('');
}
