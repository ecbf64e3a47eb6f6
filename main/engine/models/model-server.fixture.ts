// A local HTTP server that serves a model package's files the way Hugging Face does: Content-Length,
// a strong ETag, and byte ranges (206 / 416), plus switches to break a transfer or a file on purpose.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';
import type { CatalogModel } from './catalog';

export interface ServedRequest {
  readonly path: string;
  readonly range: string | null;
  readonly status: number;
  readonly bytesSent: number;
}

export interface ModelServer {
  readonly url: string;
  readonly files: ReadonlyMap<string, Buffer>;
  readonly requests: ServedRequest[];
  /** The next answer for `path` stops (the socket is destroyed) after `bytes` bytes of body. */
  cutNext(path: string, bytes: number): void;
  /** Serve `path` with one byte changed (same size, different SHA-256). */
  corrupt(path: string): void;
  /** Answer `path` with no Range support (always 200 with the whole file). */
  ignoreRanges(path: string): void;
  /** Sends bodies at about `bytesPerSecond` (null: as fast as possible), so progress can be watched. */
  throttle(bytesPerSecond: number | null): void;
  /** Back to serving every file whole and intact, with ranges. */
  reset(): void;
  /** A catalog entry for these files, with real sizes and SHA-256. */
  catalogEntry(name: string): CatalogModel;
  close(): Promise<void>;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

export async function startModelServer(packageDir: string): Promise<ModelServer> {
  const files = new Map<string, Buffer>();
  for (const path of await listFiles(packageDir)) {
    if (path.endsWith('README.md')) continue;
    files.set(relative(packageDir, path).split(sep).join('/'), await readFile(path));
  }
  const requests: ServedRequest[] = [];
  const cuts = new Map<string, number>();
  const corrupted = new Set<string>();
  const noRanges = new Set<string>();
  let rate: number | null = null;

  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(
      (request.url ?? '/').replace(/^\/files\//, '').split('?')[0] ?? '',
    );
    const original = files.get(path);
    const record = (status: number, bytesSent: number): void => {
      requests.push({ path, range: request.headers.range ?? null, status, bytesSent });
    };
    if (original === undefined) {
      record(404, 0);
      response.writeHead(404).end('not found');
      return;
    }
    let body = original;
    if (corrupted.has(path)) {
      body = Buffer.from(original);
      body[body.length >> 1] = (body[body.length >> 1] ?? 0) ^ 0xff;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    let start = 0;
    let status = 200;
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    const ifRange = request.headers['if-range'];
    if (range !== null && !noRanges.has(path) && (ifRange === undefined || ifRange === etag)) {
      start = Number(range[1]);
      if (start >= body.length) {
        record(416, 0);
        response.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      status = 206;
    }
    const part = body.subarray(start);
    const headers: Record<string, string | number> = {
      'content-length': part.length,
      'content-type': 'application/octet-stream',
      etag,
      ...(!noRanges.has(path) && { 'accept-ranges': 'bytes' }),
      ...(status === 206 && {
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
      }),
    };
    response.writeHead(status, headers);
    const cut = cuts.get(path);
    if (cut !== undefined) {
      cuts.delete(path);
      record(status, cut);
      response.write(part.subarray(0, cut), () => setTimeout(() => response.destroy(), 20));
      return;
    }
    record(status, part.length);
    if (rate === null) {
      response.end(part);
      return;
    }
    const chunk = Math.max(1, Math.round(rate / 20));
    let sent = 0;
    const timer = setInterval(() => {
      if (response.destroyed || sent >= part.length) {
        clearInterval(timer);
        if (!response.destroyed) response.end();
        return;
      }
      response.write(part.subarray(sent, sent + chunk));
      sent += chunk;
    }, 50);
    response.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    files,
    requests,
    cutNext: (path, bytes) => void cuts.set(path, bytes),
    corrupt: (path) => void corrupted.add(path),
    ignoreRanges: (path) => void noRanges.add(path),
    throttle: (bytesPerSecond) => {
      rate = bytesPerSecond;
    },
    reset: () => {
      rate = null;
      cuts.clear();
      corrupted.clear();
      noRanges.clear();
      requests.length = 0;
    },
    catalogEntry: (name) => ({
      name,
      title: name,
      description: 'served by the test server',
      source: url,
      embedDim: 64,
      imageSize: 64,
      languages: ['en'],
      text: { family: 'clip', verified: 'the demo model, served by the test server' },
      hints: {
        speed: 'fastest',
        device: 'cpu',
        memoryMiB: null,
        cpuMsPerImage: null,
        recall: null,
        approxDownloadMiB: null,
      },
      files: [...files].map(([path, data]) => ({
        path,
        url: `${url}/files/${path}`,
        size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
      })),
      listing: null,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
