import type { RunSummary, Scorecard } from '../scorecard/scorecard.ts';
import { groupBlocked } from './blocked-groups.ts';

/** Where a run's evidence came from: its file, when it finished, and the commit and CI run when known. */
function runSource(run: RunSummary): string {
  const p = run.provenance;
  const from = [p?.commit ? `commit ${p.commit.slice(0, 12)}` : '', p?.runUrl ?? ''].filter(Boolean).join(', ');
  return `${run.kind}: ${run.path}, finished ${run.finishedAt} (${run.ageHours} h ago${run.fresh ? '' : ', stale: ignored'})${from ? `, ${from}` : ''}`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, col) => pad(cell, widths[col] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** The scorecard as plain text for the console: fits 100 columns, no colours, readable in CI logs. */
export function renderTerminal(card: Scorecard): string {
  const lines: string[] = [];
  lines.push(`HASIVU readiness: ${card.environment} (${card.target || 'no target'})`);
  lines.push(`verdict ${card.verdict.toUpperCase()}   score ${card.score}/100   minimum ${card.minimumScore}`);
  lines.push('');
  const rows = [['category', 'score', 'weight', 'pass', 'fail', 'warn', 'skip', 'error', 'blocked', 'required']];
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
      String(c.counts.blocked),
      c.required ? 'yes' : '',
    ]);
  }
  lines.push(...table(rows));
  const { shown, blockedBy } = groupBlocked(card.checks);
  const problems = shown.filter((c) => c.status === 'fail' || c.status === 'error' || c.status === 'blocked');
  if (problems.length > 0) {
    lines.push('', 'Failed checks:');
    for (const p of problems) {
      lines.push(`  ✗ ${p.id} [${p.severity}] ${(p.message ?? p.title).split('\n')[0] ?? ''}`);
      const dependents = blockedBy.get(p.id);
      if (dependents)
        lines.push(`      + ${dependents.length} dependent check${dependents.length === 1 ? '' : 's'} blocked by it`);
    }
  }
  // A warning can be a target that breaks only the project's addition to the contract: say which, here too.
  const warnings = shown.filter((c) => c.status === 'warn');
  if (warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of warnings) lines.push(`  ! ${w.id} [${w.severity}] ${(w.message ?? w.title).split('\n')[0] ?? ''}`);
  }
  lines.push('', 'Why:');
  for (const reason of card.reasons) lines.push(`  - ${reason.split('\n')[0] ?? ''}`);
  lines.push('', `Evidence${card.releaseId ? ` (release ${card.releaseId})` : ''}:`);
  for (const run of card.runs) lines.push(`  ${runSource(run)}`);
  if (card.runs.length === 0) lines.push('  none: no result files were found');
  return `${lines.join('\n')}\n`;
}
