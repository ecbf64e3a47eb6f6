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
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nativeAddons,
            { name: 'electron', message: 'The renderer never imports electron.' },
          ],
          patterns: [
            ...nativeAddonPatterns,
            noMainOrNative,
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
          patterns: [noElectronPattern, ...nativeAddonPatterns],
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
    files: ['main/app/**/*.ts', 'preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nativeAddons, patterns: nativeAddonPatterns }],
    },
  },
);
