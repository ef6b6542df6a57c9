#!/usr/bin/env node
// The command's entry point. The installed package runs the compiled harness in dist/ (Node
// strips no types under node_modules). A checkout of the repository, which holds the
// TypeScript sources, runs them directly, so an edit is never hidden behind an older build.
import { existsSync } from 'node:fs';

const sources = new URL('../cli/main.ts', import.meta.url);
await import(existsSync(sources) ? sources.href : new URL('../dist/cli/main.js', import.meta.url).href);
