import type { RunSummary, Scorecard, ScoredCheck } from '../scorecard/scorecard.ts';
import { blockedNote, groupBlocked } from './blocked-groups.ts';
import type { RenderedFiles } from './rendered-files.ts';

function xml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 forbids most control characters even when escaped.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
  );
}

/** Wall-clock seconds of a run; checks inside it may have run in parallel. */
function runSeconds(run: RunSummary): number {
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0;
}

/**
 * A suite's time: per run, the checks' summed durations capped by that run's wall-clock
 * time, so checks that ran in parallel are not added up past the time that really passed.
 */
function suiteSeconds(checks: readonly ScoredCheck[], runs: readonly RunSummary[]): number {
  let total = 0;
  for (const kind of new Set(checks.map((c) => c.kind))) {
    const summed = checks.filter((c) => c.kind === kind).reduce((s, c) => s + c.durationMs, 0) / 1000;
    const run = runs.find((r) => r.kind === kind && r.fresh);
    total += run && runSeconds(run) > 0 ? Math.min(summed, runSeconds(run)) : summed;
  }
  return total;
}

function testcase(check: ScoredCheck, dependents: readonly ScoredCheck[] | undefined): string[] {
  const out = [
    `    <testcase classname="${xml(`${check.kind}.${check.category}`)}" name="${xml(`${check.id}: ${check.title}`)}" time="${(check.durationMs / 1000).toFixed(3)}">`,
  ];
  const note = blockedNote(dependents);
  const message = xml([check.message ?? check.title, note].filter(Boolean).join(' — '));
  if (check.status === 'fail')
    out.push(`      <failure message="${message}" type="${check.severity}">${message}</failure>`);
  if (check.status === 'error')
    out.push(`      <error message="${message}" type="${check.severity}">${message}</error>`);
  if (check.status === 'skip') out.push(`      <skipped message="${message}"/>`);
  if (check.status === 'blocked')
    out.push(`      <skipped message="${xml(`blocked by ${check.blockedBy ?? 'an earlier failure'}`)}"/>`);
  // JUnit has no warning: a `warn` passes with its message in system-out, where CI shows it.
  const said = [
    check.status === 'warn' ? `warning: ${check.message ?? check.title}` : '',
    check.measured ? `measured ${check.measured.value} ${check.measured.unit} ${check.measured.target ?? ''}` : '',
  ].filter(Boolean);
  if (said.length > 0) out.push(`      <system-out>${xml(said.join('\n'))}</system-out>`);
  out.push('    </testcase>');
  return out;
}

/**
 * JUnit XML, one testsuite per category, so CI systems show checks as tests; blocked
 * dependents are skipped tests naming their root cause, and a last `gate` test fails
 * whenever the verdict is not ready, so a CI that reads only JUnit agrees with the exit code.
 */
export function renderJunit(card: Scorecard): RenderedFiles {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const { blockedBy } = groupBlocked(card.checks);
  const gateFails = card.verdict !== 'ready';
  const failures = card.checks.filter((c) => c.status === 'fail').length + (gateFails ? 1 : 0);
  const errors = card.checks.filter((c) => c.status === 'error').length;
  const skipped = card.checks.filter((c) => c.status === 'skip' || c.status === 'blocked').length;
  const total = card.runs.filter((r) => r.fresh).reduce((s, r) => s + runSeconds(r), 0);
  out.push(
    `<testsuites name="hasivu-readiness ${xml(card.environment)}" tests="${card.checks.length + 1}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${total.toFixed(3)}">`,
  );
  for (const category of card.categories) {
    const checks = card.checks.filter((c) => c.category === category.category);
    if (checks.length === 0) continue;
    out.push(
      `  <testsuite name="${category.category}" tests="${checks.length}" failures="${category.counts.fail}" errors="${category.counts.error}" skipped="${category.counts.skip + category.counts.blocked}" time="${suiteSeconds(checks, card.runs).toFixed(3)}">`,
    );
    for (const c of checks) out.push(...testcase(c, blockedBy.get(c.id)));
    out.push('  </testsuite>');
  }
  const verdict = xml(`verdict ${card.verdict}, score ${card.score}/100: ${card.reasons[0] ?? ''}`);
  out.push(`  <testsuite name="gate" tests="1" failures="${gateFails ? 1 : 0}" errors="0" skipped="0" time="0.000">`);
  out.push(`    <testcase classname="gate" name="gate" time="0.000">`);
  if (gateFails)
    out.push(`      <failure message="${verdict}" type="${card.verdict}">${xml(card.reasons.join('\n'))}</failure>`);
  else out.push(`      <system-out>${verdict}</system-out>`);
  out.push('    </testcase>', '  </testsuite>');
  out.push('</testsuites>');
  return { 'junit.xml': `${out.join('\n')}\n` };
}
