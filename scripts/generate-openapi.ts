import { writeFileSync } from 'node:fs';
import { platformOpenApiText } from '../fixtures/platform-contract/openapi.ts';

writeFileSync(new URL('../docs/openapi.json', import.meta.url), platformOpenApiText());
console.log('wrote docs/openapi.json');
