import type { Scorecard } from '../scorecard/scorecard.ts';
import type { RenderedFiles } from './rendered-files.ts';

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters even when escaped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

/** JUnit XML, one testsuite per category, so CI systems show checks as tests. */
export function renderJunit(card: Scorecard): RenderedFiles {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = card.checks.filter((c) => c.status === 'fail').length;
  const errors = card.checks.filter((c) => c.status === 'error').length;
  const skipped = card.checks.filter((c) => c.status === 'skip').length;
  out.push(
    `<testsuites name="hasivu-readiness ${xml(card.environment)}" tests="${card.checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">`,
  );
  for (const category of card.categories) {
    const checks = card.checks.filter((c) => c.category === category.category);
    if (checks.length === 0) continue;
    const seconds = checks.reduce((s, c) => s + c.durationMs, 0) / 1000;
    out.push(
      `  <testsuite name="${category.category}" tests="${checks.length}" failures="${category.counts.fail}" errors="${category.counts.error}" skipped="${category.counts.skip}" time="${seconds.toFixed(3)}">`,
    );
    for (const c of checks) {
      out.push(`    <testcase classname="${xml(`${c.kind}.${c.category}`)}" name="${xml(`${c.id}: ${c.title}`)}" time="${(c.durationMs / 1000).toFixed(3)}">`);
      const message = xml(c.message ?? c.title);
      if (c.status === 'fail') out.push(`      <failure message="${message}" type="${c.severity}">${message}</failure>`);
      if (c.status === 'error') out.push(`      <error message="${message}" type="${c.severity}">${message}</error>`);
      if (c.status === 'skip') out.push(`      <skipped message="${message}"/>`);
      if (c.measured) out.push(`      <system-out>${xml(`measured ${c.measured.value} ${c.measured.unit} ${c.measured.target ?? ''}`)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return { 'junit.xml': `${out.join('\n')}\n` };
}
