import { describe, expect, test } from 'vitest';
import { loadPlatformConfig } from '../config.ts';
import type { PlatformHandler } from '../http/platform-handler.ts';
import { withAddedDelays } from './added-delay.ts';
import type { Route } from './route-table.ts';

const answer: PlatformHandler = () => Promise.resolve({ statusCode: 200, body: '{}' });
const routes: Route[] = [
  { routeKey: 'GET /a', functionName: 'getMenu', handler: answer },
  { routeKey: 'GET /b', functionName: 'getOrder', handler: answer },
];

describe('HASIVU_ADDED_DELAY_MS', () => {
  test('parses into function → milliseconds, and refuses a malformed value naming the variable', () => {
    expect(loadPlatformConfig({ HASIVU_ADDED_DELAY_MS: 'getMenu:5, createOrder:20' }).addedDelays).toEqual({
      getMenu: 5,
      createOrder: 20,
    });
    expect(loadPlatformConfig({}).addedDelays).toEqual({});
    expect(() => loadPlatformConfig({ HASIVU_ADDED_DELAY_MS: 'getMenu=5' })).toThrow(
      /<function>:<ms>[\s\S]*HASIVU_ADDED_DELAY_MS/,
    );
  });

  test('wraps only the named function; the others stay the same handler', () => {
    const wrapped = withAddedDelays(routes, { getMenu: 5 });
    expect(wrapped[0]?.handler).not.toBe(answer);
    expect(wrapped[1]?.handler).toBe(answer);
  });

  test('an unknown function name is one clear error listing the known ones', () => {
    expect(() => withAddedDelays(routes, { getMenus: 5 })).toThrow(
      /names no function getMenus; use function names: getMenu, getOrder/,
    );
  });
});
