import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Text that starts an SQL statement (case-insensitive), for the rule that keeps SQL in repositories. */
const SQL = '/^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|TRUNCATE)\\s/i';

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
            // Contracts re-export the domain's state enums (the domain owns its states).
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain'] },
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
            // The front-ends' client is generated from the contract and stands alone.
            { sourceTag: 'type:api-client', onlyDependOnLibsWithTags: [] },
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
    // A service's SQL lives in its repositories (and migrations): a statement anywhere else in an
    // app fails the lint. A statement is a string or template that starts with an SQL verb.
    files: ['apps/*/src/**/*.ts'],
    ignores: [
      'apps/*/src/**/*.repository.ts',
      'apps/*/src/database/migrations/**',
      'apps/*/src/**/*.spec.ts',
      'apps/*/src/**/*.integration-spec.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `Literal[value=${SQL}]`,
          message: 'SQL belongs in a *.repository.ts of the feature (see the service README)',
        },
        {
          selector: `TemplateLiteral > TemplateElement:first-child[value.raw=${SQL}]`,
          message: 'SQL belongs in a *.repository.ts of the feature (see the service README)',
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
