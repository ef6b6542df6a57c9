import type { CategoryScore, Scorecard, ScoredCheck } from '../scorecard/scorecard.ts';
import type { RenderedFiles } from './rendered-files.ts';

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const VERDICT_COLOUR: Record<Scorecard['verdict'], string> = { ready: '#1a7f37', 'not-ready': '#cf222e', incomplete: '#9a6700', interrupted: '#9a6700' };
const STATUS_COLOUR: Record<ScoredCheck['status'], string> = { pass: '#1a7f37', fail: '#cf222e', warn: '#9a6700', skip: '#6e7781', error: '#8250df', blocked: '#bc4c00' };

/** A ring showing the overall score, with the minimum marked. */
function scoreGauge(card: Scorecard): string {
  const r = 52;
  const circumference = 2 * Math.PI * r;
  const filled = (card.score / 100) * circumference;
  const minAngle = (card.minimumScore / 100) * 2 * Math.PI - Math.PI / 2;
  const mx = 64 + r * Math.cos(minAngle);
  const my = 64 + r * Math.sin(minAngle);
  return `<svg class="gauge" viewBox="0 0 128 128" role="img" aria-label="score ${card.score} of 100">
  <circle cx="64" cy="64" r="${r}" fill="none" stroke="#d0d7de" stroke-width="12"/>
  <circle cx="64" cy="64" r="${r}" fill="none" stroke="${VERDICT_COLOUR[card.verdict]}" stroke-width="12"
    stroke-dasharray="${filled.toFixed(1)} ${circumference.toFixed(1)}" transform="rotate(-90 64 64)"/>
  <circle cx="${mx.toFixed(1)}" cy="${my.toFixed(1)}" r="4" fill="#24292f"><title>minimum ${card.minimumScore}</title></circle>
  <text x="64" y="70" text-anchor="middle" font-size="24" font-weight="600">${card.score}</text>
</svg>`;
}

/** One bar per category: its score, its weight in the total, and whether it is required. */
function categoryChart(categories: readonly CategoryScore[]): string {
  const rowHeight = 26;
  const bars = categories.map((c, i) => {
    const y = i * rowHeight;
    const width = c.score === null ? 0 : (c.score / 100) * 300;
    const label = c.score === null ? (c.required ? 'missing (required)' : 'not evaluated') : `${c.score.toFixed(1)}`;
    const colour = c.score === null ? '#d0d7de' : c.score >= 90 ? '#1a7f37' : c.score >= 60 ? '#9a6700' : '#cf222e';
    return `<g transform="translate(0 ${y})" class="bar" data-category="${c.category}">
    <text x="0" y="17" font-size="13">${esc(c.category)}${c.required ? ' *' : ''}</text>
    <rect x="110" y="4" width="300" height="16" fill="#f6f8fa" stroke="#d0d7de"/>
    <rect x="110" y="4" width="${width.toFixed(1)}" height="16" fill="${colour}"/>
    <text x="418" y="17" font-size="12">${esc(label)} · weight ${c.weight}</text>
  </g>`;
  });
  return `<svg class="categories" viewBox="0 0 640 ${categories.length * rowHeight}" role="img" aria-label="score by category">${bars.join('')}</svg>`;
}

/**
 * Measured times as a share of their own target (the dashed line), so a 5 ms health
 * probe and a 900 ms order both show how close they are to failing.
 */
function latencyChart(checks: readonly ScoredCheck[]): string {
  const timed = checks.filter((c) => c.measured?.unit === 'ms');
  if (timed.length === 0) return '<p>No timed checks.</p>';
  const rowHeight = 20;
  const targetX = 500;
  const span = 200;
  const rows = timed.map((c, i) => {
    const value = c.measured?.value ?? 0;
    const target = Number(c.measured?.target?.replace(/[^0-9.]/g, '')) || undefined;
    const share = target ? Math.min(value / target, 1.5) : 0;
    return `<g transform="translate(0 ${i * rowHeight})">
    <text x="0" y="14" font-size="11">${esc(c.id)}</text>
    <rect x="300" y="3" width="${(share * span).toFixed(1)}" height="12" fill="${STATUS_COLOUR[c.status]}"/>
    <text x="${(306 + share * span).toFixed(1)}" y="14" font-size="11">${value} ms${target ? ` of ${esc(c.measured?.target ?? '')}` : ''}</text>
  </g>`;
  });
  const height = timed.length * rowHeight;
  return `<svg class="latency" viewBox="0 0 ${targetX + span} ${height}" role="img" aria-label="measured times against targets">
  <line x1="${targetX}" x2="${targetX}" y1="0" y2="${height}" stroke="#24292f" stroke-dasharray="3 3"><title>target</title></line>
  ${rows.join('')}</svg>`;
}

function checkRows(checks: readonly ScoredCheck[]): string {
  return checks
    .map((c) => {
      const measured = c.measured ? `${c.measured.value} ${c.measured.unit}${c.measured.target ? ` (${c.measured.target})` : ''}` : '';
      const evidence = [c.source, ...(c.evidence ?? [])].map((e) => `<code>${esc(e)}</code>`).join(' ');
      return `<tr class="status-${c.status}"><td><span class="pill" style="background:${STATUS_COLOUR[c.status]}">${c.status}</span></td><td><code>${esc(c.id)}</code><br>${esc(c.title)}</td><td>${c.category}</td><td>${c.severity}</td><td>${esc(measured)}</td><td class="msg">${esc(c.message ?? '')}</td><td>${evidence}</td></tr>`;
    })
    .join('\n');
}

/** The scorecard as one self-contained HTML page: no scripts, no external resources. */
export function htmlText(card: Scorecard): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HASIVU readiness: ${esc(card.environment)} ${card.verdict}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#24292f;max-width:1200px}
header{display:flex;gap:24px;align-items:center}.gauge{width:128px;height:128px}
.verdict{font-size:28px;font-weight:700;color:${VERDICT_COLOUR[card.verdict]}}
table{border-collapse:collapse;width:100%;margin-top:8px}td,th{border-bottom:1px solid #d0d7de;padding:6px;text-align:left;vertical-align:top}
.pill{color:#fff;border-radius:10px;padding:1px 8px;font-size:12px}.msg{max-width:420px;white-space:pre-wrap}
svg.categories{width:640px}svg.latency{width:700px}code{font-size:12px}
</style></head>
<body>
<header>${scoreGauge(card)}<div>
<div class="verdict" id="verdict">${card.verdict.toUpperCase()}</div>
<div>score <b>${card.score}</b>/100 · minimum ${card.minimumScore} · environment <b>${esc(card.environment)}</b> · target <code>${esc(card.target || 'none')}</code></div>
<div>generated ${esc(card.generatedAt)}</div></div></header>
<h2>Why</h2><ul>${card.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
<h2>By category</h2>${categoryChart(card.categories)}<p>* required by the gate</p>
<h2>Measured times</h2>${latencyChart(card.checks)}
<h2>Checks</h2>
<table><thead><tr><th></th><th>check</th><th>category</th><th>severity</th><th>measured</th><th>message</th><th>evidence</th></tr></thead>
<tbody>${checkRows(card.checks)}</tbody></table>
<h2>Runs</h2><table><thead><tr><th>kind</th><th>tool</th><th>finished</th><th>age (h)</th><th>fresh</th></tr></thead><tbody>
${card.runs.map((r) => `<tr><td>${r.kind}</td><td>${esc(r.tool)}</td><td>${esc(r.finishedAt)}</td><td>${r.ageHours}</td><td>${r.fresh ? 'yes' : 'no (ignored)'}</td></tr>`).join('')}
</tbody></table>
</body></html>
`;
}

export function renderHtml(card: Scorecard): RenderedFiles {
  return { 'scorecard.html': htmlText(card) };
}
