import type { CanvasPatch } from '../bindings/CanvasPatch';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { isErrorPayload } from './errors';
import type { StorageProvider } from './types';

/**
 * Runs the shared conformance vectors (conformance/vectors/*.json; the format is in
 * conformance/README.md) on a TypeScript store. The Rust suite runs the same files on SQLite and
 * PostgreSQL.
 */

/** One step: `do` (the operation), its arguments, and optionally `expect`, `fails` and `as`. */
export interface ConformanceStep {
  do: string;
  expect?: unknown;
  fails?: string;
  as?: string;
  [argument: string]: unknown;
}

export interface ConformanceVector {
  name: string;
  steps: ConformanceStep[];
}

/** What a vector drives: a store's canvas methods, and a way to let time pass. */
export type ConformanceStore = Pick<
  StorageProvider,
  | 'createCanvas'
  | 'saveCanvas'
  | 'importCanvases'
  | 'applyPatch'
  | 'renameCanvas'
  | 'duplicateCanvas'
  | 'trashCanvas'
  | 'restoreCanvas'
  | 'purgeCanvas'
  | 'setThumbnail'
  | 'getCanvas'
  | 'listCanvases'
  | 'listTrash'
> & {
  /** Waits (or moves the store's clock) so that a later time can differ. */
  sleep(ms: number): Promise<void>;
};

/** Results of earlier steps, by their `as` name. */
export type Bindings = Record<string, unknown>;

/** A vector the runner cannot read (an unknown operation, operator or reference): not a store failure. */
export class VectorError extends Error {}

type Json = unknown;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `$name` or `$name.path.to.field`; array elements are addressed by index (`$list.0.id`). */
const REFERENCE = /^\$([A-Za-z_][A-Za-z0-9_-]*)((?:\.[^.]+)*)$/;

/** The value a `$name.path` string stands for; any other value is returned as it is. */
export function resolveReference(text: string, bindings: Bindings): Json {
  const match = REFERENCE.exec(text);
  if (!match) return text;
  const [, name, path] = match;
  if (!(name in bindings)) throw new VectorError(`${text}: no earlier step is named '${name}'`);
  let value = bindings[name];
  for (const key of path.split('.').slice(1)) {
    const next =
      Array.isArray(value) && /^\d+$/.test(key)
        ? value[Number(key)]
        : isObject(value) && key in value
          ? value[key]
          : undefined;
    if (next === undefined) throw new VectorError(`${text}: '${name}' has nothing at '${key}'`);
    value = next;
  }
  return value;
}

/** Replaces every `$name.path` string in `value` (arguments or expectations) by what it names. */
export function resolveReferences(value: Json, bindings: Bindings): Json {
  if (typeof value === 'string') return resolveReference(value, bindings);
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, bindings));
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, bindings)]));
  return value;
}

const OPERATORS = ['$gt', '$ne', '$len', '$absent'];

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function at(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`;
}

/**
 * Where `actual` differs from the expectation, as `path: expected …, got …` lines (none when it
 * matches). Objects match partially (keys not given are ignored); arrays need the same length;
 * `null` matches `null` or a missing value; `{"$gt"|"$ne"|"$len"|"$absent": x}` are operators.
 */
export function mismatches(expected: Json, actual: unknown, path = 'result'): string[] {
  if (expected === null)
    return actual === null || actual === undefined ? [] : [`${path}: expected null, got ${show(actual)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return [`${path}: expected a list of ${expected.length}, got ${show(actual)}`];
    if (actual.length !== expected.length)
      return [`${path}: expected ${expected.length} items, got ${actual.length}: ${show(actual)}`];
    return expected.flatMap((item, i) => mismatches(item, actual[i], at(path, i)));
  }
  if (isObject(expected)) {
    const keys = Object.keys(expected);
    const operators = keys.filter((key) => key.startsWith('$'));
    if (operators.length > 0) {
      if (operators.length !== keys.length || operators.some((key) => !OPERATORS.includes(key)))
        throw new VectorError(`${path}: unknown operator in ${JSON.stringify(expected)}`);
      return operators.flatMap((operator) => checkOperator(operator, expected[operator], actual, path));
    }
    if (!isObject(actual)) return [`${path}: expected an object, got ${show(actual)}`];
    return keys.flatMap((key) => mismatches(expected[key], actual[key], at(path, key)));
  }
  return actual === expected ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

function checkOperator(operator: string, operand: Json, actual: unknown, path: string): string[] {
  const fail = (what: string) => [`${path}: expected ${what}, got ${show(actual)}`];
  switch (operator) {
    case '$gt':
      if (typeof operand !== 'number')
        throw new VectorError(`${path}: $gt needs a number, not ${show(operand)}`);
      return typeof actual === 'number' && actual > operand ? [] : fail(`more than ${operand}`);
    case '$ne':
      return mismatches(operand, actual, path).length > 0 ? [] : fail(`anything but ${show(operand)}`);
    case '$len': {
      if (typeof operand !== 'number')
        throw new VectorError(`${path}: $len needs a number, not ${show(operand)}`);
      const length = Array.isArray(actual) || typeof actual === 'string' ? actual.length : undefined;
      return length === operand ? [] : fail(`length ${operand}`);
    }
    default: {
      const absent = actual === null || actual === undefined;
      if (operand === true) return absent ? [] : fail('nothing');
      if (operand === false) return absent ? fail('a value') : [];
      throw new VectorError(`${path}: $absent needs true or false, not ${show(operand)}`);
    }
  }
}

function argument<T>(step: ConformanceStep, name: string, type: 'string' | 'number' | 'object'): T {
  const value = step[name];
  if (typeof value !== type || value === null)
    throw new VectorError(`'${step.do}' needs '${name}' (a ${type}), got ${show(value)}`);
  return value as T;
}

/** A vector's patch as the TypeScript API takes it: missing lists are empty. */
export function completePatch(patch: Partial<CanvasPatch>): CanvasPatch {
  return { upsertNodes: [], deleteNodes: [], upsertEdges: [], deleteEdges: [], ...patch };
}

type Operation = (step: ConformanceStep, store: ConformanceStore) => Promise<unknown>;

const id = (step: ConformanceStep) => argument<string>(step, 'id', 'string');
const nothing = {};

/** Each operation of conformance/README.md, with the result it is matched on. */
const OPERATIONS: Record<string, Operation> = {
  create: (step, store) => store.createCanvas(argument(step, 'name', 'string')),
  save: async (step, store) => ({ revision: await store.saveCanvas(argument(step, 'canvas', 'object')) }),
  import: async (step, store) => {
    const canvases = argument<StoredCanvas[]>(step, 'canvases', 'object');
    if (!Array.isArray(canvases)) throw new VectorError(`'import' needs 'canvases' as a list`);
    await store.importCanvases(canvases);
    return nothing;
  },
  patch: async (step, store) => {
    const patch = completePatch(argument(step, 'patch', 'object'));
    return { revision: await store.applyPatch(id(step), argument(step, 'baseRevision', 'number'), patch) };
  },
  rename: async (step, store) => ({
    revision: await store.renameCanvas(id(step), argument(step, 'name', 'string')),
  }),
  duplicate: (step, store) =>
    store.duplicateCanvas(id(step), step.name === undefined ? undefined : argument(step, 'name', 'string')),
  trash: async (step, store) => (await store.trashCanvas(id(step)), nothing),
  restore: async (step, store) => (await store.restoreCanvas(id(step)), nothing),
  purge: async (step, store) => (await store.purgeCanvas(id(step)), nothing),
  thumbnail: async (step, store) => {
    const thumbnail = step.thumbnail;
    if (thumbnail !== null && typeof thumbnail !== 'string')
      throw new VectorError(`'thumbnail' needs 'thumbnail' (a string or null), got ${show(thumbnail)}`);
    await store.setThumbnail(id(step), thumbnail);
    return nothing;
  },
  get: (step, store) => store.getCanvas(id(step)),
  list: (_step, store) => store.listCanvases(),
  listTrash: (_step, store) => store.listTrash(),
  sleep: async (step, store) => (await store.sleep(argument(step, 'ms', 'number')), nothing),
};

function describeFailure(error: unknown): string {
  if (isErrorPayload(error)) return `'${error.code}' (${error.message})`;
  return error instanceof Error ? `${error.name}: ${error.message}` : show(error);
}

/**
 * Runs every step of `vector` on `store`, in order; throws an Error naming the first step that
 * does not behave as the vector says (or a VectorError when the vector itself cannot be read).
 */
export async function runVector(vector: ConformanceVector, store: ConformanceStore): Promise<void> {
  if (!Array.isArray(vector.steps)) throw new VectorError(`vector '${vector.name}' has no steps`);
  const bindings: Bindings = {};
  for (const [index, raw] of vector.steps.entries()) {
    const step = resolveReferences(raw, bindings) as ConformanceStep;
    const where = `step ${index + 1} (${step.do})`;
    const operation = OPERATIONS[step.do];
    if (!operation) throw new VectorError(`${where}: unknown operation '${step.do}'`);
    let result: unknown;
    try {
      result = await operation(step, store);
    } catch (error) {
      if (error instanceof VectorError) throw new VectorError(`${where}: ${error.message}`);
      if (step.fails === undefined) throw new Error(`${where} failed: ${describeFailure(error)}`);
      const code = isErrorPayload(error) ? error.code : undefined;
      if (code !== step.fails)
        throw new Error(
          `${where} should fail with '${step.fails}', but failed with ${describeFailure(error)}`,
        );
      continue;
    }
    if (step.fails !== undefined)
      throw new Error(`${where} should fail with '${step.fails}', but succeeded with ${show(result)}`);
    if ('expect' in step) {
      let problems: string[];
      try {
        problems = mismatches(step.expect, result);
      } catch (error) {
        throw error instanceof VectorError ? new VectorError(`${where}: ${error.message}`) : error;
      }
      if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
    }
    if (step.as !== undefined) bindings[step.as] = structuredClone(result);
  }
}
