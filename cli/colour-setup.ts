import { applyColourPolicy } from '../common/colour-policy.ts';

// Imported first by main.ts: vitest's colour library decides when it is first imported.
applyColourPolicy(process.env, Boolean(process.stdout.isTTY));
