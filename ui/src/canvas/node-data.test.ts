import { describe, expect, it } from 'vitest';
import { kodaWebFixture } from './fixtures.test-util';
import {
  dataProblems,
  describeProblems,
  readBoolean,
  readNumber,
  readObjects,
  readString,
  readStrings,
} from './node-data';

describe('node data readers', () => {
  it('give a value only when it has the right type', () => {
    const data = {
      prompt: 42,
      name: 'Hero',
      count: 2,
      nan: Number.NaN,
      on: true,
      urls: ['a', 3, 'b'],
      bad: { not: 'a list' },
    };
    expect(readString(data, 'prompt')).toBeUndefined();
    expect(readString(data, 'name')).toBe('Hero');
    expect(readNumber(data, 'count')).toBe(2);
    expect(readNumber(data, 'nan')).toBeUndefined();
    expect(readBoolean(data, 'on')).toBe(true);
    expect(readStrings(data, 'urls')).toEqual(['a', 'b']);
    expect(readStrings(data, 'bad')).toBeUndefined();
    expect(readObjects({ list: [{ a: 1 }, 'x', null, [1]] }, 'list')).toEqual([{ a: 1 }]);
    expect(readString(undefined, 'x')).toBeUndefined();
  });

  it('name every field of the bad-types fixture that holds the wrong type, and nothing else', () => {
    const canvas = kodaWebFixture('bad-types');
    const byId = Object.fromEntries(canvas.nodes.map((n) => [n.id, dataProblems(n.type, n.data)]));
    expect(byId.bt_text).toEqual([{ field: 'content', expected: 'string', actual: 'array' }]);
    expect(byId.bt_img).toEqual([
      { field: 'prompt', expected: 'string', actual: 'number' },
      { field: 'outputUrls', expected: 'string[]', actual: 'object' },
    ]);
    expect(byId.bt_sticky).toEqual([{ field: 'fontSize', expected: 'number', actual: 'string' }]);
    expect(describeProblems(byId.bt_img)).toContain('prompt: expected text, found number');
  });

  it('finds nothing wrong with the showcase, unknown types included', () => {
    for (const node of kodaWebFixture('showcase').nodes)
      expect([node.id, dataProblems(node.type, node.data)]).toEqual([node.id, []]);
  });

  it('leaves the data as it is and caches per data object', () => {
    const data = { content: ['x'] };
    const before = JSON.stringify(data);
    const first = dataProblems('text', data);
    expect(dataProblems('text', data)).toBe(first);
    expect(JSON.stringify(data)).toBe(before);
    // Absent and null are not problems; a list with a non-text item is.
    expect(dataProblems('imageGenerator', { prompt: null, outputUrls: ['a', 1] })).toEqual([
      { field: 'outputUrls', expected: 'string[]', actual: 'array with non-text items' },
    ]);
  });
});
