// Who may talk to the browser-mode bridge: only the page the harness opened. The bridge can add
// folders and serve photos, so a web page open elsewhere in the browser, or a DNS name rebound to
// 127.0.0.1, must not reach it: the Host must be the bridge's own, an Origin (when sent) its own,
// and every request carries the per-run token (a SameSite=Strict cookie, or a header from Node).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'facet-bridge-token';
export const TOKEN_HEADER = 'x-facet-token';

/** A fresh secret for one bridge run. */
export function newBridgeToken(): string {
  return randomBytes(32).toString('hex');
}

export interface Refusal {
  readonly status: number;
  readonly reason: string;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why the request must be refused, or null when it comes from the harness's own page. */
export function refuseRequest(req: IncomingMessage, port: number, token: string): Refusal | null {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes(req.headers.host ?? '')) {
    return { status: 421, reason: 'This server answers only for its own address.' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((host) => origin === `http://${host}`)) {
    return { status: 403, reason: 'Cross-origin requests are refused.' };
  }
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return { status: 403, reason: 'Cross-site requests are refused.' };
  }
  const header = req.headers[TOKEN_HEADER];
  const given = typeof header === 'string' ? header : cookieValue(req.headers.cookie, TOKEN_COOKIE);
  if (!sameSecret(given, token)) {
    return { status: 401, reason: 'This server needs the token of its run.' };
  }
  return null;
}
