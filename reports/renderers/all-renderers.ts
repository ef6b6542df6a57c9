import type { Scorecard } from '../scorecard/scorecard.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import type { RenderedFiles } from './rendered-files.ts';

/** File renderers by name; each is a pure function of the scorecard. */
export const FILE_RENDERERS: Readonly<Record<string, (card: Scorecard) => RenderedFiles>> = {
  json: renderJson,
  markdown: renderMarkdown,
  junit: renderJunit,
  html: renderHtml,
};

export function renderAll(card: Scorecard): RenderedFiles {
  return Object.values(FILE_RENDERERS).reduce<RenderedFiles>((files, render) => ({ ...files, ...render(card) }), {});
}
