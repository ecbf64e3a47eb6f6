// Browser mode's stand-in for Electron main: the real engine host behind plain HTTP. It answers
// the same contract with the same validation (createInvokeHandlers) and the same photo guard
// (resolveLibraryPhoto), and serves the built renderer with the app's CSP.
// Run: node --import tsx e2e/harness/bridge-server.ts --renderer out/renderer --user-data DIR
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkedArgs,
  invokeEngine,
  isEngineInvokeChannel,
} from '../../main/engine/contract-handlers';
import { invokeRepair, REPAIR_CHANNEL } from '../../main/engine/host/repair-channel';
import { startEngineHost } from '../../main/engine/host/host-process';
import { thumbnailRequestFromUrl } from '../../main/engine/library/thumbnail-url';
import { photoPathFromUrl, resolveLibraryPhoto } from '../../main/engine/media-guard';
import { newBridgeToken, refuseRequest } from './bridge-guard';
import { callOutcome, engineError } from '../../main/engine/engine-error';

/** The renderer's CSP (renderer/index.html), sent as a header too, as Electron main does. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' facet-media: data: blob:",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
  '.heif': 'image/heif',
};

const MAX_BODY_BYTES = 1 << 20;

export interface BridgeServerOptions {
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** A fresh user-data folder: the library lives in <userData>/library. */
  readonly userDataDir: string;
  readonly log?: (line: string) => void;
}

export interface BridgeServer {
  readonly url: string;
  /** The per-run secret every request must carry (cookie or header, see bridge-guard.ts). */
  readonly token: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('The request body is too large.');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const rendererDir = resolve(options.rendererDir);
  const engine = startEngineHost({ libraryDir: join(options.userDataDir, 'library'), log });
  // What the "native folder picker" answers next: set by a spec through /facet/test/choose-folders.
  let chosenFolders: readonly string[] = [];
  // What the page asked of the desktop (show in folder, open): read by specs.
  const shellRequests: { channel: string; path: string }[] = [];

  const streams = new Set<ServerResponse>();
  // Every engine event goes to the page under its contract channel name.
  engine.onEvent((channel, payload) => {
    const frame = `event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  /** One call from the page, answered as Electron main answers it: with a CallOutcome. */
  async function answerCall(channel: string, req: IncomingMessage): Promise<unknown> {
    let args: unknown;
    try {
      args = await readJson(req);
    } catch (error) {
      throw engineError('INVALID_CALL', `Invalid request body: ${messageOf(error)}`);
    }
    if (!Array.isArray(args))
      throw engineError(
        'INVALID_CALL',
        `Invalid call to ${channel}: the arguments must be an array.`,
      );
    if (channel === 'dialog:chooseFolders') {
      checkedArgs(channel, args);
      return chosenFolders;
    }
    if (channel === 'shell:showInFolder' || channel === 'shell:openPath') {
      // No desktop here: the request is checked as Electron main checks it, then recorded.
      const [path] = checkedArgs(channel, args);
      const access = await resolveLibraryPhoto(path, await engine.api.library.roots());
      if (!access.ok)
        throw engineError('NOT_ALLOWED', `${channel} answers only for photos of the library.`);
      shellRequests.push({ channel, path: access.path });
      return null;
    }
    if (channel === REPAIR_CHANNEL) return invokeRepair(engine, args);
    if (!isEngineInvokeChannel(channel))
      throw engineError('INVALID_CALL', `Unknown channel: ${channel}`);
    return (await invokeEngine(engine.api, channel, args)) ?? null;
  }

  async function servePhoto(url: string, res: ServerResponse): Promise<void> {
    const requested = photoPathFromUrl(url);
    if (requested === null) {
      sendText(res, 404, 'Not a photo URL.');
      return;
    }
    const access = await resolveLibraryPhoto(requested, await engine.api.library.roots());
    if (!access.ok) {
      sendText(res, access.status, access.reason);
      return;
    }
    res.writeHead(200, {
      'content-type':
        CONTENT_TYPES[extname(access.path).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(access.path).pipe(res);
  }

  /** The engine checks the photo is in the library (media-guard) and makes the thumbnail once. */
  async function serveThumbnail(url: string, res: ServerResponse): Promise<void> {
    const requested = thumbnailRequestFromUrl(url);
    if (requested === null) {
      sendText(res, 404, 'Not a thumbnail URL.');
      return;
    }
    const answer = await engine.api.library.thumbnail(requested.path, requested.size);
    if (!answer.ok) {
      sendText(res, answer.status, answer.reason);
      return;
    }
    res.writeHead(200, { 'content-type': 'image/webp', 'cache-control': 'no-store' });
    createReadStream(answer.file).pipe(res);
  }

  async function serveRenderer(pathname: string, res: ServerResponse): Promise<void> {
    const relativePath = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname));
    const file = join(rendererDir, relativePath);
    if (!file.startsWith(rendererDir + sep)) {
      sendText(res, 403, 'Outside the renderer.');
      return;
    }
    const info = await stat(file).catch(() => null);
    if (info === null || !info.isFile()) {
      sendText(res, 404, 'Not found.');
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    });
    res.end(await readFile(file));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    const rawUrl = req.url ?? '/';
    const { pathname } = new URL(rawUrl, 'http://bridge.invalid');
    const method = req.method ?? 'GET';

    if (method === 'POST' && pathname.startsWith('/facet/invoke/')) {
      const channel = decodeURIComponent(pathname.slice('/facet/invoke/'.length));
      sendJson(res, 200, await callOutcome(() => answerCall(channel, req)));
    } else if (method === 'GET' && pathname === '/facet/test/shell-requests') {
      sendJson(res, 200, { result: shellRequests });
    } else if (method === 'POST' && pathname === '/facet/test/choose-folders') {
      const paths = await readJson(req);
      if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) {
        sendJson(res, 400, { error: 'Expected an array of folder paths.' });
        return;
      }
      chosenFolders = paths;
      sendJson(res, 200, { result: chosenFolders });
    } else if (method === 'GET' && pathname === '/facet/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write('retry: 500\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
    } else if (method === 'GET' && pathname.startsWith('/facet-media/photo/')) {
      await servePhoto(rawUrl, res);
    } else if (method === 'GET' && pathname.startsWith('/facet-media/thumb/')) {
      await serveThumbnail(rawUrl, res);
    } else if (method === 'GET') {
      await serveRenderer(pathname, res);
    } else {
      sendText(res, 405, 'Method not allowed.');
    }
  }

  const token = newBridgeToken();
  let port = 0;
  const server = createServer((req, res) => {
    const refusal = refuseRequest(req, port, token);
    if (refusal !== null) {
      log(`bridge: refused ${req.method} ${req.url}: ${refusal.reason}`);
      sendText(res, refusal.status, refusal.reason);
      return;
    }
    route(req, res).catch((error: unknown) => {
      log(`bridge: ${req.method} ${req.url}: ${messageOf(error)}`);
      if (!res.headersSent) sendText(res, 500, messageOf(error));
      else res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    async close() {
      for (const res of streams) res.end();
      await new Promise<void>((done) => server.close(() => done()));
      await engine.close();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { renderer: { type: 'string' }, 'user-data': { type: 'string' } },
  });
  if (values.renderer === undefined || values['user-data'] === undefined) {
    throw new Error('usage: bridge-server.ts --renderer DIR --user-data DIR');
  }
  const bridge = await startBridgeServer({
    rendererDir: values.renderer,
    userDataDir: values['user-data'],
  });
  const stop = (): void => {
    bridge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The parent keeps stdin open; when it goes away, so does this server.
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url: bridge.url, token: bridge.token })}\n`);
}

if (process.argv[1]?.endsWith('bridge-server.ts')) {
  main().catch((error: unknown) => {
    process.stderr.write(`bridge: ${messageOf(error)}\n`);
    process.exit(1);
  });
}
