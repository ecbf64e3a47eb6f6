// Checks electron-builder.yml without packaging: it matches electron-builder's schema, sets the
// security fuses, unpacks real native files, and ships only this platform's onnxruntime binaries.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

// Loaded from electron-builder's own dependencies, so the checks use its parser and matchers.
const yaml = require('js-yaml') as { load(text: string): unknown };
const Ajv = (require('ajv') as { default: new (options: object) => AjvInstance }).default;
const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  FileMatcher: FileMatcherClass;
};
const { expandMacro } = require('app-builder-lib/out/util/macroExpander') as {
  expandMacro(pattern: string, arch: string | null, appInfo: object): string;
};
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean }): Promise<void>;
};

interface AjvInstance {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown[] | null };
}
type FileFilter = (file: string, stat: { isDirectory(): boolean }) => boolean;
interface FileMatcherInstance {
  addPattern(pattern: string): void;
  prependPattern(pattern: string): void;
  createFilter(): FileFilter;
}
type FileMatcherClass = new (
  from: string,
  to: string,
  expand: (pattern: string) => string,
  patterns?: string[],
) => FileMatcherInstance;

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; category: string };
  win: { target: string[] };
  mac: { target: string[]; hardenedRuntime: boolean; entitlements: string };
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const expand = (pattern: string) => expandMacro(pattern, process.arch, {});

function filesUnder(dir: string): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .map((file) => `${dir}/${file.replaceAll('\\', '/')}`)
    .filter((file) => statSync(join(ROOT, file)).isFile());
}

const fileStat = { isDirectory: () => false };

describe('electron-builder.yml', () => {
  it('matches the schema electron-builder validates against', async () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    // The options electron-builder's schemaValidator uses.
    const ajv = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false });
    const validate = ajv.compile(schema);
    assert.equal(validate(structuredClone(config)), true, JSON.stringify(validate.errors, null, 2));
    assert.equal(
      validate({ ...structuredClone(config), electronFuse: {} }),
      false,
      'a misspelt key fails',
    );
    await validateConfiguration(structuredClone(config), { isEnabled: false });
  });

  it('identifies the app and builds the installers for each OS', () => {
    assert.equal(config.appId, 'app.facet.desktop');
    assert.equal(config.productName, 'Facet');
    assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
    assert.equal(config.linux.category, 'Graphics');
    assert.deepEqual(config.win.target, ['nsis']);
    assert.deepEqual(config.mac.target, ['dmg']);
    assert.equal(config.mac.hardenedRuntime, true);
    assert.ok(existsSync(join(ROOT, config.mac.entitlements)), config.mac.entitlements);
  });

  it('sets the fuses that close Node-level back doors in the packaged app', () => {
    assert.deepEqual(config.electronFuses, {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packages the built app and ships the demo model outside the asar', () => {
    assert.ok(config.files.includes('out/**'));
    assert.ok(config.files.includes('package.json'));
    const assets = config.extraResources.find((resource) => resource.from === 'assets');
    assert.equal(assets?.to, 'assets');
    assert.ok(existsSync(join(ROOT, 'assets/models/tiny-clip-shapes/config.json')));
  });

  it('unpacks files that exist, and every native library the app loads', () => {
    const unpackers = config.asarUnpack.map((pattern) => ({
      pattern,
      unpacked: new FileMatcher(ROOT, ROOT, expand, [pattern]).createFilter(),
    }));
    const candidates = [
      'onnxruntime-node',
      'sharp',
      '@img',
      'better-sqlite3',
      'exiftool-vendored.pl',
    ].flatMap((pkg) => filesUnder(`node_modules/${pkg}`));
    for (const { pattern, unpacked } of unpackers) {
      const matched = candidates.filter((file) => unpacked(join(ROOT, file), fileStat));
      assert.ok(matched.length > 0, `${pattern} (${expand(pattern)}) matches no file`);
    }
    const own = `/${process.platform}/${process.arch}/`;
    const nativeHere = candidates.filter(
      (file) =>
        /\.(node|so(\.\d+)*|dylib|dll)$/.test(file) &&
        (!file.startsWith('node_modules/onnxruntime-node/') || file.includes(own)),
    );
    assert.ok(nativeHere.some((file) => file.startsWith('node_modules/onnxruntime-node/')));
    assert.ok(nativeHere.some((file) => file.startsWith('node_modules/@img/')));
    assert.ok(nativeHere.some((file) => file.startsWith('node_modules/better-sqlite3/')));
    const packed = nativeHere.filter(
      (file) => !unpackers.some(({ unpacked }) => unpacked(join(ROOT, file), fileStat)),
    );
    assert.deepEqual(packed, [], 'native libraries left inside the asar cannot be loaded');
    const exiftool = 'node_modules/exiftool-vendored.pl/bin/exiftool';
    assert.ok(candidates.includes(exiftool), `${exiftool} is installed`);
    assert.ok(
      unpackers.some(({ unpacked }) => unpacked(join(ROOT, exiftool), fileStat)),
      'perl cannot run ExifTool from inside the asar',
    );
  });

  it("ships only this platform's onnxruntime binaries", () => {
    // The node_modules filter electron-builder builds from the `files` exclusions.
    const matcher = new FileMatcher(ROOT, ROOT, expand);
    for (const pattern of config.files) if (pattern.startsWith('!')) matcher.addPattern(pattern);
    matcher.prependPattern('**/*');
    const shipped = matcher.createFilter();
    const binaries = filesUnder('node_modules/onnxruntime-node/bin');
    const own = `/${process.platform}/${process.arch}/`;
    const kept = binaries.filter((file) => shipped(join(ROOT, file), fileStat));
    const dropped = binaries.filter((file) => !shipped(join(ROOT, file), fileStat));
    assert.ok(
      kept.some((file) => file.endsWith('.node')),
      'the addon for this platform is shipped',
    );
    assert.ok(
      kept.every((file) => file.includes(own)),
      `only ${own} is shipped: ${kept.join(', ')}`,
    );
    assert.ok(
      dropped.some((file) => !file.includes(`/${process.platform}/`)),
      'other OSes are dropped',
    );
    assert.ok(
      binaries.filter((file) => !file.includes(own)).every((file) => dropped.includes(file)),
      'every other platform and arch is dropped',
    );
    assert.ok(shipped(join(ROOT, 'node_modules/onnxruntime-node/dist/index.js'), fileStat));
  });
});
