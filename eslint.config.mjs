import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'dist-h5/**',
      'coverage/**',
      '.emulator-data/**',
      '.tmp/**',
      'bench/results/**',
      'cloudfunctions/*/index.js',
      'tests/e2e/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // core/ is the pure domain shared by the app and the functions: no platform imports, no other project folder,
    // and its domains never import the assembled contract (core/api.ts, core/schemas.ts).
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tarojs/*', 'react', 'react-dom', 'wx-server-sdk', '@cloudbase/*'],
              message: 'core/ must stay platform-free',
            },
            {
              group: ['node:*', 'fs', 'path', 'http', 'crypto', 'child_process'],
              message: 'core/ must stay platform-free',
            },
            {
              group: [
                '@server/*',
                '@emulator/*',
                '@database/*',
                '@scripts/*',
                '@tests/*',
                '@/*',
                '@core/*',
                '../../*',
              ],
              message:
                'core/ depends on nothing else in the project; import a domain by its folder (../policy)',
            },
            {
              group: ['../api', '../schemas'],
              message:
                'core/api.ts and core/schemas.ts assemble the domains: a domain importing them is a cycle',
            },
          ],
        },
      ],
    },
  },
  prettier,
)
