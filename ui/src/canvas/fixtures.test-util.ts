import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** tests/fixtures/koda-web, found upwards from where the tests run (the repository root or ui/). */
function fixturesDir(): string {
  let dir = process.cwd();
  for (;;) {
    const candidate = join(dir, 'tests', 'fixtures', 'koda-web');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('tests/fixtures/koda-web not found');
    dir = parent;
  }
}

/** A Koda web fixture from tests/fixtures/koda-web (shared with the Rust tests). */
export function kodaWebFixture(name: 'showcase' | 'bad-types'): {
  nodes: { id: string; type: string; data: Record<string, unknown>; [key: string]: unknown }[];
  edges: {
    id: string;
    source: string;
    target: string;
    sourceHandle?: string;
    targetHandle?: string;
    [key: string]: unknown;
  }[];
  [key: string]: unknown;
} {
  return JSON.parse(readFileSync(join(fixturesDir(), `${name}.json`), 'utf8'));
}
