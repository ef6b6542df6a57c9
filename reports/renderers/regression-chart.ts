import { esc } from './html-text.ts';

/** One flagged endpoint's latency distributions: the values at quantiles 0, 2.5 %, … 100 %. */
export interface DistributionChart {
  endpoint: string;
  metric: string;
  verdict: 'pass' | 'marginal' | 'fail' | 'nodata';
  shiftMs: number;
  baselineMs: number[];
  currentMs: number[];
}

const WIDTH = 360;
const HEIGHT = 170;
const PAD = { left: 34, right: 10, top: 22, bottom: 28 };
/** The top 2.5 % is left off the scale: one slow outlier would squash the rest of the curve. */
const SHOWN_UP_TO = 0.975;

/** A step-free CDF line: latency (x) against the share of requests at most that slow (y). */
function cdfPath(values: readonly number[], xOf: (ms: number) => number, yOf: (share: number) => number): string {
  const last = values.length - 1;
  return values
    .map((ms, i) => ({ share: i / last, ms }))
    .filter((p) => p.share <= SHOWN_UP_TO)
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${xOf(p.ms).toFixed(1)} ${yOf(p.share).toFixed(1)}`)
    .join(' ');
}

function oneChart(chart: DistributionChart): string {
  const shown = (values: readonly number[]): number => values[Math.floor(SHOWN_UP_TO * (values.length - 1))] ?? 0;
  const maxMs = Math.max(1, shown(chart.baselineMs), shown(chart.currentMs)) * 1.05;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (ms: number): number => PAD.left + (Math.min(ms, maxMs) / maxMs) * plotW;
  const y = (share: number): number => PAD.top + (1 - share) * plotH;
  const colour = chart.verdict === 'fail' ? '#cf222e' : '#9a6700';
  const ticks = [0, 0.5, 1]
    .map(
      (t) =>
        `<text x="${x(t * maxMs).toFixed(1)}" y="${HEIGHT - 12}" font-size="10" text-anchor="middle">${Math.round(t * maxMs)} ms</text>`,
    )
    .join('');
  const shift = `${chart.shiftMs >= 0 ? '+' : '−'}${Math.abs(chart.shiftMs).toFixed(1)} ms`;
  return `<svg class="regression" data-endpoint="${esc(chart.endpoint)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${esc(chart.endpoint)}: baseline and current latency distributions">
  <text x="${PAD.left}" y="14" font-size="12" font-weight="600">${esc(chart.endpoint)} · ${esc(chart.metric)} ${esc(shift)} (${esc(chart.verdict)})</text>
  <rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#d0d7de"/>
  <text x="${PAD.left - 4}" y="${y(1) + 4}" font-size="10" text-anchor="end">100%</text>
  <text x="${PAD.left - 4}" y="${y(0.5) + 4}" font-size="10" text-anchor="end">50%</text>
  <line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(0.95).toFixed(1)}" y2="${y(0.95).toFixed(1)}" stroke="#d0d7de" stroke-dasharray="2 3"><title>p95</title></line>
  <path class="baseline" d="${cdfPath(chart.baselineMs, x, y)}" fill="none" stroke="#57606a" stroke-width="2"><title>baseline runs</title></path>
  <path class="current" d="${cdfPath(chart.currentMs, x, y)}" fill="none" stroke="${colour}" stroke-width="2"><title>this run</title></path>
  ${ticks}
  <text x="${PAD.left + plotW}" y="${HEIGHT - 1}" font-size="10" text-anchor="end"><tspan fill="#57606a">— baseline</tspan> <tspan fill="${colour}">— this run</tspan></text>
</svg>`;
}

/** The scorecard section: one small CDF per endpoint the regression gate flagged; nothing when none was. */
export function regressionSection(charts: readonly DistributionChart[] | undefined): string {
  if (!charts?.length) return '';
  return `<h2>Latency regressions</h2><p>Share of requests (y) answered within a time (x): this run against the baseline runs, per flagged endpoint, up to the 97.5th percentile.</p><div class="regressions">${charts.map(oneChart).join('')}</div>`;
}
