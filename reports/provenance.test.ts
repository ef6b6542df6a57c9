import { expect, test } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { currentProvenance } from './provenance.ts';

test('provenance comes from the release probe and GitHub Actions standard variables', () => {
  expect(
    currentProvenance({
      HARNESS_RELEASE_ID: 'v42',
      GITHUB_SHA: 'abc123',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'hasivu/platform',
      GITHUB_RUN_ID: '9001',
      GITHUB_RUN_ATTEMPT: '2',
    }),
  ).toEqual({
    releaseId: 'v42',
    commit: 'abc123',
    runUrl: 'https://github.com/hasivu/platform/actions/runs/9001/attempts/2',
    harnessVersion: pkg.version,
  });
  expect(currentProvenance({})).toEqual({ harnessVersion: pkg.version });
});
