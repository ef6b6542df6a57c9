import type { Scorecard } from '../scorecard/scorecard.ts';
import { blockedNote, groupBlocked } from './blocked-groups.ts';
import type { RenderedFiles } from './rendered-files.ts';

const ICON: Record<string, string> = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', error: '💥', blocked: '⛔' };

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

/** Markdown for humans and for $GITHUB_STEP_SUMMARY. */
export function markdownText(card: Scorecard): string {
  const out: string[] = [];
  out.push(`# HASIVU readiness: ${card.environment}`, '');
  out.push(
    `**Verdict: ${card.verdict}** · score **${card.score}**/100 (minimum ${card.minimumScore}) · target \`${card.target || 'none'}\` · ${card.generatedAt}`,
    '',
  );
  for (const reason of card.reasons) out.push(`- ${cell(reason)}`);
  const own = card.provenance;
  if (own) {
    const where = [
      own.commit ? `commit \`${own.commit.slice(0, 12)}\`` : '',
      own.runUrl ? `[CI run](${own.runUrl})` : '',
    ]
      .filter(Boolean)
      .join(', ');
    out.push(
      '',
      `Judged by hasivu-verify ${own.harnessVersion}${card.releaseId ? ` for release \`${card.releaseId}\`` : ''}${where ? ` (${where})` : ''}.`,
    );
  }
  if (card.history?.length)
    out.push(
      '',
      `History: ${card.history.map((h) => `${h.score} ${h.verdict}`).join(' → ')} → **${card.score} ${card.verdict}**`,
    );
  if (card.allureReport) out.push('', `Allure report: \`${card.allureReport}\``);
  out.push(
    '',
    '| category | score | weight | pass | fail | warn | skip | error | blocked | required |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const c of card.categories) {
    out.push(
      `| ${c.category} | ${c.score === null ? '–' : c.score.toFixed(1)} | ${c.weight} | ${c.counts.pass} | ${c.counts.fail} | ${c.counts.warn} | ${c.counts.skip} | ${c.counts.error} | ${c.counts.blocked} | ${c.required ? 'yes' : ''} |`,
    );
  }
  out.push(
    '',
    '## Checks',
    '',
    '| | check | category | severity | measured | message | evidence |',
    '|---|---|---|---|---|---|---|',
  );
  const { shown, blockedBy } = groupBlocked(card.checks);
  for (const c of shown) {
    const measured = c.measured
      ? `${c.measured.value} ${c.measured.unit}${c.measured.target ? ` (${c.measured.target})` : ''}`
      : '';
    const evidence = [c.source, ...(c.evidence ?? [])].map((e) => `\`${e}\``).join(' ');
    out.push(
      `| ${ICON[c.status] ?? c.status} | \`${c.id}\` ${cell(c.title)} | ${c.category} | ${c.severity} | ${measured} | ${cell([c.message ?? '', blockedNote(blockedBy.get(c.id))].filter(Boolean).join(' — '))} | ${evidence} |`,
    );
  }
  out.push(
    '',
    '## Evidence',
    '',
    '| kind | from | finished | age (h) | fresh | release | commit | CI run | tool | aborted |',
    '|---|---|---|---:|---|---|---|---|---|---|',
  );
  for (const r of card.runs) {
    const p = r.provenance;
    out.push(
      `| ${r.kind} | \`${r.path}\` | ${r.finishedAt} | ${r.ageHours} | ${r.fresh ? 'yes' : 'no (ignored)'} | ${cell(p?.releaseId ?? '')} | ${p?.commit ? `\`${p.commit.slice(0, 12)}\`` : ''} | ${p?.runUrl ? `[run](${p.runUrl})` : ''} | ${r.tool} | ${cell(r.aborted ?? '')} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

export function renderMarkdown(card: Scorecard): RenderedFiles {
  return { 'scorecard.md': markdownText(card) };
}
