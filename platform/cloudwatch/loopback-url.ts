import { isLoopback } from '../../common/is-loopback.ts';

/** True for http(s) URLs whose host is this machine (127.0.0.0/8, ::1, localhost): the only place alarms may post to. */
export function isLoopbackUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return (protocol === 'http:' || protocol === 'https:') && isLoopback(value);
}
