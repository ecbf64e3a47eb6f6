import { expect, test } from '../harness/app';
import { CAMERA, PHONE, photosIn } from './fixture-paths';

interface FacetShape {
  frozen: boolean;
  keys: string[];
  reassigned: boolean;
  ipcRenderer: boolean;
  require: string;
  process: string;
}

test('window.facet is a frozen allow-list with no way into Node', async ({ app }) => {
  await app.waitForEvent('app-loaded');
  const shape = await app.page.evaluate((): FacetShape => {
    const scope = globalThis as unknown as Record<string, unknown>;
    const facet = scope.facet as Record<string, unknown>;
    let reassigned: boolean;
    try {
      scope.facet = {};
      reassigned = scope.facet !== facet;
    } catch {
      reassigned = false;
    }
    return {
      frozen: Object.isFrozen(facet),
      keys: Object.keys(facet).sort(),
      reassigned,
      ipcRenderer: 'ipcRenderer' in facet || 'ipcRenderer' in scope,
      require: typeof scope.require,
      process: typeof scope.process,
    };
  });
  expect(shape).toEqual({
    frozen: true,
    keys: ['invoke', 'on', 'pathForFile', 'photoUrl', 'thumbUrl'],
    reassigned: false,
    ipcRenderer: false,
    require: 'undefined',
    process: 'undefined',
  });
});

test('the engine refuses arguments the contract does not allow, with a code', async ({ app }) => {
  await app.waitForEvent('app-loaded');
  const errors = await app.page.evaluate(async () => {
    type Outcome = { ok: boolean; error?: { code: string; message: string } };
    type Invoke = (channel: string, ...args: unknown[]) => Promise<Outcome>;
    const facet = (globalThis as unknown as { facet: { invoke: Invoke } }).facet;
    const attempt = async (channel: string, ...args: unknown[]) =>
      (await facet.invoke(channel, ...args)).error ?? null;
    return {
      relative: await attempt('library:add', ['relative/folder']),
      unknown: await attempt('fs:read-file', '/etc/passwd'),
      malformed: await attempt('../engine', 'x'),
    };
  });
  expect(errors.relative?.code).toBe('INVALID_CALL');
  expect(errors.relative?.message).toMatch(/Invalid call to library:add/);
  expect(errors.relative?.message).toMatch(/absolute path/);
  expect(errors.unknown).toEqual({
    code: 'INVALID_CALL',
    message: 'Unknown channel: fs:read-file',
  });
  expect(errors.malformed).toEqual({ code: 'INVALID_CALL', message: 'Unknown channel: ../engine' });
});

test.describe('photo endpoint (browser mode)', () => {
  test.use({ appMode: 'browser' });

  test('serves photos inside the library folders and nothing else', async ({ app }) => {
    const { page } = app;
    await app.waitForEvent('app-loaded');
    await app.chooseFolders([CAMERA]);
    const mark = await app.eventMark();
    await page.getByRole('button', { name: 'Add folder…' }).click();
    await app.waitForEvent('library-changed', { after: mark });

    const inside = photosIn(CAMERA)[0]!;
    const outside = photosIn(PHONE)[0]!;
    const escape = `${CAMERA}/../phone/${outside.slice(PHONE.length + 1)}`;
    const fetchPhoto = (path: string) =>
      page.evaluate(
        async (url) => {
          const response = await fetch(url);
          return { status: response.status, type: response.headers.get('content-type') ?? '' };
        },
        `/facet-media/photo/${encodeURIComponent(path)}`,
      );

    const served = await fetchPhoto(inside);
    expect(served.status).toBe(200);
    expect(served.type).toMatch(/^image\//);
    expect([403, 404]).toContain((await fetchPhoto(outside)).status);
    expect([403, 404]).toContain((await fetchPhoto(escape)).status);
    expect([403, 404]).toContain((await fetchPhoto('/etc/passwd')).status);

    // The renderer's own photo URL loads in an <img> under the app's CSP.
    const width = await page.evaluate(async (path) => {
      const page = globalThis as unknown as {
        facet: { photoUrl(p: string): string };
        Image: new () => { src: string; naturalWidth: number; decode(): Promise<void> };
      };
      const img = new page.Image();
      img.src = page.facet.photoUrl(path);
      await img.decode();
      return img.naturalWidth;
    }, inside);
    expect(width).toBeGreaterThan(0);
  });
});
