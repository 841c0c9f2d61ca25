/**
 * Reading node data that may hold anything. A canvas from a file, another app or an older Koda can
 * carry a number where text belongs, an object where a list belongs; such a node is still drawn
 * (with defaults for those fields and a warning naming them) and its data is never changed unless
 * the person edits that field.
 */

export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'string[]';

/** A field whose value is not of the type Koda web stores there. */
export interface FieldProblem {
  field: string;
  expected: FieldType;
  /** What it holds instead: `number`, `object`, `array`, `null`, … */
  actual: string;
}

const COMMON: Record<string, FieldType> = { name: 'string', isGenerating: 'boolean', error: 'string' };

/** The fields Koda web gives each node type and their JSON types (docs/koda-web-format.md §5). */
export const NODE_FIELD_TYPES: Record<string, Record<string, FieldType>> = {
  text: { content: 'string', bgColor: 'string', width: 'number', height: 'number', isExpanded: 'boolean' },
  media: { url: 'string', type: 'string' },
  stickyNote: {
    content: 'string',
    author: 'string',
    color: 'string',
    size: 'string',
    textAlign: 'string',
    fontSize: 'number',
    bold: 'boolean',
    italic: 'boolean',
    rotation: 'number',
    opacity: 'number',
  },
  sticker: {
    emoji: 'string',
    size: 'string',
    rotation: 'number',
    opacity: 'number',
    flipX: 'boolean',
    flipY: 'boolean',
  },
  group: { color: 'string', width: 'number', height: 'number', notes: 'string', childNodeIds: 'string[]' },
  imageGenerator: {
    prompt: 'string',
    model: 'string',
    aspectRatio: 'string',
    imageSize: 'string',
    resolution: 'string',
    imageCount: 'number',
    references: 'array',
    refHandleCount: 'number',
    style: 'string',
    outputUrl: 'string',
    outputUrls: 'string[]',
  },
  videoGenerator: {
    prompt: 'string',
    model: 'string',
    aspectRatio: 'string',
    duration: 'number',
    resolution: 'string',
    generateAudio: 'boolean',
    progress: 'number',
    outputUrl: 'string',
    thumbnailUrl: 'string',
  },
  storyboard: {
    concept: 'string',
    references: 'array',
    sceneCount: 'number',
    style: 'string',
    mode: 'string',
    targetVideoModel: 'string',
    viewState: 'string',
    chatMessages: 'array',
    drafts: 'array',
    activeDraftIndex: 'number',
    chatPhase: 'string',
    result: 'object',
  },
  productShot: {
    productName: 'string',
    shotCount: 'number',
    background: 'string',
    lighting: 'string',
    additionalNotes: 'string',
    viewState: 'string',
    result: 'object',
  },
  musicGenerator: {
    prompt: 'string',
    duration: 'number',
    instrumental: 'boolean',
    guidanceScale: 'number',
    outputUrl: 'string',
  },
  speech: {
    model: 'string',
    mode: 'string',
    text: 'string',
    voice: 'string',
    speed: 'number',
    stability: 'number',
    language: 'string',
    dialogueLines: 'array',
    outputUrl: 'string',
  },
  videoAudio: {
    model: 'string',
    prompt: 'string',
    duration: 'number',
    cfgStrength: 'number',
    negativePrompt: 'string',
    syncMode: 'string',
    outputUrl: 'string',
  },
  pluginNode: { pluginId: 'string', state: 'object' },
};

/** `typeof`, telling arrays and null apart. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matches(value: unknown, expected: FieldType): boolean {
  switch (expected) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return jsonTypeOf(value) === 'object';
    case 'array':
      return Array.isArray(value);
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    default:
      return typeof value === expected;
  }
}

function findProblems(type: string | undefined, data: Record<string, unknown>): FieldProblem[] {
  const fields = type ? NODE_FIELD_TYPES[type] : undefined;
  if (!fields) return [];
  const problems: FieldProblem[] = [];
  for (const [field, expected] of Object.entries({ ...COMMON, ...fields })) {
    const value = data[field];
    // Absent (or null, which Koda web writes for "cleared") is not a problem.
    if (value === undefined || value === null || matches(value, expected)) continue;
    const actual =
      expected === 'string[]' && Array.isArray(value) ? 'array with non-text items' : jsonTypeOf(value);
    problems.push({ field, expected, actual });
  }
  return problems;
}

const problemCache = new WeakMap<object, { type: string | undefined; problems: FieldProblem[] }>();

/** Fields of a node's data that hold the wrong JSON type (cached per data object). */
export function dataProblems(
  type: string | undefined,
  data: Record<string, unknown> | undefined,
): FieldProblem[] {
  if (!data) return [];
  const hit = problemCache.get(data);
  if (hit && hit.type === type) return hit.problems;
  const problems = findProblems(type, data);
  problemCache.set(data, { type, problems });
  return problems;
}

const EXPECTED_WORDS: Record<FieldType, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'yes/no',
  object: 'an object',
  array: 'a list',
  'string[]': 'a list of text',
};

/** One line per problem, for the warning badge's tooltip. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  const lines = problems.map((p) => `${p.field}: expected ${EXPECTED_WORDS[p.expected]}, found ${p.actual}`);
  return `Some fields hold unexpected values and are shown with defaults (the data is kept as it is):\n${lines.join('\n')}`;
}

// ---- readers: the value when it has the right type, else undefined ----------------------------

export function readString(data: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = data?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function readNumber(data: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = data?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function readBoolean(data: Record<string, unknown> | undefined, key: string): boolean | undefined {
  const value = data?.[key];
  return typeof value === 'boolean' ? value : undefined;
}

export function readObject(
  data: Record<string, unknown> | undefined,
  key: string,
): Record<string, unknown> | undefined {
  const value = data?.[key];
  return jsonTypeOf(value) === 'object' ? (value as Record<string, unknown>) : undefined;
}

export function readArray(data: Record<string, unknown> | undefined, key: string): unknown[] | undefined {
  const value = data?.[key];
  return Array.isArray(value) ? value : undefined;
}

/** The text items of a list (others skipped); undefined when it is not a list. */
export function readStrings(data: Record<string, unknown> | undefined, key: string): string[] | undefined {
  const list = readArray(data, key);
  return list?.filter((item): item is string => typeof item === 'string');
}

/** The objects in a list (others skipped). */
export function readObjects(
  data: Record<string, unknown> | undefined,
  key: string,
): Record<string, unknown>[] {
  return (readArray(data, key) ?? []).filter(
    (item): item is Record<string, unknown> => jsonTypeOf(item) === 'object',
  );
}
