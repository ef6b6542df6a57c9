import type { Scorecard } from '../scorecard/scorecard.ts';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, col) => pad(cell, widths[col] ?? 0)).join('  ').trimEnd());
}

/** The scorecard as plain text for the console: fits 100 columns, no colours, readable in CI logs. */
export function renderTerminal(card: Scorecard): string {
  const lines: string[] = [];
  lines.push(`HASIVU readiness: ${card.environment} (${card.target || 'no target'})`);
  lines.push(`verdict ${card.verdict.toUpperCase()}   score ${card.score}/100   minimum ${card.minimumScore}`);
  lines.push('');
  const rows = [['category', 'score', 'weight', 'pass', 'fail', 'warn', 'skip', 'error', 'required']];
  for (const c of card.categories) {
    rows.push([
      c.category,
      c.score === null ? '-' : c.score.toFixed(1),
      String(c.weight),
      String(c.counts.pass),
      String(c.counts.fail),
      String(c.counts.warn),
      String(c.counts.skip),
      String(c.counts.error),
      c.required ? 'yes' : '',
    ]);
  }
  lines.push(...table(rows));
  const problems = card.checks.filter((c) => c.status === 'fail' || c.status === 'error');
  if (problems.length > 0) {
    lines.push('', 'Failed checks:');
    for (const p of problems) lines.push(`  ✗ ${p.id} [${p.severity}] ${(p.message ?? p.title).split('\n')[0] ?? ''}`);
  }
  lines.push('', 'Why:');
  for (const reason of card.reasons) lines.push(`  - ${reason.split('\n')[0] ?? ''}`);
  return `${lines.join('\n')}\n`;
}
