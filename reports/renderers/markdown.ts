import type { Scorecard } from '../scorecard/scorecard.ts';
import type { RenderedFiles } from './rendered-files.ts';

const ICON: Record<string, string> = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', error: '💥' };

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

/** Markdown for humans and for $GITHUB_STEP_SUMMARY. */
export function markdownText(card: Scorecard): string {
  const out: string[] = [];
  out.push(`# HASIVU readiness: ${card.environment}`, '');
  out.push(`**Verdict: ${card.verdict}** · score **${card.score}**/100 (minimum ${card.minimumScore}) · target \`${card.target || 'none'}\` · ${card.generatedAt}`, '');
  for (const reason of card.reasons) out.push(`- ${cell(reason)}`);
  out.push('', '| category | score | weight | pass | fail | warn | skip | error | required |', '|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const c of card.categories) {
    out.push(
      `| ${c.category} | ${c.score === null ? '–' : c.score.toFixed(1)} | ${c.weight} | ${c.counts.pass} | ${c.counts.fail} | ${c.counts.warn} | ${c.counts.skip} | ${c.counts.error} | ${c.required ? 'yes' : ''} |`,
    );
  }
  out.push('', '## Checks', '', '| | check | category | severity | measured | message | evidence |', '|---|---|---|---|---|---|---|');
  for (const c of card.checks) {
    const measured = c.measured ? `${c.measured.value} ${c.measured.unit}${c.measured.target ? ` (${c.measured.target})` : ''}` : '';
    const evidence = [c.source, ...(c.evidence ?? [])].map((e) => `\`${e}\``).join(' ');
    out.push(`| ${ICON[c.status] ?? c.status} | \`${c.id}\` ${cell(c.title)} | ${c.category} | ${c.severity} | ${measured} | ${cell(c.message ?? '')} | ${evidence} |`);
  }
  out.push('', '## Runs', '', '| kind | tool | finished | age (h) | fresh | aborted |', '|---|---|---|---:|---|---|');
  for (const r of card.runs) {
    out.push(`| ${r.kind} | ${r.tool} | ${r.finishedAt} | ${r.ageHours} | ${r.fresh ? 'yes' : 'no (ignored)'} | ${cell(r.aborted ?? '')} |`);
  }
  return `${out.join('\n')}\n`;
}

export function renderMarkdown(card: Scorecard): RenderedFiles {
  return { 'scorecard.md': markdownText(card) };
}
