import { expect, test } from 'vitest';
import { API_ROUTES } from '../routes.ts';
import { handlerModule } from './handler-modules.ts';

test('every function has its handler module, exporting the very handler the route uses', async () => {
  for (const route of API_ROUTES) {
    const url = handlerModule(route.functionName);
    expect(url, route.functionName).toBeDefined();
    const loaded = (await import(url ?? '')) as Record<string, unknown>;
    expect(loaded[route.functionName], route.functionName).toBe(route.handler);
  }
});
