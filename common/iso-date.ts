/**
 * `YYYY-MM-DD` in UTC, `days` after `now`: orders are for tomorrow, menus are read for today.
 * Plain TypeScript with no imports, so the k6 scenarios can bundle it too.
 */
export function isoDate(now: Date, days = 0): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
