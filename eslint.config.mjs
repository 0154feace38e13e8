import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Zero warnings allowed (`eslint . --max-warnings 0`). Module boundaries keep the architecture honest. */
export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.nx/**',
      '**/tmp/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Apps depend on libs only (Nx forbids importing an app); no service imports another.
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform'],
            },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: [],
              // Pure logic: no I/O, no framework.
              bannedExternalImports: [
                'pg',
                'typeorm',
                'nats',
                'minio',
                'puppeteer*',
                '@nestjs/*',
                'node:*',
                'fs',
                'net',
                'http',
                'https',
                'child_process',
              ],
            },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform'] },
          ],
        },
      ],
    },
  },
  {
    // libs/domain is pure: Node built-ins are I/O too (the Nx rule above covers packages).
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'crypto', 'os'],
              message: 'libs/domain does no I/O',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests, tools and benchmarks may use the testing lib and start apps.
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', 'test/**/*.ts', 'tools/**/*.ts', 'bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
);
