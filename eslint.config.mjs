import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'release/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // The wire contract is shared by Node and the browser: it may import neither.
    files: ['protocol/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['node:*', 'socket.io*', '../signaling-server/*', '../renderer/*'] }] },
  },
  {
    // The renderer sees the server and the desktop shell only through protocol/ (socket and IPC contracts).
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['node:*', '**/signaling-server/**', '**/main/**', 'electron'] }] },
  },
  {
    // The literal-text check reads the components' source files; it runs in jest, never in the bundle.
    files: ['renderer/i18n/literal-strings.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/signaling-server/**', '**/main/**', 'electron'] }] },
  },
  {
    // Electron main + preload: feature logic is tested without Electron, so only the glue files
    // may load 'electron' at run time (type imports are fine everywhere). No renderer or server code.
    files: ['main/**/*.ts'],
    ignores: ['main/index.ts', 'main/preload.ts', 'main/protocol/register.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', allowTypeImports: true, message: 'Reach Electron through an injected interface; only the glue files import it.' }],
          patterns: ['**/renderer/**', '**/signaling-server/**', 'electron-updater'],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.{js,mjs,ts}'],
    rules: { 'no-console': 'off' },
  },
);
