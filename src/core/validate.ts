/**
 * What the scenario validators (`sim/`, `ftp/`, `nat/`, `tls/`) share: the plain-object guard, the
 * way a wrong value is named in a message, and a collector of problems (a path such as
 * `$.steps[2].bytes` and why) with the field checks whose messages are the same in every module.
 * Checks of one module (ports, addresses, host names) stay in that module, as methods of a
 * subclass or local functions.
 *
 * Pure: no DOM, nothing thrown on user input.
 */

/** A JSON object as a validator reads it. */
export type Obj = Record<string, unknown>;

/** True for an object that is neither null nor an array. */
export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Longest part of a string quoted back in a message; a longer string is cut there and ends in
 * "…". An editorial choice: enough to recognise the value, short enough for one line.
 */
export const DESCRIBED_STRING_MAX = 40;

/**
 * Names a value for a message: `null`, `an array`, `an object`, `NaN`, `Infinity`,
 * `the string "abc"` (cut after {@link DESCRIBED_STRING_MAX} characters), `number 7`,
 * `boolean true`.
 */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'string') {
    return `the string ${JSON.stringify(v.length > DESCRIBED_STRING_MAX ? `${v.slice(0, DESCRIBED_STRING_MAX)}…` : v)}`;
  }
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** One thing wrong with an input: where (`$.steps[2].bytes`) and why. */
export interface ValidationProblem {
  path: string;
  message: string;
}

/** The words of {@link ProblemCollector.number}'s messages that differ between modules. */
export interface NumberWording {
  /** Start of the message for a value that is not a finite number. */
  notANumber: string;
  /** The comparison for a value at or below an exclusive minimum ("must be greater than 0"). */
  aboveExclusive: string;
}

/** The TCP simulator's and the FTP model's wording (the NAT model passes its own). */
export const DEFAULT_NUMBER_WORDING: NumberWording = { notANumber: 'must be a finite number', aboveExclusive: 'greater than' };

/** What {@link ProblemCollector.number} accepts. */
export interface NumberRule {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** `min` itself is refused. */
  minExclusive?: boolean;
  /** Written after the limits: "at least 1 ms". */
  unit?: string;
  /** A missing value is reported as "is required" (otherwise it is simply absent). */
  required?: boolean;
  /** Why the minimum, added in brackets to the "at least" message. */
  why?: string;
}

/**
 * Collects problems, and checks one field of an object at a time: each check returns the value
 * when it is usable, and otherwise records a problem at `path.key` and returns undefined.
 */
export class ProblemCollector {
  readonly problems: ValidationProblem[] = [];
  readonly #wording: NumberWording;

  constructor(numberWording: NumberWording = DEFAULT_NUMBER_WORDING) {
    this.#wording = numberWording;
  }

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Reports keys not in `known`; typos in hand-written URLs should not pass silently. */
  keys(obj: Obj, path: string, known: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) this.add(`${path}.${key}`, `unknown field "${key}" (expected one of: ${known.join(', ')})`);
    }
  }

  /** A finite number within `rule`'s limits. */
  number(obj: Obj, key: string, path: string, rule: NumberRule): number | undefined {
    const v = obj[key];
    const p = `${path}.${key}`;
    if (v === undefined) {
      if (rule.required === true) this.add(p, 'is required');
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.add(p, `${this.#wording.notANumber}, got ${describeValue(v)}`);
      return undefined;
    }
    if (rule.integer === true && !Number.isInteger(v)) {
      this.add(p, `must be a whole number, got ${v}`);
      return undefined;
    }
    const unit = rule.unit === undefined ? '' : ` ${rule.unit}`;
    const why = rule.why === undefined ? '' : ` (${rule.why})`;
    if (rule.minExclusive === true ? v <= rule.min : v < rule.min) {
      this.add(p, `must be ${rule.minExclusive === true ? this.#wording.aboveExclusive : 'at least'} ${rule.min}${unit}${why}, got ${v}`);
      return undefined;
    }
    if (v > rule.max) {
      this.add(p, `must be at most ${rule.max}${unit}, got ${v}`);
      return undefined;
    }
    return v;
  }

  /** One of the strings in `allowed`; a missing value is a problem only when `required`. */
  oneOf<T extends string>(obj: Obj, key: string, path: string, allowed: readonly T[], required = false): T | undefined {
    const v = obj[key];
    if (v === undefined) {
      if (required) this.add(`${path}.${key}`, `is required (one of ${allowed.map((a) => `"${a}"`).join(', ')})`);
      return undefined;
    }
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.add(`${path}.${key}`, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${describeValue(v)}`);
    return undefined;
  }

  /** A plain object. A missing one is reported with `ifMissing` when given (each module words it its own way). */
  object(obj: Obj, key: string, path: string, ifMissing?: string): Obj | undefined {
    const v = obj[key];
    if (v === undefined) {
      if (ifMissing !== undefined) this.add(`${path}.${key}`, ifMissing);
      return undefined;
    }
    if (!isObject(v)) {
      this.add(`${path}.${key}`, `must be an object, got ${describeValue(v)}`);
      return undefined;
    }
    return v;
  }

  /** An array of at most `max` entries (the entries are the caller's to check). */
  array(obj: Obj, key: string, path: string, required: boolean, max: number): unknown[] | undefined {
    const v = obj[key];
    if (v === undefined) {
      if (required) this.add(`${path}.${key}`, 'is required (an array, possibly empty)');
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.add(`${path}.${key}`, `must be an array, got ${describeValue(v)}`);
      return undefined;
    }
    if (v.length > max) {
      this.add(`${path}.${key}`, `has ${v.length} entries, at most ${max} are allowed`);
      return undefined;
    }
    return v;
  }

  /** true or false; absent is fine. */
  boolean(obj: Obj, key: string, path: string): boolean | undefined {
    const v = obj[key];
    if (v === undefined) return undefined;
    if (typeof v === 'boolean') return v;
    this.add(`${path}.${key}`, `must be true or false, got ${describeValue(v)}`);
    return undefined;
  }
}
