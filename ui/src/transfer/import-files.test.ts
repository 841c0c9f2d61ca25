import { describe, expect, it, vi } from 'vitest';
import type { ImportResult } from '../bindings/ImportResult';
import { importerFor, importFiles, importSummary, reasonWithin, type ImportProgress } from './import-files';

const file = (name: string, text: string) => new File([text], name);
const result = (names: string[], assets = 0): ImportResult => ({
  format: 'SpacesCanvases',
  canvases: names.map((name, i) => ({ id: `id${i}`, name, nodeCount: 2 })),
  assets,
});

describe('importFiles', () => {
  it('imports files in turn, reporting progress through each', async () => {
    const progress: ImportProgress[] = [];
    const importer = vi.fn(async (f: File, onRead: (n: number) => void) => {
      onRead(0.5);
      onRead(1);
      return result([f.name.replace('.json', '')], 1);
    });
    const outcome = await importFiles([file('a.json', '[]'), file('b.json', '[]')], importer, (p) =>
      progress.push(p),
    );
    expect(outcome).toEqual({
      canvases: [expect.objectContaining({ name: 'a' }), expect.objectContaining({ name: 'b' })],
      assets: 2,
      failures: [],
    });
    expect(progress.map((p) => [p.filename, p.phase, p.fraction])).toEqual([
      ['a.json', 'reading', 0],
      ['a.json', 'reading', 0.125],
      ['a.json', 'importing', 0.25],
      ['a.json', 'importing', 0.5],
      ['b.json', 'reading', 0.5],
      ['b.json', 'reading', 0.625],
      ['b.json', 'importing', 0.75],
      ['b.json', 'importing', 1],
    ]);
  });

  it('keeps going after a file fails, keeping its reason', async () => {
    const importer = vi.fn(async (f: File) => {
      if (f.name === 'bad.json')
        throw { code: 'invalid_input', message: 'line 3, column 7: expected a string' };
      return result(['Good']);
    });
    const outcome = await importFiles([file('bad.json', '{'), file('good.json', '[]')], importer, () => {});
    expect(outcome.failures).toEqual([
      { filename: 'bad.json', message: 'line 3, column 7: expected a string' },
    ]);
    expect(outcome.canvases.map((c) => c.name)).toEqual(['Good']);
  });
});

describe('importerFor', () => {
  it('sends the bytes and name to the desktop app', async () => {
    const importFile = vi.fn(async (_bytes: Uint8Array, _name: string) => result(['X']));
    const importer = importerFor({ importFile, importCanvases: vi.fn() });
    await importer(file('web.db', 'SQLite format 3'), () => {});
    const [bytes, name] = importFile.mock.calls[0];
    expect(new TextDecoder().decode(bytes)).toBe('SQLite format 3');
    expect(name).toBe('web.db');
  });

  it('reads the web app’s JSON itself in the browser', async () => {
    const importCanvases = vi.fn(async () => 1);
    const importer = importerFor({ importCanvases });
    const outcome = await importer(
      file('spaces.json', JSON.stringify([{ id: 'x', name: 'Moodboard', nodes: [{ id: 'n' }] }])),
      () => {},
    );
    expect(outcome.canvases).toEqual([{ id: 'x', name: 'Moodboard', nodeCount: 1 }]);
    await expect(importer(file('nope.json', 'not json'), () => {})).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});

describe('importSummary', () => {
  it('says what came in, and why something did not', () => {
    expect(importSummary({ canvases: result(['Moodboard']).canvases, assets: 0, failures: [] })).toEqual({
      message: 'Imported “Moodboard”',
      tone: 'success',
    });
    expect(
      importSummary({ canvases: result(['A', 'B', 'C']).canvases, assets: 4, failures: [] }).message,
    ).toBe('Imported 3 canvases with 4 media files');
    expect(
      importSummary({
        canvases: [],
        assets: 0,
        failures: [{ filename: 'x.koda', message: 'manifest.json: missing' }],
      }),
    ).toEqual({ message: 'Import failed — x.koda: manifest.json: missing', tone: 'error' });
    expect(
      importSummary({
        canvases: result(['A']).canvases,
        assets: 1,
        failures: [{ filename: 'x.canvas', message: 'nodes[2].type: unknown' }],
      }),
    ).toEqual({
      message: 'Imported “A” with 1 media file. Not imported — x.canvas: nodes[2].type: unknown',
      tone: 'info',
    });
  });
});

describe('reasonWithin', () => {
  it('drops the file name and the temporary folder the app read it from', () => {
    expect(reasonWithin('/tmp/.tmpAb12/broken.json: $[0].id: expected a string', 'broken.json')).toBe(
      '$[0].id: expected a string',
    );
    expect(reasonWithin('broken.json: line 1, column 2: expected value', 'broken.json')).toBe(
      'line 1, column 2: expected value',
    );
    expect(reasonWithin('C:\\Temp\\x\\a.koda: manifest.json missing', 'a.koda')).toBe(
      'manifest.json missing',
    );
    expect(reasonWithin('the disk is full', 'a.koda')).toBe('the disk is full');
    expect(reasonWithin('canvas uses a.koda: and more', 'a.koda')).toBe('canvas uses a.koda: and more');
  });
});
