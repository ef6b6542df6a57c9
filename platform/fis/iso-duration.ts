const PATTERN = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Parses an ISO-8601 duration as FIS takes them (`PT2M`, `PT30S`, `PT1M30S`, `P1D`) into
 * milliseconds. Returns an error message instead for anything else, so callers can name
 * the field it came from.
 */
export function parseIsoDuration(text: string): { ms: number } | { error: string } {
  const match = PATTERN.exec(text);
  const explain = `${JSON.stringify(text)} is not an ISO-8601 duration such as PT30S, PT2M or PT1M30S`;
  if (!match || text === 'P' || text.endsWith('T')) return { error: explain };
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  const ms = ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Math.round(Number(seconds) * 1000);
  return { ms };
}
