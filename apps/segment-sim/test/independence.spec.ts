import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The simulator is written from Segment's documents on its own, so that it catches the product's
 * mistakes instead of repeating them: it must never import the kind catalog or the connector.
 */
describe('simulator independence', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
    });

  it('imports nothing from libs/core, libs/catalog or libs/segment', () => {
    const offenders = files(join(__dirname, '..', 'src')).filter((file) =>
      /from ['"](@app\/(core|catalog|segment)|(\.\.\/)+libs\/(core|catalog|segment))/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
