/** Text for HTML, escaped: a hostile target's words render as text, never as markup. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A limit like "<100", "<= 2.5 s" or "under 500 ms" as a number in the measured unit; undefined when there is none. */
export function parseLimit(target: string | undefined): number | undefined {
  const match = target?.match(/(-?\d+(?:\.\d+)?)/);
  const value = match?.[1] === undefined ? undefined : Number(match[1]);
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}
