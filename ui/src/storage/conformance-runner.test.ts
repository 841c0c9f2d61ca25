import { describe, expect, it } from 'vitest';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import type { ConformanceStore, ConformanceVector } from './conformance-runner';
import { mismatches, resolveReferences, runVector, VectorError } from './conformance-runner';
import { storageError } from './errors';

describe('mismatches', () => {
  it('matches objects partially and arrays by length and element', () => {
    expect(mismatches({ a: 1 }, { a: 1, b: 2 })).toEqual([]);
    expect(mismatches({ a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'x', d: 0 }] } })).toEqual([]);
    expect(mismatches({}, {})).toEqual([]);
    expect(mismatches({ a: 1 }, { a: 2 })).toEqual(['result.a: expected 1, got 2']);
    expect(mismatches([{ id: 'a' }], [{ id: 'a' }, { id: 'b' }])).toHaveLength(1);
    expect(mismatches([{ id: 'a' }, { id: 'b' }], [{ id: 'b' }, { id: 'a' }])).toEqual([
      'result[0].id: expected "a", got "b"',
      'result[1].id: expected "b", got "a"',
    ]);
    expect(mismatches({ a: 1 }, null)).toEqual(['result: expected an object, got null']);
    expect(mismatches([], {})).toHaveLength(1);
    expect(mismatches({ a: 1 }, { a: '1' })).toHaveLength(1);
  });

  it('lets null match null or a missing key', () => {
    expect(mismatches(null, null)).toEqual([]);
    expect(mismatches(null, undefined)).toEqual([]);
    expect(mismatches({ thumbnail: null }, {})).toEqual([]);
    expect(mismatches({ thumbnail: null }, { thumbnail: 'x' })).toHaveLength(1);
    expect(mismatches(null, {})).toHaveLength(1);
  });

  it('knows $gt, $ne, $len and $absent', () => {
    expect(mismatches({ t: { $gt: 5 } }, { t: 6 })).toEqual([]);
    expect(mismatches({ t: { $gt: 5 } }, { t: 5 })).toEqual(['result.t: expected more than 5, got 5']);
    expect(mismatches({ t: { $gt: 5 } }, { t: '6' })).toHaveLength(1);
    expect(mismatches({ id: { $ne: 'a' } }, { id: 'b' })).toEqual([]);
    expect(mismatches({ id: { $ne: 'a' } }, { id: 'a' })).toHaveLength(1);
    expect(mismatches({ nodes: { $len: 2 } }, { nodes: [1, 2] })).toEqual([]);
    expect(mismatches({ name: { $len: 3 } }, { name: 'abc' })).toEqual([]);
    expect(mismatches({ nodes: { $len: 2 } }, { nodes: [1] })).toHaveLength(1);
    expect(mismatches({ nodes: { $len: 0 } }, {})).toHaveLength(1);
    expect(mismatches({ $len: 1 }, [{}])).toEqual([]);
    expect(mismatches({ x: { $absent: true } }, {})).toEqual([]);
    expect(mismatches({ x: { $absent: true } }, { x: null })).toEqual([]);
    expect(mismatches({ x: { $absent: true } }, { x: 0 })).toHaveLength(1);
    expect(mismatches({ x: { $absent: false } }, { x: 0 })).toEqual([]);
    expect(mismatches({ t: { $gt: 1, $ne: 3 } }, { t: 3 })).toHaveLength(1);
  });

  it('refuses operators it does not know, or mixed with keys', () => {
    expect(() => mismatches({ $lt: 1 }, 0)).toThrow(VectorError);
    expect(() => mismatches({ $gt: 1, a: 2 }, 0)).toThrow(VectorError);
    expect(() => mismatches({ $gt: 'x' }, 0)).toThrow(VectorError);
  });
});

describe('resolveReferences', () => {
  const bindings = { copy: { id: 'c2', nodes: [{ id: 'n' }] }, before: { updatedAt: 7 } };

  it('replaces $name.path strings anywhere, with the value of any type', () => {
    expect(
      resolveReferences(
        { id: '$copy.id', expect: { updatedAt: { $gt: '$before.updatedAt' }, node: '$copy.nodes.0.id' } },
        bindings,
      ),
    ).toEqual({ id: 'c2', expect: { updatedAt: { $gt: 7 }, node: 'n' } });
    expect(resolveReferences('$copy', bindings)).toEqual(bindings.copy);
  });

  it('leaves other strings alone', () => {
    expect(resolveReferences(['plain', '$5', 'a $copy.id'], bindings)).toEqual(['plain', '$5', 'a $copy.id']);
  });

  it('refuses unknown names and paths', () => {
    expect(() => resolveReferences('$nope.id', bindings)).toThrow(VectorError);
    expect(() => resolveReferences('$copy.missing', bindings)).toThrow(VectorError);
  });
});

describe('runVector', () => {
  /** A store of one canvas map, enough for the runner's own checks. */
  function tinyStore(): ConformanceStore & { canvases: Map<string, StoredCanvas> } {
    const canvases = new Map<string, StoredCanvas>();
    const notFound = (id: string) => storageError('not_found', `canvas '${id}' was not found`);
    const unused = () => Promise.reject(new Error('not used here'));
    return {
      canvases,
      createCanvas: async (name) => {
        const canvas = {
          id: `c${canvases.size + 1}`,
          name,
          createdAt: 1,
          updatedAt: 1,
          nodes: [],
          edges: [],
          revision: 1,
        };
        canvases.set(canvas.id, canvas);
        return canvas;
      },
      getCanvas: async (id) => canvases.get(id) ?? null,
      renameCanvas: async (id, name) => {
        const canvas = canvases.get(id);
        if (!canvas) throw notFound(id);
        canvas.name = name;
        return ++canvas.revision;
      },
      listCanvases: async () => [],
      sleep: async () => {},
      saveCanvas: unused,
      importCanvases: unused,
      applyPatch: unused,
      duplicateCanvas: unused,
      trashCanvas: unused,
      restoreCanvas: unused,
      purgeCanvas: unused,
      setThumbnail: unused,
      listTrash: unused,
    };
  }
  const run = (steps: ConformanceVector['steps'], store = tinyStore()) =>
    runVector({ name: 'test', steps }, store);

  it('passes names on with `as` and checks results, failures and codes', async () => {
    const store = tinyStore();
    await run(
      [
        { do: 'create', name: 'A', as: 'a', expect: { name: 'A', revision: 1 } },
        { do: 'rename', id: '$a.id', name: 'B', expect: { revision: 2 } },
        { do: 'rename', id: 'ghost', name: 'B', fails: 'not_found' },
        { do: 'get', id: '$a.id', expect: { name: 'B', id: '$a.id' } },
        { do: 'get', id: 'ghost', expect: null },
        { do: 'list', expect: [] },
        { do: 'sleep', ms: 5, expect: {} },
      ],
      store,
    );
    expect(store.canvases.get('c1')?.name).toBe('B');
  });

  it('names the step that does not behave', async () => {
    await expect(run([{ do: 'create', name: 'A', expect: { name: 'Z' } }])).rejects.toThrow(
      'step 1 (create): result.name: expected "Z", got "A"',
    );
    await expect(run([{ do: 'create', name: 'A', fails: 'invalid_input' }])).rejects.toThrow(
      "step 1 (create) should fail with 'invalid_input', but succeeded",
    );
    await expect(run([{ do: 'rename', id: 'ghost', name: 'B', fails: 'conflict' }])).rejects.toThrow(
      "should fail with 'conflict', but failed with 'not_found'",
    );
    await expect(run([{ do: 'rename', id: 'ghost', name: 'B' }])).rejects.toThrow(
      "step 1 (rename) failed: 'not_found'",
    );
    await expect(run([{ do: 'save', canvas: {} }])).rejects.toThrow('not used here');
  });

  it('refuses vectors it cannot read', async () => {
    await expect(run([{ do: 'explode' }])).rejects.toThrow(VectorError);
    await expect(run([{ do: 'get' }])).rejects.toThrow(VectorError);
    await expect(run([{ do: 'get', id: '$later.id' }])).rejects.toThrow(VectorError);
    await expect(run([{ do: 'get', id: 'x', expect: { $lt: 1 } }])).rejects.toThrow('step 1 (get): result');
  });
});
