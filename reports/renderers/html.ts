import type { CategoryScore, Scorecard, ScoredCheck } from '../scorecard/scorecard.ts';
import { blockedNote, groupBlocked } from './blocked-groups.ts';
import { drillTimelines, drillTimelineSvg } from './drill-timeline.ts';
import { esc, parseLimit } from './html-text.ts';
import { regressionSection } from './regression-chart.ts';
import type { RenderedFiles } from './rendered-files.ts';

const VERDICT_COLOUR: Record<Scorecard['verdict'], string> = {
  ready: '#1a7f37',
  'not-ready': '#cf222e',
  incomplete: '#9a6700',
  interrupted: '#9a6700',
};
const STATUS_COLOUR: Record<ScoredCheck['status'], string> = {
  pass: '#1a7f37',
  fail: '#cf222e',
  warn: '#9a6700',
  skip: '#6e7781',
  error: '#8250df',
  blocked: '#bc4c00',
};

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
  const bars = categories.map((category, index) => {
    const y = index * rowHeight;
    const width = category.score === null ? 0 : (category.score / 100) * 300;
    const label =
      category.score === null
        ? category.required
          ? 'missing (required)'
          : 'not evaluated'
        : `${category.score.toFixed(1)}`;
    const colour =
      category.score === null
        ? '#d0d7de'
        : category.score >= 90
          ? '#1a7f37'
          : category.score >= 60
            ? '#9a6700'
            : '#cf222e';
    return `<g transform="translate(0 ${y})" class="bar" data-category="${category.category}">
    <text x="0" y="17" font-size="13">${esc(category.category)}${category.required ? ' *' : ''}</text>
    <rect x="110" y="4" width="300" height="16" fill="#f6f8fa" stroke="#d0d7de"/>
    <rect x="110" y="4" width="${width.toFixed(1)}" height="16" fill="${colour}"/>
    <text x="418" y="17" font-size="12">${esc(label)} · weight ${category.weight}</text>
  </g>`;
  });
  return `<svg class="categories" viewBox="0 0 640 ${categories.length * rowHeight}" role="img" aria-label="score by category">${bars.join('')}</svg>`;
}

/**
 * Every measured time against its own limit, on one shared scale: 0 to 150 % of the limit,
 * the limit itself the dashed line at 100 %. Each row says the figure and the limit in full
 * ("126 ms of 100 ms limit"), worst first, so a person sees at a glance what is close or over.
 */
function latencyChart(checks: readonly ScoredCheck[]): string {
  const timed = checks
    .flatMap((check) => {
      const limit = parseLimit(check.measured?.target);
      return check.measured?.unit === 'ms' && limit
        ? [{ check, value: check.measured.value, limit, share: check.measured.value / limit }]
        : [];
    })
    .sort((a, b) => b.share - a.share);
  if (timed.length === 0) return '<p>No timed checks with a limit.</p>';
  const rowHeight = 22;
  const left = 330;
  const span = 300;
  const cap = 1.5;
  const x = (share: number) => left + (Math.min(share, cap) / cap) * span;
  const rows = timed.map(({ check, value, limit, share }, index) => {
    const colour = share > 1 ? STATUS_COLOUR.fail : share > 0.8 ? STATUS_COLOUR.warn : STATUS_COLOUR.pass;
    const label = `${value} ms of ${limit} ms limit (${Math.round(share * 100)} %)`;
    return `<g transform="translate(0 ${index * rowHeight})"><title>${esc(check.title)}</title>
    <text x="0" y="15" font-size="11">${esc(check.id)}</text>
    <rect x="${left}" y="4" width="${(x(share) - left).toFixed(1)}" height="13" fill="${colour}"/>
    <text x="${left + span + 8}" y="15" font-size="11">${esc(label)}</text>
  </g>`;
  });
  const height = timed.length * rowHeight + 18;
  const ticks = [0, 0.5, 1, 1.5]
    .map(
      (t) => `<text x="${x(t).toFixed(1)}" y="${height - 4}" font-size="10" text-anchor="middle">${t * 100} %</text>`,
    )
    .join('');
  return `<svg class="latency" viewBox="0 0 ${left + span + 230} ${height}" role="img" aria-label="measured times against their limits">
  <line x1="${x(1).toFixed(1)}" x2="${x(1).toFixed(1)}" y1="0" y2="${height - 16}" stroke="#24292f" stroke-dasharray="3 3"><title>the limit</title></line>
  ${rows.join('')}${ticks}</svg>`;
}

/** Score and verdict of the last runs (`check --history DIR`), then this one. */
function historyStrip(card: Scorecard): string {
  if (!card.history?.length) return '';
  const points = [...card.history, { generatedAt: card.generatedAt, score: card.score, verdict: card.verdict }];
  const cells = points.map(
    (p, i) =>
      `<li class="hist" style="border-color:${VERDICT_COLOUR[p.verdict]}" title="${esc(p.generatedAt)}"><b>${p.score}</b><br>${esc(p.verdict)}${i === points.length - 1 ? '<br>(this run)' : ''}</li>`,
  );
  return `<h2>History</h2><ol class="history">${cells.join('')}</ol>`;
}

/** An evidence entry as a link relative to this page, so it works from a downloaded artifact. */
function evidenceLink(card: Scorecard, entry: string): string {
  const href = card.hrefs?.[entry] ?? (/^https?:\/\//.test(entry) ? entry : undefined);
  return href ? `<a href="${esc(href)}"><code>${esc(entry)}</code></a>` : `<code>${esc(entry)}</code>`;
}

function checkRows(card: Scorecard): string {
  const { shown, blockedBy } = groupBlocked(card.checks);
  return shown
    .map((check) => {
      const measured = check.measured
        ? `${check.measured.value} ${check.measured.unit}${check.measured.target ? ` (${check.measured.target})` : ''}`
        : '';
      const evidence = [check.source, ...(check.evidence ?? [])].map((e) => evidenceLink(card, e)).join(' ');
      const note = blockedNote(blockedBy.get(check.id));
      return `<tr class="status-${check.status}"><td><span class="pill" style="background:${STATUS_COLOUR[check.status]}">${check.status}</span></td><td><code>${esc(check.id)}</code><br>${esc(check.title)}</td><td>${check.category}</td><td>${check.severity}</td><td>${esc(measured)}</td><td class="msg">${esc(check.message ?? '')}${note ? `<p class="blocked">${esc(note)}</p>` : ''}</td><td>${evidence}</td></tr>`;
    })
    .join('\n');
}

/** The drills' recovery timelines, only when chaos results were scored. */
function drillSection(card: Scorecard): string {
  const timelines = drillTimelines(card.checks);
  if (timelines.length === 0) return '';
  return `<h2>Drill timelines</h2><p>From the first fault the order traffic observed to recovery (the old version serving alone, successfully).</p>${drillTimelineSvg(timelines)}`;
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
svg.categories{width:640px}svg.drills{width:640px}svg.latency{width:100%;max-width:860px}code{font-size:12px}
.history{display:flex;gap:6px;list-style:none;padding:0}.hist{border:2px solid;border-radius:6px;padding:4px 8px;text-align:center;font-size:12px}
.blocked{color:#bc4c00;margin:4px 0 0}
.regressions{display:flex;flex-wrap:wrap;gap:12px}svg.regression{width:360px}
</style></head>
<body>
<header>${scoreGauge(card)}<div>
<div class="verdict" id="verdict">${card.verdict.toUpperCase()}</div>
<div>score <b>${card.score}</b>/100 · minimum ${card.minimumScore} · environment <b>${esc(card.environment)}</b> · target <code>${esc(card.target || 'none')}</code></div>
<div>generated ${esc(card.generatedAt)}${card.releaseId ? ` · release <b>${esc(card.releaseId)}</b>` : ''}</div>
${card.allureReport ? `<div><a id="allure-link" href="${esc(card.allureReport)}">Allure report</a> (every test and check, with attachments)</div>` : ''}</div></header>
<h2>Why</h2><ul>${card.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
${historyStrip(card)}
<h2>By category</h2>${categoryChart(card.categories)}<p>* required by the gate</p>
<h2>Measured times</h2>${latencyChart(card.checks)}
${drillSection(card)}
${regressionSection(card.regressionCharts)}
<h2>Checks</h2>
<table><thead><tr><th></th><th>check</th><th>category</th><th>severity</th><th>measured</th><th>message</th><th>evidence</th></tr></thead>
<tbody>${checkRows(card)}</tbody></table>
<h2>Evidence</h2><table><thead><tr><th>kind</th><th>from</th><th>finished</th><th>age (h)</th><th>fresh</th><th>release</th><th>commit</th><th>CI run</th><th>tool</th></tr></thead><tbody>
${card.runs.map((r) => `<tr><td>${r.kind}</td><td>${evidenceLink(card, r.path)}</td><td>${esc(r.finishedAt)}</td><td>${r.ageHours}</td><td>${r.fresh ? 'yes' : 'no (ignored)'}</td><td>${esc(r.provenance?.releaseId ?? '')}</td><td><code>${esc(r.provenance?.commit?.slice(0, 12) ?? '')}</code></td><td>${r.provenance?.runUrl ? `<a href="${esc(r.provenance.runUrl)}">run</a>` : ''}</td><td>${esc(r.tool)}</td></tr>`).join('')}
</tbody></table>
</body></html>
`;
}

export function renderHtml(card: Scorecard): RenderedFiles {
  return { 'scorecard.html': htmlText(card) };
}
