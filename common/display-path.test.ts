import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { displayPath } from './display-path.ts';

describe('displayPath', () => {
  const cwd = '/work/repo';

  test('a path inside the working directory reads relative to it', () => {
    expect(displayPath(join(cwd, 'reports', 'load', 'summary.json'), cwd)).toBe(
      join('reports', 'load', 'summary.json'),
    );
  });

  test('a path outside stays absolute rather than a trail of ../', () => {
    expect(displayPath('/tmp/reports/run.json', cwd)).toBe('/tmp/reports/run.json');
  });

  test('a relative path is shown as given', () => {
    expect(displayPath('contracts/pacts/web.json', cwd)).toBe('contracts/pacts/web.json');
  });
});
