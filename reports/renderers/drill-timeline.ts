import type { ScoredCheck } from '../scorecard/scorecard.ts';

/** One drill's recovery, in ms from the first observed fault. */
export interface DrillTimeline {
  drill: string;
  status: ScoredCheck['status'];
  alarmMs?: number;
  rollbackMs?: number;
  recoveredMs: number;
  targetMs?: number;
}

const DRILL_CHECK = /^chaos\.([a-z0-9-]+)\.(mttr|detection|rollback)$/;

/**
 * The recovery timelines the chaos checks describe: `mttr` ends the line; `detection` (fault →
 * alarm) and `rollback` (alarm, or fault, → alias restored) are laid end to end before it.
 */
export function drillTimelines(checks: readonly ScoredCheck[]): DrillTimeline[] {
  const byDrill = new Map<string, Partial<Record<'mttr' | 'detection' | 'rollback', ScoredCheck>>>();
  for (const check of checks) {
    const match = DRILL_CHECK.exec(check.id);
    if (!match || !check.measured) continue;
    const [, drill, aspect] = match as unknown as [string, string, 'mttr' | 'detection' | 'rollback'];
    byDrill.set(drill, { ...byDrill.get(drill), [aspect]: check });
  }
  const timelines: DrillTimeline[] = [];
  for (const [drill, found] of byDrill) {
    if (!found.mttr?.measured) continue;
    const alarm = found.detection?.measured?.value;
    const rollback = found.rollback?.measured?.value;
    const target = Number(found.mttr.measured.target?.replace(/[^0-9.]/g, ''));
    timelines.push({
      drill,
      status: found.mttr.status,
      recoveredMs: found.mttr.measured.value,
      ...(alarm !== undefined ? { alarmMs: alarm } : {}),
      ...(rollback !== undefined ? { rollbackMs: (alarm ?? 0) + rollback } : {}),
      ...(Number.isFinite(target) && target > 0 ? { targetMs: target } : {}),
    });
  }
  return timelines;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** An SVG per drill: fault observed → alarm → rollback → recovered, on a shared time scale. */
export function drillTimelineSvg(timelines: readonly DrillTimeline[]): string {
  if (timelines.length === 0) return '';
  const width = 640;
  const left = 190;
  const span = width - left - 20;
  const scale = Math.max(...timelines.map((t) => t.recoveredMs), 1);
  const x = (ms: number): number => left + (ms / scale) * span;
  const rowHeight = 44;
  const rows = timelines.map((t, i) => {
    const marks: [string, number, string][] = [
      ['fault observed', 0, '#cf222e'],
      ...(t.alarmMs !== undefined ? [['alarm', t.alarmMs, '#9a6700'] as [string, number, string]] : []),
      ...(t.rollbackMs !== undefined ? [['rollback', t.rollbackMs, '#8250df'] as [string, number, string]] : []),
      ['recovered', t.recoveredMs, '#1a7f37'],
    ];
    const dots = marks
      .map(([label, ms, colour], j) => `<g class="mark" data-mark="${label}"><circle cx="${x(ms).toFixed(1)}" cy="16" r="5" fill="${colour}"><title>${label} at ${seconds(ms)}</title></circle><text x="${x(ms).toFixed(1)}" y="${j % 2 === 0 ? 36 : 4}" font-size="10" text-anchor="middle">${label} ${seconds(ms)}</text></g>`)
      .join('');
    return `<g transform="translate(0 ${i * rowHeight + 8})" class="drill" data-drill="${esc(t.drill)}">
    <text x="0" y="20" font-size="12">${esc(t.drill)}</text>
    <line x1="${x(0).toFixed(1)}" x2="${x(t.recoveredMs).toFixed(1)}" y1="16" y2="16" stroke="#57606a" stroke-width="3"/>${dots}</g>`;
  });
  return `<svg class="drills" viewBox="0 0 ${width} ${timelines.length * rowHeight + 12}" role="img" aria-label="drill recovery timelines">${rows.join('')}</svg>`;
}
