import type { Scorecard } from '../scorecard/scorecard.ts';

/** GitHub shows at most 10 error annotations per step and 50 per job; 20 keeps the run page readable. */
export const MAX_ANNOTATIONS = 20;

/** Workflow-command escaping: data escapes %, CR and LF; properties also `:` and `,`. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error` workflow commands for failed checks (root causes only; blocked dependents are
 * counted in their root cause's message), at most MAX_ANNOTATIONS plus one line for the rest.
 */
export function githubAnnotations(card: Scorecard): string[] {
  const failed = card.checks.filter((c) => c.status === 'fail' || c.status === 'error');
  const lines = failed.slice(0, MAX_ANNOTATIONS).map((check) => {
    const blocked = card.checks.filter((d) => d.blockedBy === check.id).length;
    const message = `${check.message ?? check.title}${blocked > 0 ? ` (${blocked} dependent checks blocked)` : ''}`;
    return `::error title=${property(check.id)}::${data(message)}`;
  });
  if (failed.length > MAX_ANNOTATIONS) {
    lines.push(
      `::error title=more failed checks::${failed.length - MAX_ANNOTATIONS} more failed checks are in the scorecard`,
    );
  }
  return lines;
}
