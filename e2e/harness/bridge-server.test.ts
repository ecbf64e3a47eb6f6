// The browser-mode bridge can add folders to a library and serve its photos: a web page open in
// another tab, or a rebound DNS name, must not reach it while the end-to-end tests run.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startBridgeServer, type BridgeServer } from './bridge-server';
import { TOKEN_COOKIE, TOKEN_HEADER } from './bridge-guard';

let work: string;
let bridge: BridgeServer;
let photos: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-bridge-'));
  const renderer = join(work, 'renderer');
  photos = join(work, 'photos');
  await mkdir(renderer);
  await mkdir(photos);
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Facet</title>');
  bridge = await startBridgeServer({
    rendererDir: renderer,
    userDataDir: join(work, 'user-data'),
    log: () => {},
  });
});
after(async () => {
  await bridge.close();
  await rm(work, { recursive: true, force: true });
});

/** A raw HTTP request, so the Host header can be anything a browser might send. */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; text: string }> {
  const { port } = new URL(bridge.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const addPhotos = (headers: Record<string, string>) =>
  send('POST', '/facet/invoke/library%3Aadd', headers, JSON.stringify([[photos]]));

async function roots(): Promise<unknown> {
  const answer = await send(
    'POST',
    '/facet/invoke/library%3Aroots',
    { [TOKEN_HEADER]: bridge.token },
    '[]',
  );
  assert.equal(answer.status, 200, answer.text);
  return (JSON.parse(answer.text) as { result: unknown }).result;
}

test('the bridge listens on the loopback address only', () => {
  assert.match(bridge.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('a cross-origin text/plain POST to library:add is refused and adds nothing', async () => {
  // What a page on another site can send without a preflight: a "simple" request.
  const simple = await addPhotos({
    origin: 'http://attacker.example',
    'content-type': 'text/plain',
    'sec-fetch-site': 'cross-site',
  });
  assert.equal(simple.status, 403, simple.text);
  // Even holding the token, another origin is refused.
  const withToken = await addPhotos({
    origin: 'http://attacker.example',
    [TOKEN_HEADER]: bridge.token,
  });
  assert.equal(withToken.status, 403, withToken.text);
  assert.deepEqual(await roots(), []);
});

test('another Host (a DNS name rebound to 127.0.0.1) is refused', async () => {
  const answer = await send('GET', '/', { host: 'attacker.example', [TOKEN_HEADER]: bridge.token });
  assert.equal(answer.status, 421);
});

test('a request without the run token is refused; the token as cookie or header is accepted', async () => {
  assert.equal((await send('GET', '/', {})).status, 401);
  assert.equal((await send('GET', '/', { cookie: `${TOKEN_COOKIE}=wrong` })).status, 401);
  assert.equal((await addPhotos({ 'content-type': 'application/json' })).status, 401);
  const page = await send('GET', '/', { cookie: `other=1; ${TOKEN_COOKIE}=${bridge.token}` });
  assert.equal(page.status, 200);
  assert.match(page.text, /<title>Facet<\/title>/);
  const { port } = new URL(bridge.url);
  const added = await addPhotos({
    origin: `http://127.0.0.1:${port}`,
    cookie: `${TOKEN_COOKIE}=${bridge.token}`,
  });
  assert.equal(added.status, 200, added.text);
  assert.deepEqual(await roots(), [photos]);
});
