import type { ScoredCheck } from '../scorecard/scorecard.ts';
import { esc } from './html-text.ts';

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

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const FONT_SIZE = 10;
/** Wider than the average glyph of a sans-serif at FONT_SIZE, so an estimate never undercuts the real text. */
const CHAR_WIDTH = 6.2;
// A label box is about 17 px high in Chromium (the glyphs and their halo): lanes never share a pixel.
const LANE_HEIGHT = 18;
const GAP = 6;
const LINE_Y = 16;

export interface PlacedLabel {
  text: string;
  /** Where its mark sits on the time axis. */
  markX: number;
  /** The label's centre, kept inside the drawing. */
  x: number;
  width: number;
  /** 0, 2, 4… below the line, 1, 3, 5… above it; further lanes are further away. */
  lane: number;
}

/**
 * Lays the marks' labels out so none overlaps another: each label takes the first lane
 * (below, above, then further out) where it clears every label already there. Marks a
 * fraction of a second apart (alarm, rollback and recovery of a fast drill) thus stack
 * instead of printing over each other, and a leader line ties each label to its mark.
 */
export function layoutLabels(
  marks: readonly { text: string; x: number }[],
  bounds: { left: number; right: number },
): PlacedLabel[] {
  const lanes: { from: number; to: number }[][] = [];
  return marks.map(({ text, x: markX }) => {
    const width = text.length * CHAR_WIDTH;
    const x = Math.min(Math.max(markX, bounds.left + width / 2), bounds.right - width / 2);
    const from = x - width / 2 - GAP / 2;
    const to = x + width / 2 + GAP / 2;
    let lane = 0;
    while ((lanes[lane] ?? []).some((taken) => from < taken.to && taken.from < to)) lane += 1;
    (lanes[lane] ??= []).push({ from, to });
    return { text, markX, x, width, lane };
  });
}

/** The label's baseline: lane 0 just below the line, lane 1 just above, and so on outwards. */
const laneY = (lane: number, lanesAbove: number): number => {
  const ring = Math.floor(lane / 2);
  return lane % 2 === 0
    ? LINE_Y + 20 + ring * LANE_HEIGHT + lanesAbove * LANE_HEIGHT
    : LINE_Y - 10 - ring * LANE_HEIGHT + lanesAbove * LANE_HEIGHT;
};

/** An SVG per drill: fault observed → alarm → rollback → recovered, on a shared time scale. */
export function drillTimelineSvg(timelines: readonly DrillTimeline[]): string {
  if (timelines.length === 0) return '';
  const width = 640;
  const left = 190;
  const span = width - left - 20;
  const scale = Math.max(...timelines.map((t) => t.recoveredMs), 1);
  const x = (ms: number): number => left + (ms / scale) * span;
  let top = 8;
  const rows = timelines.map((timeline) => {
    const marks: [string, number, string][] = [
      ['fault observed', 0, '#cf222e'],
      ...(timeline.alarmMs !== undefined ? [['alarm', timeline.alarmMs, '#9a6700'] as [string, number, string]] : []),
      ...(timeline.rollbackMs !== undefined
        ? [['rollback', timeline.rollbackMs, '#8250df'] as [string, number, string]]
        : []),
      ['recovered', timeline.recoveredMs, '#1a7f37'],
    ];
    const placed = layoutLabels(
      marks.map(([label, ms]) => ({ text: `${label} ${seconds(ms)}`, x: x(ms) })),
      { left: left - 40, right: width - 2 },
    );
    // Rows grow with the lanes they need, so a stacked label never reaches the next drill.
    const lanesAbove = Math.ceil(Math.max(0, ...placed.map((p) => p.lane)) / 2);
    const lanesBelow = Math.floor(Math.max(0, ...placed.map((p) => p.lane)) / 2) + 1;
    const shift = lanesAbove * LANE_HEIGHT;
    const labelY = (p: PlacedLabel): number => laneY(p.lane, lanesAbove);
    // Each label takes its mark's colour; a leader ties it to its mark only from the nearest
    // lanes, so no leader crosses another label. Leaders come first, labels over them with a halo.
    const leaders = placed
      .map((p, j) =>
        p.lane <= 1 && Math.abs(p.x - p.markX) > 1
          ? `<line x1="${p.markX.toFixed(1)}" y1="${LINE_Y + shift}" x2="${p.x.toFixed(1)}" y2="${(p.lane % 2 === 0 ? labelY(p) - FONT_SIZE : labelY(p) + 2).toFixed(1)}" stroke="${marks[j]?.[2] ?? '#57606a'}" stroke-width="0.75"/>`
          : '',
      )
      .join('');
    const dots = marks
      .map(([label, ms, colour], index) => {
        const p = placed[index] as PlacedLabel;
        return `<g class="mark" data-mark="${label}"><circle cx="${x(ms).toFixed(1)}" cy="${LINE_Y + shift}" r="5" fill="${colour}"><title>${label} at ${seconds(ms)}</title></circle><text x="${p.x.toFixed(1)}" y="${labelY(p)}" font-size="${FONT_SIZE}" text-anchor="middle" fill="${colour}" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(p.text)}</text></g>`;
      })
      .join('');
    const height = shift + LINE_Y + 20 + lanesBelow * LANE_HEIGHT;
    const row = `<g transform="translate(0 ${top})" class="drill" data-drill="${esc(timeline.drill)}">
    <text x="0" y="${LINE_Y + shift + 4}" font-size="12">${esc(timeline.drill)}</text>
    <line x1="${x(0).toFixed(1)}" x2="${x(timeline.recoveredMs).toFixed(1)}" y1="${LINE_Y + shift}" y2="${LINE_Y + shift}" stroke="#57606a" stroke-width="3"/><g class="leaders">${leaders}</g>${dots}</g>`;
    top += height;
    return row;
  });
  return `<svg class="drills" viewBox="0 0 ${width} ${top + 4}" role="img" aria-label="drill recovery timelines">${rows.join('')}</svg>`;
}
