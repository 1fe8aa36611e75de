import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * The vitest setup every workspace package uses:
 * - SWC compiles the type-graphql decorators (legacy decorators with metadata);
 * - `graphql` resolves to one file, or schemas built by one copy are rejected by
 *   another ("from another module or realm");
 * - workspace packages resolve to their TypeScript sources (the `source` condition),
 *   so tests never run against a stale dist/.
 */
export function sharedVitestConfig(overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return defineConfig({
    plugins: [
      swc.vite({
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
        },
        module: { type: 'es6' },
      }),
    ],
    resolve: {
      alias: { graphql: require.resolve('graphql') },
      conditions: ['source', 'node', 'development|production'],
    },
    ssr: { resolve: { conditions: ['source', 'node', 'development|production'] } },
    test: {
      environment: 'node',
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // The JSON report lets `npm test` print one total for the whole workspace.
      reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
      ...overrides,
    },
  });
}
