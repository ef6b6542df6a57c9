import type { ScoredCheck } from '../scorecard/scorecard.ts';
import { esc, parseLimit } from './html-text.ts';

/** One drill's recovery laid end to end: fault → detection (alarm) → rollback, against the MTTR target. */
export interface DrillTimeline {
  drill: string;
  phases: { name: string; ms: number }[];
  mttrMs?: number;
  targetMs?: number;
}

const ID = /^chaos\.(.+)\.(detection|outage-visible|rollback|mttr)$/;

/**
 * Pure: the drill checks (`chaos.<drill>.detection|outage-visible|rollback|mttr`, the drill
 * engine writes detection and rollback so they add up) grouped into one timeline per drill.
 * Drills without a measured phase are left out.
 */
export function drillTimelines(checks: readonly ScoredCheck[]): DrillTimeline[] {
  const byDrill = new Map<string, DrillTimeline>();
  for (const check of checks) {
    const match = check.kind === 'chaos' ? check.id.match(ID) : null;
    const [, drill, aspect] = match ?? [];
    if (!drill || !aspect || check.measured?.unit !== 'ms') continue;
    const timeline = byDrill.get(drill) ?? { drill, phases: [] };
    if (aspect === 'mttr') {
      timeline.mttrMs = check.measured.value;
      const target = parseLimit(check.measured.target);
      if (target) timeline.targetMs = target;
    } else {
      timeline.phases.push({
        name:
          aspect === 'rollback'
            ? 'rollback'
            : aspect === 'detection'
              ? 'detection'
              : 'outage visible',
        ms: check.measured.value,
      });
    }
    byDrill.set(drill, timeline);
  }
  return [...byDrill.values()]
    .filter((t) => t.phases.length > 0)
    .map((t) => ({
      ...t,
      phases: [...t.phases].sort(
        (a, b) => (a.name === 'rollback' ? 1 : 0) - (b.name === 'rollback' ? 1 : 0),
      ),
    }));
}

const PHASE_COLOUR: Record<string, string> = {
  detection: '#9a6700',
  'outage visible': '#9a6700',
  rollback: '#0969da',
};

/** The timelines as one SVG: a row per drill on a shared time scale, the MTTR target dashed. */
export function drillTimelineSvg(timelines: readonly DrillTimeline[]): string {
  if (timelines.length === 0) return '';
  const left = 230;
  const span = 420;
  const rowHeight = 26;
  const scaleMs =
    Math.max(
      ...timelines.map((t) =>
        Math.max(
          t.targetMs ?? 0,
          t.mttrMs ?? 0,
          t.phases.reduce((s, p) => s + p.ms, 0),
        ),
      ),
    ) || 1;
  const x = (ms: number) => left + (ms / scaleMs) * span;
  const rows = timelines.map((t, i) => {
    let at = 0;
    const segments = t.phases.map((p) => {
      const segment = `<rect class="phase" x="${x(at).toFixed(1)}" y="5" width="${(x(at + p.ms) - x(at)).toFixed(1)}" height="14" fill="${PHASE_COLOUR[p.name] ?? '#6e7781'}"><title>${esc(p.name)} ${p.ms} ms</title></rect>`;
      at += p.ms;
      return segment;
    });
    const target = t.targetMs
      ? `<line x1="${x(t.targetMs).toFixed(1)}" x2="${x(t.targetMs).toFixed(1)}" y1="1" y2="23" stroke="#24292f" stroke-dasharray="3 3"><title>MTTR target ${t.targetMs} ms</title></line>`
      : '';
    const label = `${t.phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`).join(' + ')}${t.mttrMs !== undefined ? ` · MTTR ${(t.mttrMs / 1000).toFixed(1)} s` : ''}${t.targetMs ? ` of ${(t.targetMs / 1000).toFixed(1)} s target` : ''}`;
    return `<g class="drill" transform="translate(0 ${i * rowHeight})"><text x="0" y="16" font-size="12">${esc(t.drill)}</text>${segments.join('')}${target}<text x="${left + span + 8}" y="16" font-size="11">${esc(label)}</text></g>`;
  });
  return `<h2>Drill timeline</h2><p>fault → detection → rollback complete, on one scale; the dashed line is the MTTR target.</p>
<svg class="drills" viewBox="0 0 ${left + span + 380} ${timelines.length * rowHeight}" role="img" aria-label="drill timelines">${rows.join('')}</svg>`;
}
