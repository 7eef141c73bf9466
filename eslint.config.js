import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layering is enforced here, not promised in a README. Each folder may only
// import what its runtime can load:
//   core, contract -> no Electron, no React, no DOM (contract: no Node either)
//   renderer       -> reaches src-main only through src-main/contract
//   preload        -> Electron and the contract's IPC module, nothing else
// The rules are tested in test/unit/lint/layering.test.ts.

const electronImport = {
  regex: '(^|/)electron(/|$)',
  message:
    'The core and the contract never import Electron (or src-main/electron); Electron lives in src-main/electron only.',
};
const uiImport = {
  regex: '^(react|react-dom|react/.*|react-dom/.*|zustand|@xyflow/react)$',
  message: 'The core and the contract never import React or renderer libraries.',
};
const rendererImport = {
  regex: '(^|/)src-renderer(/|$)',
  message: 'Main-side code never imports renderer code.',
};
const nodeBuiltinImport = {
  regex: '^node:',
  message: 'The contract is shared with the renderer: no Node modules here.',
};
const domGlobals = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
].map((name) => ({ name, message: 'The core and the contract never touch the DOM.' }));

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'coverage/**', 'node_modules/**', 'test/e2e/screenshots/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src-main/core/**', 'src-main/contract/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronImport, uiImport, rendererImport] }],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    files: ['src-main/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [electronImport, uiImport, rendererImport, nodeBuiltinImport] },
      ],
      'no-restricted-globals': ['error', ...domGlobals, 'process', 'Buffer'],
    },
  },
  {
    files: ['src-main/core/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [rendererImport] }] },
  },
  {
    files: ['src-preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src-main/(?!contract/ipc$)',
              message: 'The preload forwards the contract only: import src-main/contract/ipc.',
            },
            rendererImport,
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src-main(/(?!contract(/|$))|$)',
              message: 'The renderer reaches src-main only through src-main/contract.',
            },
            {
              regex: '^(electron|node:.*)$',
              message: 'The renderer runs in a sandboxed page: no Electron or Node modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
