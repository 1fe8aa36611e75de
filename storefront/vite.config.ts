import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { persistedOperations } from './persisted-operations.ts';
import { sessionEndpoints } from './server-app.mjs';

const routerUrl = process.env.ROUTER_URL ?? 'http://127.0.0.1:4000';
const manifest = fileURLToPath(new URL('../schema/persisted-queries/storefront.json', import.meta.url));

export default defineConfig({
  plugins: [
    react(),
    persistedOperations(manifest),
    {
      // The session endpoints of the production server (server-app.mjs), in development too.
      name: 'storegraph-session-endpoints',
      configureServer(server) {
        const handle = sessionEndpoints({ routerUrl: new URL(routerUrl) });
        server.middlewares.use((req, res, next) => {
          const pathname = new URL(req.url ?? '/', 'http://dev').pathname;
          if (pathname.startsWith('/auth/')) handle(req, res, pathname);
          else next();
        });
      },
    },
  ],
  // `pnpm --filter @storegraph/storefront dev`: hot reload, the API through the same origin.
  server: {
    host: '127.0.0.1',
    port: Number(process.env.PORT ?? 5173),
    proxy: { '/graphql': routerUrl, '/media': routerUrl },
  },
  build: { target: 'es2022', sourcemap: false },
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.{ts,tsx}'],
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
