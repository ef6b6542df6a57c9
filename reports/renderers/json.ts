import type { Scorecard } from '../scorecard/scorecard.ts';
import type { RenderedFiles } from './rendered-files.ts';

export function renderJson(card: Scorecard): RenderedFiles {
  return { 'scorecard.json': `${JSON.stringify(card, null, 2)}\n` };
}
