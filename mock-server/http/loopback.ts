import { isIP } from 'node:net';

/**
 * Whether a host name or address only ever means this machine: `localhost` (and its
 * subdomains, RFC 6761), 127.0.0.0/8, ::1. The dev endpoints are on by default only there.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h) || /^(0+:){7}0*1$/.test(h);
  return false;
}
