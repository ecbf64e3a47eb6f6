// Lint is where the architecture's boundaries are enforced (see DESIGN.md "Processes and folders").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Native addons, and the WebAssembly or JavaScript image decoders that stand in for them.
const NATIVE_ADDONS = [
  'onnxruntime-node',
  'onnxruntime-common',
  'sharp',
  'better-sqlite3',
  'libheif-js',
  '@jsquash/jxl',
  'ag-psd',
  'bmp-ts',
];

const nativeAddons = NATIVE_ADDONS.map((name) => ({
  name,
  message: 'Native addons are imported only under native/ (use its typed adapters).',
}));
const nativeAddonPatterns = NATIVE_ADDONS.map((name) => ({
  group: [`${name}/*`],
  message: 'Native addons are imported only under native/ (use its typed adapters).',
}));
const noElectron = {
  name: 'electron',
  message: 'main/engine and native/ run in plain Node: never import electron here.',
};
const noElectronPattern = { group: ['electron/*'], message: noElectron.message };
// The engine runs in plain Node (the CLI, the tests): it never depends on the Electron shell.
const noShellFromEngine = {
  regex: '(^|/)app(/|$)',
  message:
    'main/engine and main/cli never import main/app: the shell hosts the engine, not the reverse.',
};
// What the Electron main process may load of the engine: the client of the host process (and the
// forwarding of its output), the contract's handlers (validation) and the repair channel its client answers, the error codes and
// the photo guard. The rest (SQLite, CLIP, decoders) runs in the engine host, never in main; types
// may be imported from anywhere.
const ENGINE_SURFACE = [
  'host/engine-client',
  'host/protocol',
  'host/shutdown-grace',
  'host/output-lines',
  'contract-handlers',
  'host/repair-channel',
  'engine-error',
  'media-guard',
  'library/thumbnail-url',
];
const appReachesEngineSurfaceOnly = {
  regex: `^(\\.\\./)+engine/(?!(${ENGINE_SURFACE.join('|')})$)`,
  allowTypeImports: true,
  message:
    'main/app reaches the engine only through the engine client, the handlers and the media guard.',
};
const appNoNative = {
  regex: '(^|/)native(/|$)',
  allowTypeImports: true,
  message: 'native/ runs in the engine host, never in the Electron main process.',
};
// The renderer shares the contract's types with main; values it gets only through window.facet.
const preloadTypesOnly = {
  regex: '(^|/)preload(/|$)',
  allowTypeImports: true,
  message: 'The renderer imports preload/ with `import type` only (values come from window.facet).',
};
// Raw IPC lives in two wrappers: main/app/ipc.ts (main) and preload/index.ts (the page's side).
const rawIpc = (name, selector) => ({
  selector,
  message: `'${name}' is raw IPC: only main/app/ipc.ts and preload/index.ts use it; go through the contract.`,
});
const RAW_IPC = [
  ...['ipcMain', 'ipcRenderer'].flatMap((name) => [
    rawIpc(name, `ImportSpecifier[imported.name='${name}']`),
    rawIpc(name, `MemberExpression[property.name='${name}']`),
    rawIpc(name, `ObjectPattern > Property[key.name='${name}']`),
  ]),
  rawIpc('webContents.send', "MemberExpression[property.name='send'][object.name='webContents']"),
  rawIpc(
    'webContents.send',
    "MemberExpression[property.name='send'][object.property.name='webContents']",
  ),
];
const noMainOrNative = {
  group: ['**/main/**', '**/native/**', '../main', '../native', '../../main', '../../native'],
  message: 'The renderer talks to the engine only through window.facet (preload/contract.ts).',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'e2e/results/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/fixtures/**',
      'e2e/config/lint-fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nativeAddons,
            { name: 'electron', message: 'The renderer never imports electron.' },
          ],
          patterns: [
            ...nativeAddonPatterns,
            noMainOrNative,
            preloadTypesOnly,
            { group: ['electron/*'], message: 'The renderer never imports electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/engine/**/*.ts', 'main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nativeAddons],
          patterns: [noElectronPattern, ...nativeAddonPatterns, noShellFromEngine],
        },
      ],
    },
  },
  {
    files: ['native/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noElectronPattern] }],
    },
  },
  {
    files: ['main/app/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nativeAddons,
          patterns: [...nativeAddonPatterns, appReachesEngineSurfaceOnly, appNoNative],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nativeAddons, patterns: nativeAddonPatterns }],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    ignores: ['main/app/ipc.ts', 'preload/index.ts'],
    rules: { 'no-restricted-syntax': ['error', ...RAW_IPC] },
  },
);
